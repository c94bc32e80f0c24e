package clockifytest

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// TestFreePlanHourlyLimit checks the Free plan's 30 requests in any hour for
// the whole workspace: the 31st answers 429 with a Retry-After of the
// seconds until the oldest request leaves the hour, after which one more
// request is accepted.
func TestFreePlanHourlyLimit(t *testing.T) {
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	s := NewTB(t, WithFreePlan(), WithClock(func() time.Time { return now }))
	start := now
	for i := range FreePlanRequestsPerHour {
		if r := call(t, s, "GET", "/api/v1/workspaces", nil); r.Status != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200", i+1, r.Status)
		}
		now = now.Add(time.Minute)
	}
	r := call(t, s, "GET", "/api/v1/user", nil)
	r.wantError(t, http.StatusTooManyRequests, "")
	if got, want := r.Header.Get("Retry-After"), "1800"; got != want { // the first request was 30 minutes ago
		t.Errorf("Retry-After = %q, want %q", got, want)
	}
	now = start.Add(time.Hour).Add(time.Second)
	if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
		t.Errorf("after the oldest request left the hour: status %d, want 200", r.Status)
	}
	call(t, s, "GET", "/api/v1/user", nil).wantError(t, http.StatusTooManyRequests, "")
}

// TestTimeOffDisabled checks that a workspace without the Time off feature
// answers 403 with Clockify's error shape on every holidays and time-off
// route, and serves the rest.
func TestTimeOffDisabled(t *testing.T) {
	s := NewTB(t, WithTimeOffDisabled())
	s.AddUser(User{ID: "u1", Email: "ann@example.com"})
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{"GET", "/api/v1/workspaces/ws-1/holidays", nil},
		{"GET", "/api/v1/workspaces/ws-1/holidays/in-period?assigned-to=u1&start=2026-11-16T00:00:00Z&end=2026-11-22T00:00:00Z", nil},
		{"POST", "/api/v1/workspaces/ws-1/time-off/requests", map[string]any{"page": 1, "pageSize": 50}},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			r := call(t, s, tc.method, tc.path, tc.body)
			r.wantError(t, http.StatusForbidden, "")
			var e struct {
				Message string `json:"message"`
				Code    int    `json:"code"`
			}
			if err := json.Unmarshal(r.Body, &e); err != nil || e.Message == "" || e.Code == 0 {
				t.Errorf("body %s is not Clockify's error shape", r.Body)
			}
		})
	}
	if r := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false", nil); r.Status != http.StatusOK {
		t.Errorf("users: status %d, want 200", r.Status)
	}
}
