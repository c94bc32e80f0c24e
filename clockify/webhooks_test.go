package clockify

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

func newFakeClient(t *testing.T, fake *clockifytest.Server) *Client {
	t.Helper()
	c, err := NewClient(fake.APIKey, WithBaseURL(fake.APIURL), WithRateLimit(0), WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWebhookLifecycle creates, reads, updates, rotates and deletes a
// webhook through the fake Clockify.
func TestWebhookLifecycle(t *testing.T) {
	ctx := context.Background()
	fake := clockifytest.NewTB(t)
	c := newFakeClient(t, fake)
	ws := fake.WorkspaceID
	req := WebhookRequest{Name: "clockbot", URL: "https://bot.example/webhooks/clockify", WebhookEvent: "NEW_TIME_ENTRY",
		TriggerSource: []string{ws}, TriggerSourceType: TriggerWorkspace}
	w, err := c.CreateWebhook(ctx, ws, req)
	if err != nil {
		t.Fatalf("CreateWebhook() error: %v", err)
	}
	if w.ID == "" || w.AuthToken == "" || w.WebhookEvent != "NEW_TIME_ENTRY" || !w.DeliveryEnabled {
		t.Fatalf("CreateWebhook() = %+v", w)
	}
	l, err := c.Webhooks(ctx, ws)
	if err != nil || len(l.Webhooks) != 1 || l.WorkspaceWebhookCount != 1 {
		t.Fatalf("Webhooks() = %+v, %v; want the one webhook", l, err)
	}
	req.WebhookEvent = "TIMER_STOPPED"
	if u, err := c.UpdateWebhook(ctx, ws, w.ID, req); err != nil || u.WebhookEvent != "TIMER_STOPPED" {
		t.Fatalf("UpdateWebhook() = %+v, %v", u, err)
	}
	r, err := c.RegenerateWebhookToken(ctx, ws, w.ID)
	if err != nil || r.AuthToken == "" || r.AuthToken == w.AuthToken {
		t.Fatalf("RegenerateWebhookToken() = %+v, %v; want a new token", r, err)
	}
	if g, err := c.Webhook(ctx, ws, w.ID); err != nil || g.AuthToken != r.AuthToken {
		t.Fatalf("Webhook() = %+v, %v; want the rotated token", g, err)
	}
	if err := c.DeleteWebhook(ctx, ws, w.ID); err != nil {
		t.Fatalf("DeleteWebhook() error: %v", err)
	}
	var apiErr *Error
	if _, err := c.Webhook(ctx, ws, w.ID); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Errorf("Webhook() after delete error = %v, want a 404", err)
	}
}

// TestCreateWebhookRefusals checks the fake refuses what the document and
// Clockify's limits refuse.
func TestCreateWebhookRefusals(t *testing.T) {
	ctx := context.Background()
	good := WebhookRequest{URL: "https://bot.example/hook", WebhookEvent: "NEW_PROJECT", TriggerSource: []string{"ws-1"}, TriggerSourceType: TriggerWorkspace}
	tests := []struct {
		name   string
		others int // webhooks of other admins
		mine   int // webhooks of the key's owner
		mutate func(*WebhookRequest)
	}{
		{"event not in the enum", 0, 0, func(r *WebhookRequest) { r.WebhookEvent = "ENTRY_CREATED" }},
		{"trigger source type not in the enum", 0, 0, func(r *WebhookRequest) { r.TriggerSourceType = "WORKSPACE" }},
		{"relative URL", 0, 0, func(r *WebhookRequest) { r.URL = "/webhooks/clockify" }},
		{"ftp URL", 0, 0, func(r *WebhookRequest) { r.URL = "ftp://bot.example/hook" }},
		{"name too short", 0, 0, func(r *WebhookRequest) { r.Name = "x" }},
		{"name too long", 0, 0, func(r *WebhookRequest) { r.Name = strings.Repeat("x", 31) }},
		{"10 per admin", 0, clockifytest.MaxWebhooksPerAdmin, nil},
		{"100 per workspace", clockifytest.MaxWebhooksPerWorkspace, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := clockifytest.NewTB(t)
			for i := 0; i < tc.others; i++ {
				fake.AddWebhook(clockifytest.Webhook{UserID: "other-admin", Event: "NEW_PROJECT", URL: "https://x.example"})
			}
			for i := 0; i < tc.mine; i++ {
				fake.AddWebhook(clockifytest.Webhook{Event: "NEW_PROJECT", URL: "https://x.example"})
			}
			req := good
			if tc.mutate != nil {
				tc.mutate(&req)
			}
			_, err := newFakeClient(t, fake).CreateWebhook(ctx, fake.WorkspaceID, req)
			var apiErr *Error
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
				t.Fatalf("CreateWebhook() error = %v, want a 400", err)
			}
		})
	}
}

