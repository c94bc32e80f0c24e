package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// runningBot is `clockbot run` started by a test with its listener on a
// free local port.
type runningBot struct {
	t      *testing.T
	addr   string // host:port of the listener
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startRun runs `clockbot run` with HTTP_ADDR=127.0.0.1:0 in the
// environment the test set up, and returns once the listener's address is
// known. The bot is stopped when the test ends.
func startRun(t *testing.T) *runningBot {
	t.Helper()
	t.Setenv("HTTP_ADDR", "127.0.0.1:0")
	addrs := make(chan string, 1)
	httpListening = func(addr string) { addrs <- addr }
	t.Cleanup(func() { httpListening = func(string) {} })
	ctx, cancel := context.WithCancel(t.Context())
	rb := &runningBot{t: t, stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() { rb.done <- run(ctx, []string{"run"}, &bytes.Buffer{}, rb.stderr) }()
	t.Cleanup(rb.stop)
	select {
	case rb.addr = <-addrs:
	case err := <-rb.done:
		t.Fatalf("run returned %v before listening\nstderr: %s", err, rb.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("run never listened\nstderr: %s", rb.stderr.String())
	}
	return rb
}

// stop cancels run and waits for it; run must return nil.
func (rb *runningBot) stop() {
	if rb.cancel == nil {
		return
	}
	rb.cancel()
	rb.cancel = nil
	select {
	case err := <-rb.done:
		if err != nil {
			rb.t.Errorf("run returned %v after cancel\nstderr: %s", err, rb.stderr.String())
		}
	case <-time.After(20 * time.Second):
		rb.t.Error("run did not stop after cancel")
	}
}

// url is the listener's URL of path.
func (rb *runningBot) url(path string) string { return "http://" + rb.addr + path }

// get does GET path on the listener and returns the status and body.
func (rb *runningBot) get(path string) (int, string) {
	rb.t.Helper()
	resp, err := http.Get(rb.url(path))
	if err != nil {
		rb.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor asks cond again, every 10 ms, until it holds or 20 s passed.
func (rb *runningBot) waitFor(what string, cond func() bool) {
	rb.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			rb.t.Fatalf("waited 20s for %s\nstderr: %s", what, rb.stderr.String())
		}
		<-tick.C
	}
}

// metricValue is the value of the sample whose name and labels start with
// series in the Prometheus text exposition, or -1 when it is absent.
func metricValue(exposition, series string) float64 {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + `(?:\{[^}]*\})? ([0-9.e+-]+)$`)
	m := re.FindStringSubmatch(exposition)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

// socketEnv sets up a team of one (Ann) on both fakes and the Slack
// variables of Socket Mode.
func socketEnv(t *testing.T) (*clockifytest.Server, *slacktest.Server) {
	t.Helper()
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	cf.AddUser(clockifytest.User{ID: "c-ann", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
	sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	yesterday := time.Now().UTC().Add(-24 * time.Hour).Truncate(time.Hour)
	end := yesterday.Add(2 * time.Hour)
	cf.AddEntry(clockifytest.Entry{UserID: "c-ann", Description: "yesterday's work", Start: yesterday, End: &end})
	fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", sl.AppToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	return cf, sl
}

// TestRunListenerHealthReadinessMetrics: `run` serves /healthz, /readyz
// (ready once synced and connected) and /metrics with the clockbot_
// metrics counted by the sync, the Clockify client and a /tt command.
func TestRunListenerHealthReadinessMetrics(t *testing.T) {
	_, sl := socketEnv(t)
	rb := startRun(t)

	if code, body := rb.get("/healthz"); code != http.StatusOK {
		t.Errorf("GET /healthz = %d %s, want 200", code, body)
	}
	rb.waitFor("/readyz to answer 200", func() bool { code, _ := rb.get("/readyz"); return code == http.StatusOK })

	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	id, err := sl.Send(slacktest.SlashCommand("/tt", "status", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sl.WaitAck(wait, id); err != nil {
		t.Fatalf("no ack of /tt status: %v", err)
	}
	var metrics string
	rb.waitFor("the ack latency in /metrics", func() bool {
		_, metrics = rb.get("/metrics")
		return metricValue(metrics, "clockbot_slash_command_ack_seconds_count") >= 1
	})
	for _, series := range []string{
		`clockbot_sync_passes_total{result="success"}`,
		"clockbot_last_successful_sync_timestamp_seconds",
		"clockbot_entries_stored",
		"clockbot_clockify_requests_total",
	} {
		if v := metricValue(metrics, series); v <= 0 {
			t.Errorf("%s = %v, want > 0 after a sync\n%s", series, v, metrics)
		}
	}
	if !strings.Contains(metrics, `clockbot_clockify_requests_total{code="200",route="GET /api/v1/workspaces/{id}/users"}`) {
		t.Errorf("Clockify requests not counted by route and status:\n%s", grepLines(metrics, "clockbot_clockify"))
	}
	if v := metricValue(metrics, `clockbot_sync_passes_total{result="failure"}`); v != 0 {
		t.Errorf("sync failures = %v, want 0", v)
	}
}

// TestRunNotReadyBeforeASuccessfulSync: while Clockify refuses every
// request, /readyz answers 503 with a one-line JSON reason and the failed
// pass is counted.
func TestRunNotReadyBeforeASuccessfulSync(t *testing.T) {
	cf, _ := socketEnv(t)
	cf.InjectFault(clockifytest.Fault{PathContains: "/users", Status: http.StatusForbidden})
	rb := startRun(t)
	rb.waitFor("the failed sync in /metrics", func() bool {
		_, m := rb.get("/metrics")
		return metricValue(m, `clockbot_sync_passes_total{result="failure"}`) >= 1
	})
	code, body := rb.get("/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"reason":"no successful sync yet"`) || strings.Count(strings.TrimSpace(body), "\n") != 0 {
		t.Errorf("GET /readyz = %d %q, want 503 with a one-line JSON reason", code, body)
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestRunAppliesClockifyWebhooksAtOnce: a timer started in Clockify
// reaches the running bot as a signed webhook (a token from
// CLOCKIFY_WEBHOOK_TOKENS): /tt status shows it without a sync, Ann's Home
// tab is re-published, and the delivery is counted; a delivery signed with
// an unknown token is refused and changes nothing.
func TestRunAppliesClockifyWebhooksAtOnce(t *testing.T) {
	cf, sl := socketEnv(t)
	const token = "tok-ui-webhook-0123456789"
	t.Setenv("CLOCKIFY_WEBHOOK_TOKENS", token)
	rb := startRun(t)
	rb.waitFor("/readyz to answer 200", func() bool { code, _ := rb.get("/readyz"); return code == http.StatusOK })
	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	status := func() string {
		t.Helper()
		id, err := sl.Send(slacktest.SlashCommand("/tt", "status", "UANN"))
		if err != nil {
			t.Fatal(err)
		}
		ack, err := sl.WaitAck(wait, id)
		if err != nil {
			t.Fatalf("no ack of /tt status: %v", err)
		}
		return string(ack.Payload)
	}
	if s := status(); strings.Contains(s, "webhook work") {
		t.Fatalf("/tt status before the webhook = %s", s)
	}
	publishes := len(sl.Calls("views.publish"))

	for _, tc := range []struct {
		name, token string
		wantCode    int
	}{
		{"unknown token", "tok-someone-else-000000", http.StatusUnauthorized},
		{"token of CLOCKIFY_WEBHOOK_TOKENS", token, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, h := range cf.Webhooks() {
				if h.Event == "NEW_TIMER_STARTED" {
					t.Fatal("webhook left from the previous case")
				}
			}
			cf.AddWebhook(clockifytest.Webhook{Event: "NEW_TIMER_STARTED", URL: rb.url("/webhooks/clockify"), Token: tc.token,
				TriggerSourceType: "WORKSPACE_ID", TriggerSource: []string{cf.WorkspaceID}})
			entryID := cf.AddEntry(clockifytest.Entry{UserID: "c-ann", Description: "webhook work", Start: time.Now().UTC().Add(-time.Minute)})
			hooks := cf.Webhooks()
			for _, h := range hooks {
				if h.Event == "NEW_TIMER_STARTED" {
					cf.RemoveWebhook(h.ID)
				}
			}
			got := status()
			if tc.wantCode == http.StatusOK && !strings.Contains(got, "webhook work") {
				t.Errorf("/tt status after the webhook = %s, want the running timer", got)
			}
			if tc.wantCode != http.StatusOK {
				if strings.Contains(got, "webhook work") {
					t.Errorf("/tt status after a refused webhook = %s, want no timer", got)
				}
				cf.DeleteEntry(entryID)
			}
		})
	}
	// Ann's Home tab shows the change without her opening it again.
	if _, err := sl.WaitCall(wait, "views.publish", func(c slacktest.Call) bool {
		return c.Params.Get("user_id") == "UANN" && strings.Contains(c.Params.Get("view"), "webhook work")
	}); err != nil {
		t.Errorf("Home tab not re-published after the webhook (%d publishes before): %v", publishes, err)
	}
	_, m := rb.get("/metrics")
	if v := metricValue(m, `clockbot_webhook_deliveries_total{reason="bad_signature",result="rejected",source="clockify"}`); v != 1 {
		t.Errorf("rejected clockify deliveries = %v, want 1\n%s", v, grepLines(m, "webhook"))
	}
	if !regexp.MustCompile(`clockbot_webhook_deliveries_total\{reason="[a-z_]+",result="accepted",source="clockify"\} 1`).MatchString(m) {
		t.Errorf("accepted clockify deliveries not counted\n%s", grepLines(m, "webhook"))
	}
}
