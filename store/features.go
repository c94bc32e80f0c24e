package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The settings keys of the bot's features. Features store their own JSON
// values (the store does not know their types) but never spell a key: they
// call the methods below, so that every key the bot writes is listed here.
const (
	keyReportSettings   = "report_settings"
	keyManagerOverrides = "manager_overrides"
	prefixPrefs         = "prefs:"
	prefixSummarySent   = "summary_sent:"
	prefixWeeklyRun     = "weekly_run:"
	prefixSyncAlert     = "weekly_sync_alert:"
	prefixReportChannel = "report_channel:"
	prefixAdminDigest   = "admin_digest:"
	keyNudgeDefault     = "nudge_default"
	prefixNudgePrefs    = "nudge_prefs:"
	prefixNudgeSent     = "nudge_sent:"
	prefixHeadsUpSent   = "headsup_sent:"
	prefixHeadsUpReason = "headsup_reason:"
	prefixTeamDigest    = "team_digest:"
	keyFirstStart       = "run_first_start"
)

// FirstStartKey is the key of the time `clockbot run` first started on
// this database (its first-start notice to the admins).
func FirstStartKey() string { return keyFirstStart }

// NudgeDefaultKey is the key of the workspace default of the daily nudge
// that admins set.
func NudgeDefaultKey() string { return keyNudgeDefault }

// NudgePrefsKey is the key of one Slack user's daily nudge and Friday
// heads-up settings.
func NudgePrefsKey(slackID string) string { return prefixNudgePrefs + slackID }

// NudgeSentKey is the ledger record of the last daily nudge sent to a Slack
// user (claimed before sending).
func NudgeSentKey(slackID string) string { return prefixNudgeSent + slackID }

// HeadsUpSentKey is the ledger record of the last Friday heads-up sent to a
// Slack user (claimed before sending).
func HeadsUpSentKey(slackID string) string { return prefixHeadsUpSent + slackID }

// HeadsUpReasonKey is the key of the reason one Clockify user gave their
// manager for the week ("2026-W47") after a heads-up.
func HeadsUpReasonKey(week, clockifyUserID string) string {
	return prefixHeadsUpReason + week + ":" + clockifyUserID
}

// ReportSettingsKey is the key of the report settings admins change.
func ReportSettingsKey() string { return keyReportSettings }

// ManagerOverridesKey is the key of the managers admins set per person.
func ManagerOverridesKey() string { return keyManagerOverrides }

// PrefsKey is the key of one Slack user's personal settings.
func PrefsKey(slackID string) string { return prefixPrefs + slackID }

// SummarySentKey is the key of the last daily summary sent to a Slack user.
func SummarySentKey(slackID string) string { return prefixSummarySent + slackID }

// WeeklyRunKey is the key of the record of one week's weekly run
// ("2026-W46").
func WeeklyRunKey(week string) string { return prefixWeeklyRun + week }

// SyncAlertKey is the key that says the admins were told that week's data
// could not be synced.
func SyncAlertKey(week string) string { return prefixSyncAlert + week }

// ReportChannelKey is the key of the private channel of one Clockify user's
// weekly messages.
func ReportChannelKey(clockifyUserID string) string { return prefixReportChannel + clockifyUserID }

// AdminDigestKey is the key of the delivery record of one week's digest to
// one admin.
func AdminDigestKey(week, adminSlackID string) string {
	return prefixAdminDigest + week + ":" + adminSlackID
}

// TeamDigestKey is the key of the delivery record of one week's team
// digest to one manager.
func TeamDigestKey(week, managerSlackID string) string {
	return prefixTeamDigest + week + ":" + managerSlackID
}

// UpdateSetting reads the value under key into v (a pointer; left as it is
// when the key is absent), calls fn and, when fn reports a change, stores
// v, all in one transaction: concurrent read-modify-writes of one setting
// never lose each other's changes. An error from fn aborts without a
// write.
func (s *Store) UpdateSetting(key string, v any, fn func(found bool) (changed bool, err error)) error {
	if key == "" {
		return fmt.Errorf("update setting: empty key: %w", ErrInvalid)
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		found, err := getJSON(b, []byte(key), v)
		if err != nil {
			return err
		}
		changed, err := fn(found)
		if err != nil || !changed {
			return err
		}
		return putJSON(b, []byte(key), v)
	})
	if err != nil {
		return fmt.Errorf("update setting %q: %w", key, err)
	}
	return nil
}

// AuditRefused starts the detail of an audit entry for a press or a
// submission clockbot refused (not a manager, a stale button...).
const AuditRefused = "refused: "
