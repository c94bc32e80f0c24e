package clockifytest

import (
	"net/http"
	"testing"
	"time"
)

func TestFreePlanBudget(t *testing.T) {
	now := day(16, 9, 0)
	s := NewTB(t, WithClock(func() time.Time { return now }))
	s.FreePlanBudget(3)
	steps := []struct {
		advance   time.Duration
		want      int
		wantRetry string
	}{
		{0, 200, ""},
		{10 * time.Minute, 200, ""},
		{10 * time.Minute, 200, ""},
		{0, 429, "2400"}, // 40 minutes left in the hour
		{39 * time.Minute, 429, "60"},
		{time.Minute, 200, ""}, // a new hour
	}
	for i, st := range steps {
		now = now.Add(st.advance)
		r := call(t, s, "GET", "/api/v1/user", nil)
		if r.Status != st.want || r.Header.Get("Retry-After") != st.wantRetry {
			t.Errorf("request %d: status %d Retry-After %q, want %d %q", i, r.Status, r.Header.Get("Retry-After"), st.want, st.wantRetry)
		}
	}
	s.FreePlanBudget(0)
	for range 5 {
		if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
			t.Fatalf("without a budget: status %d, want 200", r.Status)
		}
	}
}

func TestFaultDropItem(t *testing.T) {
	s := NewTB(t)
	for _, id := range []string{"u1", "u2", "u3"} {
		s.AddUser(User{ID: id, Email: id + "@example.com"})
	}
	s.InjectFault(Fault{PathContains: "/users", DropItem: true, Times: 1})
	r := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?page-size=2&include-roles=false", nil)
	assertEqual(t, "dropped page", ids(r.objects(t)), []string{"u2"})
	assertEqual(t, "Last-Page", r.Header.Get("Last-Page"), "true")
	r = call(t, s, "GET", "/api/v1/workspaces/ws-1/users?page-size=2&include-roles=false", nil)
	assertEqual(t, "next page", ids(r.objects(t)), []string{"u1", "u2"})
}
