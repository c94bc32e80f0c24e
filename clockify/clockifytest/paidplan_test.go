package clockifytest

import (
	"net/http"
	"testing"
	"time"
)

// TestPaidPlanRate: 50 requests in any second, then 429 with Retry-After 1
// until the oldest leaves the second.
func TestPaidPlanRate(t *testing.T) {
	now := day(16, 9, 0)
	s := NewTB(t, WithPaidPlanRate(func() time.Time { return now }))
	for i := range PaidPlanRequestsPerSecond {
		if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200", i, r.Status)
		}
	}
	steps := []struct {
		name      string
		advance   time.Duration
		want      int
		wantRetry string
	}{
		{"the 51st in the same second", 0, http.StatusTooManyRequests, "1"},
		{"still within the second", 999 * time.Millisecond, http.StatusTooManyRequests, "1"},
		{"a second after the first", time.Millisecond, http.StatusOK, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			now = now.Add(st.advance)
			r := call(t, s, "GET", "/api/v1/user", nil)
			if r.Status != st.want || r.Header.Get("Retry-After") != st.wantRetry {
				t.Errorf("status %d Retry-After %q, want %d %q", r.Status, r.Header.Get("Retry-After"), st.want, st.wantRetry)
			}
		})
	}
	if got := s.RateLimited(); got != 2 {
		t.Errorf("RateLimited() = %d, want 2", got)
	}
}

// TestNoRateByDefault: without WithPaidPlanRate the server limits nothing
// per second (tests that drive it with a stopped clock rely on it).
func TestNoRateByDefault(t *testing.T) {
	s := NewTB(t)
	for i := range 2 * PaidPlanRequestsPerSecond {
		if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200", i, r.Status)
		}
	}
	if got := s.RateLimited(); got != 0 {
		t.Errorf("RateLimited() = %d, want 0", got)
	}
}
