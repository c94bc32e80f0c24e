package home

import (
	"context"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/slack-go/slack"
)

// actionHomeTeamDigest turns the viewer's team digest on or off.
const actionHomeTeamDigest = "home_team_digest"

// teamDigestBlock is the managers' team digest setting with its toggle.
func teamDigestBlock(d homeData) slack.Block {
	if d.prefs.TeamDigest {
		return homeSection("*Team digest:* on. On report day you get one message with your whole team's week: hours, target, reasons, billable share and links to the weekly messages.",
			homeButton(actionHomeTeamDigest, "off", "Turn off"))
	}
	return homeSection("*Team digest:* off. Turn it on to get your whole team's week in one message on report day.",
		homeButton(actionHomeTeamDigest, "on", "Turn on"))
}

// onTeamDigest turns the viewer's team digest on or off.
func (h *Home) onTeamDigest(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	on := action.Value == "on"
	if !on && action.Value != "off" {
		return h.publish(ctx, actor, "")
	}
	if _, err := people.UpdatePrefs(h.store, actor, func(p *people.Prefs) { p.TeamDigest = on }); err != nil {
		return err
	}
	notice := "The team digest is off."
	if on {
		notice = "The team digest is on: on report day you get your whole team's week in one message."
	}
	return h.publish(ctx, actor, notice)
}
