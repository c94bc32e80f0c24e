package nudges

import (
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/slack-go/slack"
)

// dayLabel writes a date as "Tue 17 Nov".
func dayLabel(noon time.Time) string { return noon.Format("Mon 2 Jan") }

// nudgeMessage is the daily nudge: what was logged yesterday against the
// day's share, a Log time button for that day and "snooze for a week".
func nudgeMessage(noon time.Time, date string, logged, share float64) (string, []slack.Block) {
	text := fmt.Sprintf(":wave: A gentle nudge: yesterday (%s) you logged %s h, and your share of the weekly target for that day is %s h. If you forgot some time, you can log it now.",
		dayLabel(noon), slackui.Hours(logged), slackui.Hours(share))
	return text, []slack.Block{
		slackui.Section(text),
		slack.NewActionBlock("nudges_buttons",
			slackui.Button(ActionLogTime, date, "Log time for "+dayLabel(noon)).WithStyle(slack.StylePrimary),
			slackui.Button(ActionSnooze, date, "Snooze for a week"),
		),
	}
}

// headsUpMessage is the heads-up: the hours so far, the target after
// holidays and time off, what is left, and the Log time and reason
// buttons.
func headsUpMessage(r report.UserReport, week, today string) (string, []slack.Block) {
	left := max(0, r.TargetHours-r.Hours)
	text := fmt.Sprintf(":hourglass_flowing_sand: Heads-up for this week: you have logged %s h of your %s h target (after holidays and time off), so %s h are left. If nothing changes, your manager will see this week flagged on Monday. If there is a reason, you can add it for them now.",
		slackui.Hours(r.Hours), slackui.Hours(r.TargetHours), slackui.Hours(left))
	return text, []slack.Block{
		slackui.Section(text),
		slack.NewActionBlock("nudges_buttons",
			slackui.Button(ActionLogTime, today, "Log time").WithStyle(slack.StylePrimary),
			slackui.Button(ActionReason, week, "Add a reason for my manager"),
		),
	}
}
