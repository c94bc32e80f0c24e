package timer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// TestLogDoesNotQueueBehindSync checks that /tt log's Clockify call takes
// the interactive lane: with the only background slot held by a detailed
// report that Clockify has not answered yet, Log still reaches Clockify and
// answers. The deadline only bounds a failure; nothing is timed.
func TestLogDoesNotQueueBehindSync(t *testing.T) {
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	fake := clockifytest.NewTB(t, clockifytest.WithClock(func() time.Time { return now }))
	fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	target, err := url.Parse(fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/reports/detailed") {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(gate.Close)
	t.Cleanup(func() { close(release) })
	api, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(gate.URL+"/api/v1"), clockify.WithReportsURL(gate.URL+"/reports/v1"),
		clockify.WithConcurrency(1), clockify.WithRateLimit(0), clockify.WithHTTPClient(&http.Client{})) // no timeout frees the slot
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	bg, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go api.DetailedReport(bg, fake.WorkspaceID, clockify.DetailedReportOptions{Start: now.Add(-24 * time.Hour), End: now, TimeZone: "UTC"})
	<-arrived // the sync's request holds the only background slot

	ctx, stop := context.WithTimeout(context.Background(), 20*time.Second)
	defer stop()
	svc := New(api, st, fake.WorkspaceID, func() time.Time { return now }, nil)
	e, err := svc.Log(ctx, FromCommand, "S1", store.User{ID: "u1"}, now.Add(-2*time.Hour), now.Add(-time.Hour), "", "review")
	if err != nil {
		t.Fatalf("Log() behind a sync request: %v", err)
	}
	if e.UserID != "u1" || !e.End.Equal(now.Add(-time.Hour)) {
		t.Errorf("Log() = %+v, want u1's entry ending %v", e, now.Add(-time.Hour))
	}
}
