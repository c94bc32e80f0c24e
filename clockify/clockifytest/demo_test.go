package clockifytest

import (
	"reflect"
	"testing"
	"time"
)

// TestLoadDemo checks the demo team through the API: deterministic from the
// clock, at least four time zones, the holiday, the four kinds of time
// off, managers and a running timer that started before now.
func TestLoadDemo(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 12, 7, 0, 5, 0, 0, time.UTC),    // Monday just after midnight
		time.Date(2026, 12, 10, 15, 30, 0, 0, time.UTC), // Thursday afternoon
	} {
		t.Run(now.Weekday().String(), func(t *testing.T) {
			a, b := NewTB(t), NewTB(t)
			wa, wb := a.LoadDemo(now), b.LoadDemo(now)
			if !reflect.DeepEqual(wa, wb) {
				t.Fatalf("LoadDemo is not deterministic")
			}
			assertEqual(t, "last week", wa.LastWeek, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
			zones := map[string]bool{}
			for _, p := range wa.People {
				zones[p.TimeZone] = true
				if !reflect.DeepEqual(a.Entries(p.ClockifyID), b.Entries(p.ClockifyID)) {
					t.Errorf("%s: entries differ between two loads", p.Name)
				}
				for _, e := range a.Entries(p.ClockifyID) {
					if e.Start.After(now) || (e.End != nil && e.End.After(now)) {
						t.Errorf("%s: entry %v–%v is after now", p.Name, e.Start, e.End)
					}
				}
			}
			if len(wa.People) < 12 || len(zones) < 4 {
				t.Errorf("%d people in %d zones; want 12 in at least 4", len(wa.People), len(zones))
			}
			if e, ok := a.Running("cf-ivan"); !ok || !e.Start.Before(now) {
				t.Errorf("Ivan's timer = %+v, %v; want one running since before now", e, ok)
			}
			path := "/api/v1/workspaces/ws-1/holidays"
			assertEqual(t, "holidays", ids(call(t, a, "GET", path, nil).objects(t)), []string{"hol-founders"})
			var reqs struct {
				Requests []struct {
					ID     string `json:"id"`
					Status struct {
						StatusType string `json:"statusType"`
					} `json:"status"`
				} `json:"requests"`
			}
			call(t, a, "POST", "/api/v1/workspaces/ws-1/time-off/requests", map[string]any{
				"start": "2026-11-20T00:00:00Z", "end": "2026-12-20T00:00:00Z", "page": 1, "pageSize": 50,
			}).decode(t, &reqs)
			got := map[string]string{}
			for _, r := range reqs.Requests {
				got[r.ID] = r.Status.StatusType
			}
			assertEqual(t, "time off", got, map[string]string{"tor-bruno": "APPROVED", "tor-chloe": "APPROVED", "tor-dev": "APPROVED", "tor-hana": "PENDING"})
			managers := call(t, a, "GET", "/api/v1/workspaces/ws-1/users/cf-lea/managers", nil).objects(t)
			assertEqual(t, "Lea's managers", ids(managers), []string{"cf-grace"})
		})
	}
}
