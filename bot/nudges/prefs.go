package nudges

import (
	"fmt"
	"time"

	"github.com/clockbot/clockbot/store"
)

// DefaultNudgeAt is the time of the daily nudge when a person chose none.
const DefaultNudgeAt = "10:00"

// Prefs are one person's nudge and heads-up settings.
type Prefs struct {
	// Nudge is the person's choice for the daily nudge; nil follows the
	// workspace default admins set.
	Nudge *bool `json:"nudge,omitempty"`
	// NudgeAt is the local time of the nudge, "HH:MM"; "" is
	// DefaultNudgeAt.
	NudgeAt string `json:"nudgeAt,omitempty"`
	// SnoozedUntil is the last local date ("2026-11-24") without a nudge
	// after "snooze for a week".
	SnoozedUntil string `json:"snoozedUntil,omitempty"`
	// HeadsUpOff opts out of the heads-up.
	HeadsUpOff bool `json:"headsUpOff,omitempty"`
}

// workspaceDefault is the workspace default of the nudge.
type workspaceDefault struct {
	Nudge bool `json:"nudge"`
}

// LoadPrefs reads a Slack user's settings (the zero Prefs when none).
func LoadPrefs(st *store.Store, slackID string) (Prefs, error) {
	var p Prefs
	if _, err := st.Setting(store.NudgePrefsKey(slackID), &p); err != nil {
		return p, fmt.Errorf("read nudge settings: %w", err)
	}
	return p, nil
}

// UpdatePrefs changes a Slack user's settings in one transaction.
func UpdatePrefs(st *store.Store, slackID string, fn func(p *Prefs)) error {
	var p Prefs
	return st.UpdateSetting(store.NudgePrefsKey(slackID), &p, func(bool) (bool, error) {
		fn(&p)
		return true, nil
	})
}

// DefaultOn reports whether the nudge is on for people who did not choose.
func DefaultOn(st *store.Store) (bool, error) {
	var d workspaceDefault
	if _, err := st.Setting(store.NudgeDefaultKey(), &d); err != nil {
		return false, fmt.Errorf("read nudge default: %w", err)
	}
	return d.Nudge, nil
}

// SetDefault sets the workspace default of the nudge.
func SetDefault(st *store.Store, on bool) error {
	return st.PutSetting(store.NudgeDefaultKey(), workspaceDefault{Nudge: on})
}

// nudgeOn reports whether the nudge is on for p given the default.
func (p Prefs) nudgeOn(def bool) bool {
	if p.Nudge != nil {
		return *p.Nudge
	}
	return def
}

// ParseClock reads a time of day, "9:30" or "18:00", as "HH:MM".
func ParseClock(s string) (string, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		if t, err = time.Parse("3:04", s); err != nil {
			return "", false
		}
	}
	return t.Format("15:04"), true
}

// due reports whether at ("HH:MM") has come on local's day, up to
// catchUp later (a missed scheduler tick still sends).
func due(at string, local time.Time) bool {
	t, err := time.Parse("15:04", at)
	if err != nil {
		return false
	}
	y, m, d := local.Date()
	when := time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, local.Location())
	return !local.Before(when) && local.Before(when.Add(catchUp))
}

// Settings returns a Slack user's nudge (on, and its time) and heads-up
// settings, the workspace default applied; the Home tab shows them.
func (n *Nudges) Settings(slackID string) (nudgeOn bool, nudgeAt string, headsUpOn bool, err error) {
	p, err := LoadPrefs(n.store, slackID)
	if err != nil {
		return false, "", false, err
	}
	def, err := DefaultOn(n.store)
	if err != nil {
		return false, "", false, err
	}
	at := p.NudgeAt
	if at == "" {
		at = DefaultNudgeAt
	}
	return p.nudgeOn(def), at, !p.HeadsUpOff && n.cfg.HeadsUp != "", nil
}

// SetNudge turns a Slack user's daily nudge on (ending a snooze) or off.
func (n *Nudges) SetNudge(slackID string, on bool) error {
	return UpdatePrefs(n.store, slackID, func(p *Prefs) {
		p.Nudge = &on
		if on {
			p.SnoozedUntil = ""
		}
	})
}

// SetHeadsUp turns a Slack user's heads-up on or off.
func (n *Nudges) SetHeadsUp(slackID string, on bool) error {
	return UpdatePrefs(n.store, slackID, func(p *Prefs) { p.HeadsUpOff = !on })
}

// DefaultNudge reports the workspace default of the nudge.
func (n *Nudges) DefaultNudge() (bool, error) { return DefaultOn(n.store) }

// SetDefaultNudge sets the workspace default of the nudge.
func (n *Nudges) SetDefaultNudge(on bool) error { return SetDefault(n.store, on) }
