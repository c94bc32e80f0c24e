package metrics_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestTransportCountsClockifyRequests installs the transport in the
// clockify client and checks the requests it made against the fake are
// counted by route (ids replaced) and status.
func TestTransportCountsClockifyRequests(t *testing.T) {
	m := metrics.New()
	fake := clockifytest.NewTB(t)
	fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann"})
	c, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithRateLimit(0), clockify.WithRetries(0),
		clockify.WithHTTPClient(&http.Client{Timeout: 5 * time.Second, Transport: m.Transport(nil)}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.WorkspaceUsers(ctx, fake.WorkspaceID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StopTimer(ctx, fake.WorkspaceID, "u1", time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)); err == nil {
		t.Fatal("StopTimer without a timer succeeded")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{
		`clockbot_clockify_requests_total{code="200",route="GET /api/v1/workspaces/{id}/users"} 1`,
		`clockbot_clockify_requests_total{code="404",route="PATCH /api/v1/workspaces/{id}/user/{id}/time-entries"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRoute(t *testing.T) {
	for path, want := range map[string]string{
		"/api/v1/workspaces/ws1/time-entries/status/in-progress": "/api/v1/workspaces/{id}/time-entries/status/in-progress",
		"/api/v1/workspaces/ws1/webhooks/wh9/token":              "/api/v1/workspaces/{id}/webhooks/{id}/token",
		"/api/v1/workspaces/ws1/time-off/requests":               "/api/v1/workspaces/{id}/time-off/requests",
		"/api/v1/workspaces/ws1/holidays/in-period":              "/api/v1/workspaces/{id}/holidays/in-period",
		"/reports/v1/workspaces/ws1/reports/detailed":            "/reports/v1/workspaces/{id}/reports/detailed",
		"/api/v1/workspaces/ws1/users/u1/managers":               "/api/v1/workspaces/{id}/users/{id}/managers",
		"/api/v1/user": "/api/v1/user",
	} {
		if got := metrics.Route(path); got != want {
			t.Errorf("Route(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestNilMetrics checks that a nil *Metrics ignores every call.
func TestNilMetrics(t *testing.T) {
	var m *metrics.Metrics
	m.SyncPassed(time.Now())
	m.SyncFailed()
	m.EntriesStored(1)
	m.WeeklyMessage(metrics.WeeklyDelivered)
	m.CommandAcked(time.Second)
	m.SocketReconnected()
	m.WebhookAccepted(metrics.SourceClockify, "applied")
	m.WebhookRejected(metrics.SourceSlack, metrics.ReasonOldTimestamp)
}
