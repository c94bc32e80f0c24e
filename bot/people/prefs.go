package people

import (
	"fmt"

	"github.com/clockbot/clockbot/store"
)

// Prefs are one Slack user's personal settings.
type Prefs struct {
	// Notify posts this user's timer starts and stops to NOTIFY_CHANNEL.
	Notify bool `json:"notify,omitempty"`
	// SummaryAt is the local time ("18:00") of the daily summary DM; "" is off.
	SummaryAt string `json:"summaryAt,omitempty"`
	// TeamDigest sends this manager their whole team's week on report day.
	TeamDigest bool `json:"teamDigest,omitempty"`
}

func prefsKey(slackID string) string { return store.PrefsKey(slackID) }

// LoadPrefs reads a user's settings; absent settings are the zero Prefs.
func LoadPrefs(st *store.Store, slackID string) (Prefs, error) {
	var p Prefs
	if _, err := st.Setting(prefsKey(slackID), &p); err != nil {
		return p, fmt.Errorf("read prefs of %s: %w", slackID, err)
	}
	return p, nil
}

// UpdatePrefs changes a user's settings with fn and stores them in one store
// transaction, so that two settings changed at once (a Home-tab toggle and a
// /tt command) never undo each other. It returns the settings stored.
func UpdatePrefs(st *store.Store, slackID string, fn func(p *Prefs)) (Prefs, error) {
	var p Prefs
	err := st.UpdateSetting(prefsKey(slackID), &p, func(bool) (bool, error) {
		fn(&p)
		return true, nil
	})
	if err != nil {
		return p, fmt.Errorf("save prefs of %s: %w", slackID, err)
	}
	return p, nil
}
