package clockify

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewClient(t *testing.T) {
	tests := []struct {
		name        string
		key         string
		opts        []Option
		wantErr     bool
		wantBase    string
		wantReports string
	}{
		{name: "defaults", key: testKey,
			wantBase: "https://api.clockify.me/api/v1/", wantReports: "https://reports.api.clockify.me/v1/"},
		{name: "trailing slash optional", key: testKey,
			opts:     []Option{WithBaseURL("http://127.0.0.1:8089/api/v1"), WithReportsURL("http://127.0.0.1:8089/reports/v1/")},
			wantBase: "http://127.0.0.1:8089/api/v1/", wantReports: "http://127.0.0.1:8089/reports/v1/"},
		{name: "empty key", key: "", wantErr: true},
		{name: "blank key", key: "  ", wantErr: true},
		{name: "relative base URL", key: testKey, opts: []Option{WithBaseURL("api/v1")}, wantErr: true},
		{name: "unparsable reports URL", key: testKey, opts: []Option{WithReportsURL("http://[::1")}, wantErr: true},
		{name: "ftp base URL", key: testKey, opts: []Option{WithBaseURL("ftp://example.com/")}, wantErr: true},
		{name: "key in a bad URL is redacted", key: testKey, opts: []Option{WithBaseURL("x://" + testKey)}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.key, tt.opts...)
			if tt.wantErr {
				if err == nil {
					t.Fatal("got nil error, want one")
				}
				if strings.Contains(err.Error(), testKey) {
					t.Errorf("error %q contains the API key", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewClient() error = %v", err)
			}
			if got := c.BaseURL.String(); got != tt.wantBase {
				t.Errorf("BaseURL = %q, want %q", got, tt.wantBase)
			}
			if got := c.ReportsURL.String(); got != tt.wantReports {
				t.Errorf("ReportsURL = %q, want %q", got, tt.wantReports)
			}
		})
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := NewClient(testKey)
	if err != nil {
		t.Fatal(err)
	}
	if c.http.Timeout != 10*time.Second {
		t.Errorf("HTTP timeout = %v, want 10s", c.http.Timeout)
	}
	if c.limiter == nil || c.limiter.base != 25 || c.limiter.burst != 20 || c.limiter.reserve != 10 {
		t.Errorf("limiter = %+v, want 25 rps, burst 20, 10 reserved for interactive requests", c.limiter)
	}
	if c.Concurrency() != 4 {
		t.Errorf("Concurrency() = %d, want 4", c.Concurrency())
	}
	if got := (retryPolicy{max: 4, base: 500 * time.Millisecond, cap: 30 * time.Second, rateMax: 10, rateWait: 2*time.Hour + 5*time.Minute}); c.retry != got {
		t.Errorf("retry = %+v, want %+v", c.retry, got)
	}
	c2, err := NewClient(testKey, WithRateLimit(0), WithRetries(-1), WithBackoff(time.Second, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if c2.limiter != nil {
		t.Error("WithRateLimit(0) kept a limiter, want none")
	}
	if got := (retryPolicy{max: 0, base: time.Second, cap: time.Second, rateMax: 0, rateWait: 2*time.Hour + 5*time.Minute}); c2.retry != got {
		t.Errorf("retry = %+v, want %+v", c2.retry, got)
	}
}

// TestRateLimiter checks that the limiter spaces requests: with 20 rps and
// burst 1, three requests take at least 100ms.
func TestRateLimiter(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) { writeJSON(w, 200, `[]`) })
	c, _ := newTestClient(t, ts, WithRateLimit(20), WithBurst(1))
	start := time.Now()
	for range 3 {
		if _, err := c.Workspaces(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 90*time.Millisecond {
		t.Errorf("3 requests at 20 rps took %v, want at least 100ms", elapsed)
	}
}

// TestRedirectDropsKey checks that the default HTTP client does not forward
// the API key to another host.
func TestRedirectDropsKey(t *testing.T) {
	other := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) { writeJSON(w, 200, `[]`) })
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/elsewhere", http.StatusFound)
	})
	c, err := NewClient(testKey, WithBaseURL(ts.URL), WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Workspaces(context.Background()); err != nil {
		t.Fatal(err)
	}
	reqs := other.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d redirected requests, want 1", len(reqs))
	}
	if got := reqs[0].Header.Get("X-Api-Key"); got != "" {
		t.Errorf("redirected request carried X-Api-Key %q, want none", got)
	}
}

// TestUserHelpers checks that a null settings object is safe to read.
func TestUserHelpers(t *testing.T) {
	u := User{Memberships: []Membership{{TargetID: "ws1", MembershipType: "WORKSPACE", MembershipStatus: "INACTIVE"}}}
	if got := u.TimeZone(); got != "" {
		t.Errorf("TimeZone() = %q, want \"\"", got)
	}
	if got := u.MembershipStatus("ws1"); got != "INACTIVE" {
		t.Errorf("MembershipStatus() = %q, want INACTIVE", got)
	}
}

// TestInvalidIDs checks that empty and dot ids fail before any request.
func TestInvalidIDs(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) { writeJSON(w, 200, `[]`) })
	c, _ := newTestClient(t, ts)
	ctx := context.Background()
	calls := map[string]func() error{
		"empty workspace": func() error { _, err := c.WorkspaceUsers(ctx, "", nil); return err },
		"dot-dot user":    func() error { _, err := c.Managers(ctx, "ws1", ".."); return err },
		"dot workspace":   func() error { _, err := c.StopTimer(ctx, ".", "u1", weekEnd); return err },
		"report no range": func() error { _, err := c.DetailedReport(ctx, "ws1", DetailedReportOptions{}); return err },
		"report reversed": func() error {
			_, err := c.DetailedReport(ctx, "ws1", DetailedReportOptions{Start: weekEnd, End: weekStart})
			return err
		},
		"report bad zone": func() error {
			_, err := c.DetailedReport(ctx, "ws1", DetailedReportOptions{Start: weekStart, End: weekEnd, TimeZone: "Mars/Olympus"})
			return err
		},
		"holidays dot workspace": func() error { _, err := c.Holidays(ctx, "..", nil); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); err == nil {
				t.Error("got nil error, want one")
			}
		})
	}
	if n := len(ts.requests()); n != 0 {
		t.Errorf("got %d requests, want 0", n)
	}
}
