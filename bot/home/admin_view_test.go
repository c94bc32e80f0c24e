package home

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
)

// TestAdminSyncLineSaysDaysOffUnavailable checks that the admin Home tab's
// sync line says days off were not applied when the last sync found the
// workspace without Clockify's Time off feature.
func TestAdminSyncLineSaysDaysOffUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   time.Time
		want bool
	}{
		{"time off available", time.Time{}, false},
		{"time off unavailable", time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := homeSyncText(&adminData{sync: store.SyncStatus{TimeOffUnavailableAt: tc.at}}, time.UTC)
			if strings.Contains(got, report.DaysOffUnavailableText) != tc.want {
				t.Errorf("admin Home sync line = %q; saying days off are unavailable: want %v", got, tc.want)
			}
		})
	}
}
