package home

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/slack-go/slack"
)

// homeLists are the paged lists of the Home tab.
var homeLists = map[string]bool{"team": true, "flagged": true, "targets": true, "excluded": true, "overrides": true}

// maxHomePage bounds a page number taken from a button.
const maxHomePage = 10000

// homeClockTime matches "HH:MM" on a 24-hour clock.
var homeClockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// onNotify turns the viewer's timer notifications on or off.
func (h *Home) onNotify(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	on := action.Value == "on"
	if !on && action.Value != "off" {
		return h.publish(ctx, actor, "")
	}
	if _, err := people.UpdatePrefs(h.store, actor, func(p *people.Prefs) { p.Notify = on }); err != nil {
		return err
	}
	notice := "Timer notifications are off."
	if on {
		notice = "Timer notifications are on: your timer starts and stops are posted to the team channel."
	}
	return h.publish(ctx, actor, notice)
}

// onSummary sets the time of the viewer's daily summary, or turns it off.
func (h *Home) onSummary(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	v := action.SelectedOption.Value
	if v != "off" && !homeClockTime.MatchString(v) {
		return h.publish(ctx, actor, "")
	}
	notice, at := "The daily summary is off.", ""
	if v != "off" {
		notice, at = "You will get a daily summary at "+v+", your time.", v
	}
	if _, err := people.UpdatePrefs(h.store, actor, func(p *people.Prefs) { p.SummaryAt = at }); err != nil {
		return err
	}
	return h.publish(ctx, actor, notice)
}

// onPage shows another page of one of the Home tab's lists; the button's
// value is "<list>:<page>".
func (h *Home) onPage(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	list, n, ok := strings.Cut(action.Value, ":")
	page, err := strconv.Atoi(n)
	if ok && err == nil && homeLists[list] && page >= 0 && page <= maxHomePage {
		h.setPage(actor, list, page)
	}
	return h.publish(ctx, actor, "")
}
