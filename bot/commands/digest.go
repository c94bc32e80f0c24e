package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/slack-go/slack"
)

// digest answers `/tt digest on|off`: a manager's team digest, one direct
// message on report day with their whole team's week.
func (c *Commands) digest(ctx context.Context, slackID, args string) (slack.Msg, error) {
	p, err := people.LoadPrefs(c.store, slackID)
	if err != nil {
		return slack.Msg{}, err
	}
	switch strings.ToLower(args) {
	case "on", "off":
		on := strings.EqualFold(args, "on")
		if p, err = people.UpdatePrefs(c.store, slackID, func(p *people.Prefs) { p.TeamDigest = on }); err != nil {
			return slack.Msg{}, err
		}
	case "":
	default:
		return cmdReply("Use `/tt digest on` or `/tt digest off` (I got “" + echoInput(args) + "”)."), nil
	}
	team, err := c.people.ManagedBy(ctx, slackID)
	if err != nil {
		return slack.Msg{}, fmt.Errorf("people managed by %s: %w", slackID, err)
	}
	note := ""
	if len(team) == 0 {
		note = "\nNobody reports to you in Clockify yet, so there is nothing to send until someone does."
	}
	switch {
	case !p.TeamDigest && args == "":
		return cmdReply("Your team digest is off. `/tt digest on` sends you, on report day, one message with your whole team's week: hours, target, why someone was flagged, billable share and a link to each weekly message." + note), nil
	case !p.TeamDigest:
		return cmdReply("Done: no team digest any more." + note), nil
	}
	return cmdReply("Done: on report day you get one message with your whole team's week (hours, target, reasons, billable share, links to the weekly messages). Turn it off with `/tt digest off`." + note), nil
}
