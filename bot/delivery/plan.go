package delivery

import (
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
)

// PlannedMessage is where one flagged person's weekly message would go, as
// `clockbot report --send --dry-run` shows it. Nothing is sent to plan it.
type PlannedMessage struct {
	ClockifyUserID string `json:"clockifyUserId"`
	Email          string `json:"email"`
	Name           string `json:"name"`
	// Conversation says where: a direct message, a group DM with whom, a
	// private channel with whom, or the shared channel.
	Conversation string `json:"conversation"`
	// Audience is the Slack ids that would see it, the person first.
	Audience []string `json:"audience"`
	// Skipped says why the message would not be sent, when it would not.
	Skipped string `json:"skipped,omitempty"`
}

// Plan returns, for each flagged person of rep, the conversation Deliver
// would post their weekly message in, or why it would not send one (already
// sent, no Slack account), without calling Slack.
func (d *Deliverer) Plan(rep report.Report) []PlannedMessage {
	var out []PlannedMessage
	for _, u := range rep.Users {
		if !u.Flagged {
			continue
		}
		p := PlannedMessage{ClockifyUserID: u.ClockifyUserID, Email: u.Email, Name: u.Name}
		if rec, ok, err := d.store.Delivery(rep.Week, u.ClockifyUserID); err == nil && ok && rec.State == store.DeliverySent {
			p.Skipped = fmt.Sprintf("already sent (%s)", rec.UpdatedAt.UTC().Format("2006-01-02 15:04 UTC"))
			out = append(out, p)
			continue
		}
		if u.SlackUserID == "" {
			p.Skipped = fmt.Sprintf("no Slack account for %s", u.Email)
			out = append(out, p)
			continue
		}
		p.Audience = d.audience(u)
		who := strings.Join(p.Audience, ", ")
		switch {
		case d.cfg.Mode == Channel:
			p.Conversation = fmt.Sprintf("channel %s, mentioning %s", d.cfg.Channel, who)
		case d.cfg.Mode == PrivateChannel || len(p.Audience) > maxGroupDMUsers:
			p.Conversation = fmt.Sprintf("private channel %s… with %s", d.cfg.ChannelPrefix, who)
		case len(p.Audience) == 1:
			p.Conversation = "direct message with " + who
		default:
			p.Conversation = "group DM with " + who
		}
		out = append(out, p)
	}
	return out
}
