package report

import (
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
)

// PersonReason is the reason a person gave their manager for a short week
// before the report (from the heads-up).
type PersonReason struct {
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// SavePersonReason stores the reason a Clockify user gave for week
// ("2026-W47"), replacing an earlier one.
func SavePersonReason(st *store.Store, week, clockifyUserID, text string, at time.Time) error {
	if err := st.PutSetting(store.HeadsUpReasonKey(week, clockifyUserID), PersonReason{Text: text, At: at.UTC()}); err != nil {
		return fmt.Errorf("save the reason: %w", err)
	}
	return nil
}

// LoadPersonReason returns the reason a Clockify user gave for week, if
// any.
func LoadPersonReason(st *store.Store, week, clockifyUserID string) (PersonReason, bool, error) {
	var r PersonReason
	ok, err := st.Setting(store.HeadsUpReasonKey(week, clockifyUserID), &r)
	return r, ok, err
}

// personReasonText is the weekly message's line with the person's own
// reason.
func personReasonText(u UserReport) string {
	return ":speech_balloon: *Their note for the manager, given before this report:* " + slackui.EscapeMrkdwn(slackui.Clean(u.PersonReason, 500))
}
