package delivery

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestFreshReportSkipsARefusedManagersLookup: when Clockify refuses the
// confirmation of one flagged person's managers before sending
// (/users/{id}/managers answering a 4xx other than 404, e.g. a member who
// left), FreshReport logs it and keeps the managers the sync knows; it
// neither fails nor holds up the report.
func TestFreshReportSkipsARefusedManagersLookup(t *testing.T) {
	for _, status := range []int{400, 403} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			f := newWeeklyFixture(t)
			var logs bytes.Buffer
			f.runner.log = slog.New(slog.NewTextHandler(&logs, nil))
			if _, err := f.runner.syncer.Sync(t.Context(), syncer.Options{}); err != nil {
				t.Fatalf("Sync(): %v", err)
			}
			// A day later the synced managers need confirming before sending.
			f.clock.Advance(syncer.ManagersMaxAge + time.Hour)
			f.cf.InjectFault(clockifytest.Fault{PathContains: "/users/c-ann/managers", Status: status})
			before := countPaths(f.cf.RequestLog(), "/users/c-ann/managers")
			rep, _, err := f.runner.FreshReport(t.Context(), mustWeek(t, "2026-W46"))
			if err != nil {
				t.Fatalf("FreshReport() with /users/c-ann/managers answering %d: %v", status, err)
			}
			if countPaths(f.cf.RequestLog(), "/users/c-ann/managers") == before {
				t.Fatal("FreshReport did not ask for Ann's managers; the test tests nothing")
			}
			var mgrs []string
			for _, u := range rep.Users {
				if u.ClockifyUserID == "c-ann" {
					for _, m := range u.Managers {
						mgrs = append(mgrs, m.ClockifyUserID)
					}
				}
			}
			if fmt.Sprint(mgrs) != "[c-mia]" {
				t.Errorf("Ann's managers in the report = %v, want the synced [c-mia]", mgrs)
			}
			if log := logs.String(); !strings.Contains(log, "could not confirm one person's managers") || !strings.Contains(log, "c-ann") {
				t.Errorf("the skipped confirmation is not logged:\n%s", log)
			}
		})
	}
}

// countPaths counts the requests in log whose path contains part.
func countPaths(log []clockifytest.Request, part string) int {
	n := 0
	for _, r := range log {
		if strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}
