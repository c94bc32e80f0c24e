package clockifytest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAuth(t *testing.T) {
	s := NewTB(t)
	for _, tc := range []struct {
		name, key string
		want      int
	}{
		{"no key", "", http.StatusUnauthorized},
		{"wrong key", "not-the-key", http.StatusUnauthorized},
		{"right key", DefaultAPIKey, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := callWithKey(t, s, tc.key, "GET", "/api/v1/workspaces", nil)
			if tc.want != http.StatusOK {
				r.wantError(t, tc.want, "Full authentication is required to access this resource")
				if !strings.Contains(string(r.Body), `"code":1000`) {
					t.Errorf("body %s, want code 1000", r.Body)
				}
				return
			}
			if r.Status != tc.want {
				t.Errorf("status = %d, want %d", r.Status, tc.want)
			}
		})
	}
	t.Run("custom key", func(t *testing.T) {
		s := NewTB(t, WithAPIKey("other-key-42"))
		if r := callWithKey(t, s, DefaultAPIKey, "GET", "/api/v1/user", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("default key on a custom-key server: status %d, want 401", r.Status)
		}
		if r := call(t, s, "GET", "/api/v1/user", nil); r.Status != http.StatusOK {
			t.Errorf("custom key: status %d, want 200", r.Status)
		}
	})
}

func TestRoutingErrors(t *testing.T) {
	s := NewTB(t)
	for _, tc := range []struct {
		name, method, path string
		want               int
	}{
		{"unknown route", "GET", "/api/v1/nope", http.StatusNotFound},
		{"unknown prefix", "GET", "/v1/workspaces", http.StatusNotFound},
		{"unknown workspace", "GET", "/api/v1/workspaces/ws-9/users?include-roles=false", http.StatusForbidden},
		{"unknown workspace report", "POST", "/reports/v1/workspaces/ws-9/reports/detailed", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := any(nil)
			if tc.method == "POST" {
				body = map[string]any{"dateRangeStart": "2026-11-01T00:00:00Z", "dateRangeEnd": "2026-11-02T00:00:00Z", "detailedFilter": map[string]any{}}
			}
			call(t, s, tc.method, tc.path, body).wantError(t, tc.want, "")
		})
	}
}

func TestURLs(t *testing.T) {
	s := NewTB(t)
	if s.APIURL != s.URL+"/api/v1" || s.ReportsURL != s.URL+"/reports/v1" {
		t.Errorf("APIURL = %q, ReportsURL = %q; want under %q", s.APIURL, s.ReportsURL, s.URL)
	}
	if s.WorkspaceID != "ws-1" || s.APIKey != "fake-api-key-0123456789" {
		t.Errorf("WorkspaceID = %q, APIKey = %q; want the defaults", s.WorkspaceID, s.APIKey)
	}
}

func TestWorkspaces(t *testing.T) {
	s := NewTB(t)
	s.AddWorkspace("ws-2", "Side project")
	s.AddUser(User{ID: "u1", Email: "a@example.com"})
	ws := call(t, s, "GET", "/api/v1/workspaces", nil).objects(t)
	assertEqual(t, "workspace ids", ids(ws), []string{"ws-1", "ws-2"})
	assertEqual(t, "second name", ws[1]["name"], any("Side project"))
	users := call(t, s, "GET", "/api/v1/workspaces/ws-2/users?include-roles=false", nil).objects(t)
	if len(users) != 0 {
		t.Errorf("users of the extra workspace = %v, want none", ids(users))
	}
}

func TestCurrentUser(t *testing.T) {
	s := NewTB(t)
	var u map[string]any
	call(t, s, "GET", "/api/v1/user", nil).decode(t, &u)
	assertEqual(t, "id", u["id"], any("owner-1"))
	assertEqual(t, "status", u["status"], any("ACTIVE"))
	assertEqual(t, "time zone", u["settings"].(map[string]any)["timeZone"], any("UTC"))

	s.SetOwner(User{ID: "boss", Email: "boss@example.com", NullSettings: true})
	call(t, s, "GET", "/api/v1/user", nil).decode(t, &u)
	if u["id"] != "boss" || u["settings"] != nil {
		t.Errorf("owner after SetOwner = %v, want boss with null settings", u)
	}
}

func TestRequestLog(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "a@example.com"})
	call(t, s, "GET", "/api/v1/workspaces/ws-1/users?page=1", nil)
	call(t, s, "POST", "/api/v1/workspaces/ws-1/time-off/requests", `{"page":1}`)
	callWithKey(t, s, "bad", "GET", "/api/v1/user", nil)
	if got := s.Requests(); got != 3 {
		t.Errorf("Requests() = %d, want 3", got)
	}
	log := s.RequestLog()
	want := []Request{
		{Method: "GET", Path: "/api/v1/workspaces/ws-1/users", RawQuery: "page=1", Body: []byte{}, APIKey: DefaultAPIKey},
		{Method: "POST", Path: "/api/v1/workspaces/ws-1/time-off/requests", Body: []byte(`{"page":1}`), APIKey: DefaultAPIKey},
		{Method: "GET", Path: "/api/v1/user", Body: []byte{}, APIKey: "bad"},
	}
	assertEqual(t, "RequestLog()", log, want)
	log[0].Body = append(log[0].Body, 'x')
	if string(s.RequestLog()[0].Body) != "" {
		t.Error("RequestLog() returned memory shared with the server")
	}
	s.ResetRequests()
	if s.Requests() != 0 || len(s.RequestLog()) != 0 {
		t.Errorf("after ResetRequests: %d requests, %d logged; want 0", s.Requests(), len(s.RequestLog()))
	}
}

func TestLatency(t *testing.T) {
	const d = 30 * time.Millisecond
	s := NewTB(t, WithLatency(d))
	start := time.Now()
	call(t, s, "GET", "/api/v1/user", nil)
	if got := time.Since(start); got < d {
		t.Errorf("request took %v, want at least the latency %v", got, d)
	}
}

func TestCloseTwice(t *testing.T) {
	s := New()
	s.Close()
	s.Close()
}
