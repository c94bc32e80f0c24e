package delivery

import (
	"time"

	"github.com/clockbot/clockbot/bot/report"
)

// Delivery modes of REPORT_DELIVERY.
const (
	// GroupDM opens a group DM with the person and their managers
	// (Slack allows 8 people; with more it falls back to a private channel).
	GroupDM = "group_dm"
	// PrivateChannel keeps one private channel per person.
	PrivateChannel = "private_channel"
	// Channel posts into one shared channel, mentioning everyone.
	Channel = "channel"
)

// MessageOptions renders a weekly message as delivered in mode: in the
// shared channel it mentions the managers too. The deliverer, the
// admins' preview and the manager buttons that rewrite a message all use
// it, so a rewritten message looks like the first one.
func MessageOptions(mode, clockifyURL string, workdays []time.Weekday) report.MessageOptions {
	return report.MessageOptions{ClockifyURL: clockifyURL, Mentions: mode == Channel, Workdays: workdays}
}
