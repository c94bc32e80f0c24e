package syncer

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestSyncDirectoryCallsInFlightTogether checks that a pass asks for the
// users, projects, groups, holidays, time off and running timers at once:
// the users list hangs, yet another call is sent and its failure ends the
// pass (cancelling the hanging call) without writing anything. Calls made
// one after the other would wait for the users list until the deadline.
func TestSyncDirectoryCallsInFlightTogether(t *testing.T) {
	for _, tc := range []struct {
		name, failing, wantErr string
	}{
		{"running timers refused", "/time-entries/status/in-progress", "fetch running timers"},
		{"projects refused", "/projects", "fetch projects"},
		{"time off refused", "/time-off/requests", "fetch time off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newSyncFixture(t, 7)
			f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
			f.fake.InjectFault(clockifytest.Fault{Method: "GET", PathContains: "/users", Hang: true})
			f.fake.InjectFault(clockifytest.Fault{PathContains: tc.failing, Status: 400})
			// The deadline only bounds a pass that would wait for the
			// hanging users list forever (calls made one after the other).
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, err := f.syncer.Sync(ctx, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Sync() error = %v, want %q while the users list hangs", err, tc.wantErr)
			}
			for _, r := range f.fake.RequestLog() {
				if strings.Contains(r.Path, "/reports/") {
					t.Errorf("a report was asked for (%s) though the directory failed", r.Path)
				}
			}
			st, err := f.store.SyncStatus()
			if err != nil || !st.LastSuccess[WindowRecent].IsZero() {
				t.Errorf("SyncStatus() = %+v, %v; want no successful pass recorded", st, err)
			}
		})
	}
}
