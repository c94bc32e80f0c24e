package home

import (
	"context"

	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/slack-go/slack"
)

// NudgeSettings are the daily nudge and heads-up settings the Home tab
// shows and toggles (*nudges.Nudges).
type NudgeSettings interface {
	Settings(slackID string) (nudgeOn bool, nudgeAt string, headsUpOn bool, err error)
	SetNudge(slackID string, on bool) error
	SetHeadsUp(slackID string, on bool) error
	DefaultNudge() (bool, error)
	SetDefaultNudge(on bool) error
}

// The action ids of the nudge toggles.
const (
	actionHomeNudge         = "home_nudge"          // value "on" or "off"
	actionHomeHeadsUp       = "home_headsup"        // value "on" or "off"
	actionAdminNudgeDefault = "admin_nudge_default" // value "on" or "off"
)

// nudgeView is what the Home tab shows of the nudge settings.
type nudgeView struct {
	on      bool
	at      string
	headsUp bool
	def     bool // the workspace default, for admins
}

// SetNudges gives the Home tab the nudge settings to show and toggle. Call
// it before Register.
func (h *Home) SetNudges(n NudgeSettings) { h.nudges = n }

// registerNudges adds the toggles' actions when the nudges are set.
func (h *Home) registerNudges(r *slackapp.Router) {
	if h.nudges == nil {
		return
	}
	r.Action(actionHomeNudge, h.onNudgeToggle)
	r.Action(actionHomeHeadsUp, h.onNudgeToggle)
	r.Action(actionAdminNudgeDefault, h.onNudgeToggle)
}

// gatherNudges reads the viewer's nudge settings (nil without nudges).
func (h *Home) gatherNudges(slackID string) (*nudgeView, error) {
	if h.nudges == nil {
		return nil, nil
	}
	var v nudgeView
	var err error
	if v.on, v.at, v.headsUp, err = h.nudges.Settings(slackID); err != nil {
		return nil, err
	}
	if v.def, err = h.nudges.DefaultNudge(); err != nil {
		return nil, err
	}
	return &v, nil
}

// nudgeBlocks are the viewer's toggles of the nudge and the heads-up.
func nudgeBlocks(d homeData) []slack.Block {
	v := d.nudge
	if v == nil {
		return nil
	}
	nudge := "*Daily nudge:* off. `/tt nudge on HH:MM` picks a time."
	toggle := homeButton(actionHomeNudge, "on", "Turn on")
	if v.on {
		nudge = "*Daily nudge:* on, at " + v.at + " your time, after a working day with less time than its share of your target."
		toggle = homeButton(actionHomeNudge, "off", "Turn off")
	}
	headsUp := "*Heads-up before the report:* off."
	htoggle := homeButton(actionHomeHeadsUp, "on", "Turn on")
	if v.headsUp {
		headsUp = "*Heads-up before the report:* on. On the last working day I tell you if your week would be flagged."
		htoggle = homeButton(actionHomeHeadsUp, "off", "Turn off")
	}
	return []slack.Block{homeSection(nudge, toggle), homeSection(headsUp, htoggle)}
}

// adminNudgeBlocks is the admins' toggle of the workspace default.
func adminNudgeBlocks(d homeData) []slack.Block {
	if d.nudge == nil || d.admin == nil {
		return nil
	}
	text, b := "*Daily nudge by default:* off (people turn it on themselves).", homeButton(actionAdminNudgeDefault, "on", "Turn on for everyone")
	if d.nudge.def {
		text, b = "*Daily nudge by default:* on for people who did not choose.", homeButton(actionAdminNudgeDefault, "off", "Turn off by default")
	}
	return []slack.Block{homeSection(text, b)}
}

// onNudgeToggle turns the viewer's nudge or heads-up, or (admins) the
// workspace default, on or off.
func (h *Home) onNudgeToggle(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	on := action.Value == "on"
	if !on && action.Value != "off" {
		return h.publish(ctx, actor, "")
	}
	var err error
	var notice string
	switch action.ActionID {
	case actionHomeNudge:
		err, notice = h.nudges.SetNudge(actor, on), "Daily nudge "+action.Value+"."
	case actionHomeHeadsUp:
		err, notice = h.nudges.SetHeadsUp(actor, on), "Heads-up "+action.Value+"."
	case actionAdminNudgeDefault:
		if !h.people.IsAdmin(actor) {
			return h.publish(ctx, actor, "Only admins can change the default of the daily nudge.")
		}
		err, notice = h.nudges.SetDefaultNudge(on), "The daily nudge is now "+action.Value+" by default."
	}
	if err != nil {
		return err
	}
	return h.publish(ctx, actor, notice)
}