// received is one delivery a test receiver got.
type received struct {
	signature, event, body string
}

// TestFakeSendsWebhooks checks that the fake POSTs the event to the
// webhook's URL with its token and event type, and records the delivery
// status the client reads.
func TestFakeSendsWebhooks(t *testing.T) {
	ctx := context.Background()
	var (
		mu  sync.Mutex
		got []received
	)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, received{r.Header.Get("Clockify-Signature"), r.Header.Get("Clockify-Webhook-Event-Type"), string(b)})
		mu.Unlock()
		if r.Header.Get("Clockify-Webhook-Event-Type") == "TIMER_STOPPED" {
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	t.Cleanup(rcv.Close)
	fake := clockifytest.NewTB(t)
	fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann"})
	c := newFakeClient(t, fake)
	ws := fake.WorkspaceID
	tokens := map[string]string{}
	for _, ev := range []string{"NEW_TIMER_STARTED", "TIMER_STOPPED", "NEW_PROJECT"} {
		w, err := c.CreateWebhook(ctx, ws, WebhookRequest{URL: rcv.URL + "/webhooks/clockify", WebhookEvent: ev,
			TriggerSource: []string{ws}, TriggerSourceType: TriggerWorkspace})
		if err != nil {
			t.Fatal(err)
		}
		tokens[ev] = w.AuthToken
	}
	start := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	e, err := c.StartTimer(ctx, ws, "u1", StartTimerRequest{Start: start, Description: "hook"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.StopTimer(ctx, ws, "u1", start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("received %d deliveries, want 2: %+v", len(got), got)
	}
	for i, ev := range []string{"NEW_TIMER_STARTED", "TIMER_STOPPED"} {
		if got[i].event != ev || got[i].signature != tokens[ev] || !strings.Contains(got[i].body, `"id":"`+e.ID+`"`) ||
			!strings.Contains(got[i].body, `"timeInterval"`) {
			t.Errorf("delivery %d = %+v, want %s signed with its token, with the entry", i, got[i], ev)
		}
	}
	l, err := c.Webhooks(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"NEW_TIMER_STARTED": "SUCCEEDED", "TIMER_STOPPED": "FAILED"}
	for _, w := range l.Webhooks {
		sts, err := c.WebhookStatuses(ctx, ws, w.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		logs, err := c.WebhookLogs(ctx, ws, w.ID, &WebhookLogOptions{SortByNewest: true})
		if err != nil {
			t.Fatal(err)
		}
		if want[w.WebhookEvent] == "" {
			if len(sts) != 0 || len(logs) != 0 {
				t.Errorf("%s: statuses %+v, logs %+v; want none", w.WebhookEvent, sts, logs)
			}
			continue
		}
		if len(sts) != 1 || sts[0].Status != want[w.WebhookEvent] || len(logs) != 1 {
			t.Errorf("%s: statuses %+v, logs %+v; want one %s", w.WebhookEvent, sts, logs, want[w.WebhookEvent])
		}
	}
}
