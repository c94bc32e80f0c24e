package clockifytest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// withHangHook calls f whenever a handler starts hanging.
func withHangHook(f func()) Option { return func(s *Server) { s.hangHook = f } }

func TestFaultStatus(t *testing.T) {
	for _, tc := range []struct {
		name       string
		fault      Fault
		wantStatus int
		wantRetry  string
	}{
		{"server error", Fault{PathContains: "/user", Status: 500, Times: 2}, 500, ""},
		{"rate limited", Fault{Method: "GET", PathContains: "/api/v1/user", Status: 429, RetryAfter: "7", Times: 2}, 429, "7"},
		{"unavailable", Fault{Method: "get", Status: 503, Times: 2}, 503, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewTB(t)
			s.InjectFault(tc.fault)
			for i := range 2 {
				r := call(t, s, "GET", "/api/v1/user", nil)
				r.wantError(t, tc.wantStatus, "")
				if got := r.Header.Get("Retry-After"); got != tc.wantRetry {
					t.Errorf("request %d: Retry-After = %q, want %q", i, got, tc.wantRetry)
				}
			}
			if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
				t.Errorf("after Times requests: status %d, want 200", r.Status)
			}
			if s.Requests() != 3 {
				t.Errorf("Requests() = %d, want 3 (faulted ones count)", s.Requests())
			}
		})
	}
}

func TestFaultMatching(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "a@example.com"})
	s.InjectFault(Fault{Method: "POST", PathContains: "/reports/", Status: 500})
	s.InjectFault(Fault{PathContains: "/users", Status: 502, Times: 1})
	s.InjectFault(Fault{PathContains: "/users", Status: 503, Times: 1})
	for i, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/v1/user", 200},
		{"GET", "/reports/v1/workspaces/ws-1/reports/detailed", 404}, // method differs: routed normally
		{"POST", "/reports/v1/workspaces/ws-1/reports/detailed", 500},
		{"POST", "/reports/v1/workspaces/ws-1/reports/detailed", 500},     // Times 0: forever
		{"GET", "/api/v1/workspaces/ws-1/users?include-roles=false", 502}, // first matching fault first
		{"GET", "/api/v1/workspaces/ws-1/users?include-roles=false", 503},
		{"GET", "/api/v1/workspaces/ws-1/users?include-roles=false", 200},
	} {
		if r := call(t, s, tc.method, tc.path, nil); r.Status != tc.want {
			t.Errorf("request %d %s %s: status %d, want %d", i, tc.method, tc.path, r.Status, tc.want)
		}
	}
	s.ClearFaults()
	if r := call(t, s, "POST", "/reports/v1/workspaces/ws-1/reports/detailed", reportBody("2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", nil)); r.Status != http.StatusOK {
		t.Errorf("after ClearFaults: status %d, want 200", r.Status)
	}
}

func TestFaultMalformed(t *testing.T) {
	s := NewTB(t)
	s.InjectFault(Fault{PathContains: "/workspaces", Malformed: true})
	r := call(t, s, "GET", "/api/v1/workspaces", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("status %d, want 200", r.Status)
	}
	var list []any
	var obj map[string]any
	if json.Unmarshal(r.Body, &list) == nil || json.Unmarshal(r.Body, &obj) == nil {
		t.Errorf("body %s decodes as JSON, want it broken", r.Body)
	}
}

func TestFaultShortPage(t *testing.T) {
	s := NewTB(t)
	for i := range 10 {
		id := fmt.Sprintf("u%d", i)
		s.AddUser(User{ID: id, Email: id + "@example.com"})
		s.AddEntry(Entry{UserID: id, Start: day(16, 9, i), End: ptr(day(16, 10, 0))})
		s.AddTimeOff(TimeOff{UserID: id, Start: day(16, 0, 0), End: day(16, 23, 0)})
	}
	s.InjectFault(Fault{ShortPage: true, Times: 3})

	users := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false&page-size=10", nil)
	if n := len(users.objects(t)); n != 5 {
		t.Errorf("short users page has %d users, want 5", n)
	}
	if lp, ok := users.Header["Last-Page"]; ok {
		t.Errorf("short page sent Last-Page %v, want none", lp)
	}
	var rep report
	call(t, s, "POST", reportPath, reportBody("2026-11-16T00:00:00Z", "2026-11-16T23:59:59Z", nil)).decode(t, &rep)
	if len(rep.TimeEntries) != 5 || rep.Totals[0].EntriesCount != 10 {
		t.Errorf("short report = %d rows, %d counted; want 5 rows claiming 10", len(rep.TimeEntries), rep.Totals[0].EntriesCount)
	}
	var off struct {
		Count    int   `json:"count"`
		Requests []any `json:"requests"`
	}
	call(t, s, "POST", "/api/v1/workspaces/ws-1/time-off/requests", map[string]any{}).decode(t, &off)
	if len(off.Requests) != 5 || off.Count != 10 {
		t.Errorf("short time-off page = %d requests, count %d; want 5, 10", len(off.Requests), off.Count)
	}
	full := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false&page-size=10", nil)
	if n := len(full.objects(t)); n != 10 || full.Header.Get("Last-Page") != "true" {
		t.Errorf("after the fault: %d users, Last-Page %q; want 10, true", n, full.Header.Get("Last-Page"))
	}
}

func TestFaultDelay(t *testing.T) {
	const d = 30 * time.Millisecond
	s := NewTB(t)
	s.InjectFault(Fault{PathContains: "/user", Delay: d, Status: 500, Times: 1})
	start := time.Now()
	call(t, s, "GET", "/api/v1/user", nil).wantError(t, 500, "")
	if got := time.Since(start); got < d {
		t.Errorf("delayed request took %v, want at least %v", got, d)
	}
}

func TestFaultHang(t *testing.T) {
	// start sends a request in the background and waits until it hangs.
	start := func(t *testing.T, s *Server, hung chan struct{}, ctx context.Context) chan error {
		errc := make(chan error, 1)
		go func() {
			req, err := http.NewRequestWithContext(ctx, "GET", s.APIURL+"/user", nil)
			if err != nil {
				errc <- err
				return
			}
			req.Header.Set("X-Api-Key", s.APIKey)
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			errc <- err
		}()
		<-hung
		return errc
	}
	t.Run("until the client gives up", func(t *testing.T) {
		hung := make(chan struct{}, 1)
		s := NewTB(t, withHangHook(func() { hung <- struct{}{} }))
		s.InjectFault(Fault{PathContains: "/user", Hang: true, Times: 1})
		ctx, cancel := context.WithCancel(t.Context())
		errc := start(t, s, hung, ctx)
		cancel()
		if err := <-errc; err == nil {
			t.Error("hung request succeeded, want an error")
		}
		if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
			t.Errorf("next request: status %d, want 200", r.Status)
		}
	})
	t.Run("until Close", func(t *testing.T) {
		hung := make(chan struct{}, 1)
		s := New(withHangHook(func() { hung <- struct{}{} }))
		s.InjectFault(Fault{Hang: true})
		errc := start(t, s, hung, context.Background())
		s.Close() // must not block on the hung handler
		if err := <-errc; err == nil {
			t.Error("request hung at Close succeeded, want an error")
		}
	})
}
