package report

import (
	"fmt"
	"math"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

// BillableText is a week's billable and non-billable hours, for example
// "*Billable:* 8 h · *non-billable:* 5 h (62% billable)"; "" when nothing
// was logged. The Home tab and the Details modal show it.
func BillableText(u UserReport) string {
	if u.Hours <= 0 {
		return ""
	}
	return fmt.Sprintf("*Billable:* %s h · *non-billable:* %s h (%d%% billable)",
		slackui.Hours(u.BillableHours), slackui.Hours(max(u.Hours-u.BillableHours, 0)), BillableShare(u))
}

// BillableShare is the billable share of a week's hours in percent, 0
// when nothing was logged.
func BillableShare(u UserReport) int {
	if u.Hours <= 0 {
		return 0
	}
	return int(math.Round(min(u.BillableHours/u.Hours, 1) * 100))
}
