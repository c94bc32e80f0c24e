package clockifyhook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/clockifyhook"
	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

const (
	registered = "registered-token-0123456789"
	fromEnv    = "env-token-abcdefghij"
)

// fixture is a handler over a real store behind a real HTTP server.
type fixture struct {
	st   *store.Store
	h    *clockifyhook.Handler
	srv  *httptest.Server
	m    *metrics.Metrics
	logs *bytes.Buffer
	now  time.Time
	mu   sync.Mutex
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.PutWebhook(store.RegisteredWebhook{ID: "wh1", Event: "NEW_TIME_ENTRY", Token: registered}); err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, m: metrics.New(), logs: &bytes.Buffer{}, now: time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)}
	var logMu sync.Mutex
	f.h = clockifyhook.New(clockifyhook.Options{
		Tokens: st, StaticTokens: []string{fromEnv}, Applier: st, Metrics: f.m,
		Logger: slog.New(slog.NewTextHandler(lockedWriter{&logMu, f.logs}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:    f.tick,
	})
	f.srv = httptest.NewServer(f.h)
	t.Cleanup(f.srv.Close)
	return f
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tick is the injected clock: each delivery is one minute after the last.
func (f *fixture) tick() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(time.Minute)
	return f.now
}

// post delivers body as event with the signature sig ("" for none).
func (f *fixture) post(t *testing.T, event, sig string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+clockifyhook.Path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if event != "" {
		req.Header.Set(clockifyhook.EventTypeHeader, event)
	}
	if sig != "" {
		req.Header.Set(clockifyhook.SignatureHeader, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func entryBody(id, start, end, desc string) []byte {
	iv := map[string]any{"start": start, "end": nil, "duration": nil}
	if end != "" {
		iv["end"] = end
	}
	b, _ := json.Marshal(map[string]any{"id": id, "userId": "u1", "workspaceId": "ws-1", "projectId": "p1",
		"description": desc, "timeInterval": iv, "type": "REGULAR"})
	return b
}

func (f *fixture) entries(t *testing.T) []store.Entry {
	t.Helper()
	es, err := f.st.EntriesForUser("u1", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// scrape returns the metrics text.
func (f *fixture) scrape(t *testing.T) string {
	t.Helper()
	rec := httptest.NewRecorder()
	f.m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	return rec.Body.String()
}

func TestSignatures(t *testing.T) {
	body := entryBody("e1", "2026-11-18T09:00:00Z", "2026-11-18T10:00:00Z", "work")
	tests := []struct {
		name, sig  string
		wantStatus int
		wantStored int
		metric     string
	}{
		{"registered token", registered, http.StatusOK, 1, `reason="applied",result="accepted",source="clockify"} 1`},
		{"token from CLOCKIFY_WEBHOOK_TOKENS", fromEnv, http.StatusOK, 1, `reason="applied",result="accepted",source="clockify"} 1`},
		{"unknown token", "not-a-known-token-xyz", http.StatusUnauthorized, 0, `reason="bad_signature",result="rejected",source="clockify"} 1`},
		{"prefix of a token", registered[:10], http.StatusUnauthorized, 0, `reason="bad_signature",result="rejected",source="clockify"} 1`},
		{"missing signature", "", http.StatusUnauthorized, 0, `reason="no_signature",result="rejected",source="clockify"} 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if status, b := f.post(t, "NEW_TIME_ENTRY", tc.sig, body); status != tc.wantStatus {
				t.Fatalf("status %d (%s), want %d", status, b, tc.wantStatus)
			}
			if n := len(f.entries(t)); n != tc.wantStored {
				t.Errorf("%d entries stored, want %d", n, tc.wantStored)
			}
			if m := f.scrape(t); !strings.Contains(m, tc.metric) {
				t.Errorf("metrics lack %s:\n%s", tc.metric, grep(m, "clockbot_webhook"))
			}
			hl := f.h.Health()
			if ok := tc.wantStatus == http.StatusOK; ok != (hl.Accepted == 1 && !hl.LastAccepted.IsZero()) || !ok != (hl.Rejected == 1 && hl.LastRejectReason != "") {
				t.Errorf("Health() = %+v after one delivery answered %d", hl, tc.wantStatus)
			}
			if tc.sig != "" && strings.Contains(f.logs.String(), tc.sig[:6]) {
				t.Errorf("the log shows the token: %s", f.logs.String())
			}
		})
	}
}

func grep(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestDeliveriesOrder checks redeliveries and out-of-order events through
// HTTP: the store ends with the newest state whatever arrives late.
func TestDeliveriesOrder(t *testing.T) {
	created := entryBody("e1", "2026-11-18T09:00:00Z", "2026-11-18T10:00:00Z", "first")
	updated := entryBody("e1", "2026-11-18T09:00:00Z", "2026-11-18T11:00:00Z", "second")
	deleted := entryBody("e1", "2026-11-18T09:00:00Z", "2026-11-18T11:00:00Z", "second")
	type step struct {
		event   string
		body    []byte
		outcome string
	}
	tests := []struct {
		name     string
		steps    []step
		wantDesc string // "" for no entry
	}{
		{"redelivered create", []step{
			{"NEW_TIME_ENTRY", created, "applied"}, {"NEW_TIME_ENTRY", created, "redelivered"},
		}, "first"},
		{"create redelivered after the update", []step{
			{"NEW_TIME_ENTRY", created, "applied"}, {"TIME_ENTRY_UPDATED", updated, "applied"}, {"NEW_TIME_ENTRY", created, "redelivered"},
		}, "second"},
		{"update arriving before the create", []step{
			{"TIME_ENTRY_UPDATED", updated, "applied"}, {"NEW_TIME_ENTRY", created, "stale"},
		}, "second"},
		{"update arriving after the delete", []step{
			{"NEW_TIME_ENTRY", created, "applied"}, {"TIME_ENTRY_DELETED", deleted, "applied"}, {"TIME_ENTRY_UPDATED", updated, "stale"},
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			for i, s := range tc.steps {
				status, b := f.post(t, s.event, registered, s.body)
				if status != http.StatusOK || !strings.Contains(b, `"outcome":"`+s.outcome+`"`) {
					t.Fatalf("step %d %s: %d %s, want 200 %s", i, s.event, status, b, s.outcome)
				}
			}
			es := f.entries(t)
			switch {
			case tc.wantDesc == "" && len(es) != 0:
				t.Errorf("entries %+v, want none", es)
			case tc.wantDesc != "" && (len(es) != 1 || es[0].Description != tc.wantDesc):
				t.Errorf("entries %+v, want one %q", es, tc.wantDesc)
			}
		})
	}
}

func TestBadDeliveries(t *testing.T) {
	tests := []struct {
		name, event string
		body        []byte
		want        int
	}{
		{"unknown event type", "NEW_TAG", []byte(`{"id":"t1","name":"x"}`), http.StatusOK},
		{"event type not in Clockify's list", "SOMETHING_NEW", []byte(`{}`), http.StatusOK},
		{"missing event type", "", entryBody("e1", "2026-11-18T09:00:00Z", "", "x"), http.StatusBadRequest},
		{"not JSON", "NEW_TIME_ENTRY", []byte(`<xml/>`), http.StatusBadRequest},
		{"entry without id", "NEW_TIME_ENTRY", []byte(`{"userId":"u1","timeInterval":{"start":"2026-11-18T09:00:00Z"}}`), http.StatusBadRequest},
		{"oversized body", "NEW_TIME_ENTRY", append([]byte(`{"id":"e1","description":"`), bytes.Repeat([]byte("x"), clockifyhook.MaxBody)...), http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if status, b := f.post(t, tc.event, registered, tc.body); status != tc.want {
				t.Fatalf("status %d (%s), want %d", status, b, tc.want)
			}
			if n := len(f.entries(t)); n != 0 {
				t.Errorf("%d entries stored, want 0", n)
			}
		})
	}
}

// TestFromFakeClockify registers webhooks in the fake Clockify, whose
// deliveries reach the handler: a timer started and stopped through the
// API is in the store when the API call returns.
func TestFromFakeClockify(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(clockifyhook.New(clockifyhook.Options{Tokens: st, Applier: st}))
	defer srv.Close()
	fake := clockifytest.NewTB(t)
	fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann"})
	c, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []string{"NEW_TIMER_STARTED", "TIMER_STOPPED", "NEW_PROJECT"} {
		w, err := c.CreateWebhook(ctx, fake.WorkspaceID, clockify.WebhookRequest{URL: srv.URL + clockifyhook.Path,
			WebhookEvent: ev, TriggerSource: []string{fake.WorkspaceID}, TriggerSourceType: clockify.TriggerWorkspace})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutWebhook(store.RegisteredWebhook{ID: w.ID, Event: ev, Token: w.AuthToken}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	e, err := c.StartTimer(ctx, fake.WorkspaceID, "u1", clockify.StartTimerRequest{Start: start})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok, _ := st.RunningFor("u1"); !ok || r.ID != e.ID {
		t.Fatalf("RunningFor(u1) = %+v, %v; want the started timer", r, ok)
	}
	if _, err := c.StopTimer(ctx, fake.WorkspaceID, "u1", start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.RunningFor("u1"); ok {
		t.Error("the timer still runs in the store")
	}
	es, _ := st.EntriesForUser("u1", start.Add(-time.Hour), start.Add(2*time.Hour))
	if len(es) != 1 || !es[0].End.Equal(start.Add(time.Hour)) {
		t.Errorf("entries %+v, want the stopped entry", es)
	}
	fake.AddProject(clockifytest.Project{ID: "p9", Name: "Apollo"})
	if p, ok, _ := st.Project("p9"); !ok || p.Name != "Apollo" {
		t.Errorf("Project(p9) = %+v, %v; want Apollo", p, ok)
	}
}

// TestDirectoryEventsFromFakeClockify checks the user, time-off and
// project payloads the fake sends are parsed and applied.
func TestDirectoryEventsFromFakeClockify(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := clockifyhook.New(clockifyhook.Options{Tokens: st, Applier: st})
	srv := httptest.NewServer(h)
	defer srv.Close()
	fake := clockifytest.NewTB(t)
	c, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []string{"USER_JOINED_WORKSPACE", "USER_DEACTIVATED_ON_WORKSPACE", "USER_EMAIL_CHANGED",
		"TIME_OFF_REQUEST_APPROVED", "TIME_OFF_REQUEST_WITHDRAWN"} {
		w, err := c.CreateWebhook(ctx, fake.WorkspaceID, clockify.WebhookRequest{URL: srv.URL + clockifyhook.Path,
			WebhookEvent: ev, TriggerSource: []string{fake.WorkspaceID}, TriggerSourceType: clockify.TriggerWorkspace})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutWebhook(store.RegisteredWebhook{ID: w.ID, Event: ev, Token: w.AuthToken}); err != nil {
			t.Fatal(err)
		}
	}
	ann := clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "Europe/Paris"}
	fake.AddUser(ann)
	if u, ok, _ := st.User("u1"); !ok || u.Status != "ACTIVE" || u.TimeZone != "Europe/Paris" {
		t.Fatalf("after USER_JOINED_WORKSPACE: %+v, %v", u, ok)
	}
	ann.Email = "ann@new.example"
	fake.AddUser(ann)
	if u, ok, _ := st.UserByEmail("ann@new.example"); !ok || u.ID != "u1" {
		t.Errorf("after USER_EMAIL_CHANGED: %+v, %v", u, ok)
	}
	ann.MembershipStatus = "INACTIVE"
	fake.AddUser(ann)
	if u, _, _ := st.User("u1"); u.Status != "INACTIVE" {
		t.Errorf("after USER_DEACTIVATED_ON_WORKSPACE: %+v", u)
	}
	start := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	fake.AddTimeOff(clockifytest.TimeOff{ID: "to1", UserID: "u1", PolicyName: "Vacation", Start: start, End: start.AddDate(0, 0, 2)})
	if rs, _ := st.TimeOff(start, start.AddDate(0, 0, 7)); len(rs) != 1 || rs[0].PolicyName != "Vacation" {
		t.Fatalf("after TIME_OFF_REQUEST_APPROVED: %+v", rs)
	}
	fake.WithdrawTimeOff("to1")
	if rs, _ := st.TimeOff(start, start.AddDate(0, 0, 7)); len(rs) != 0 {
		t.Errorf("after TIME_OFF_REQUEST_WITHDRAWN: %+v", rs)
	}
	if hl := h.Health(); hl.Accepted != 5 || hl.Rejected != 0 {
		t.Errorf("Health() = %+v, want 5 accepted", hl)
	}
}
