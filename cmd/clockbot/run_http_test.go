package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
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
	// /tt today reads the same store.
	id, err := sl.Send(slacktest.SlashCommand("/tt", "today", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := sl.WaitAck(wait, id); err != nil || !strings.Contains(string(ack.Payload), ":stopwatch:") {
		t.Errorf("/tt today after the webhook = %s, %v; want the running timer", ack.Payload, err)
	}
	// A body over 1 MB is refused before it is read.
	req, _ := http.NewRequest(http.MethodPost, rb.url("/webhooks/clockify"), strings.NewReader(strings.Repeat("x", 2<<20)))
	req.Header.Set("Clockify-Signature", token)
	req.Header.Set("Clockify-Webhook-Event-Type", "NEW_TIME_ENTRY")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB delivery = %v, %v; want 413", resp, err)
	} else {
		resp.Body.Close()
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

// TestRunTimeClockWebhooksReachTheReport: an admin maps Ann to time-clock
// user 145 with /tt admin timeclock; the time clock's webhooks (shared
// secret, real HTTP) bring an approved day off and a 10-hour shift last
// week; the report counts the day off like Clockify time off, names the
// time clock, and shows 10 clocked against 0 tracked hours as a reason;
// a delivery with a wrong secret is refused.
func TestRunTimeClockWebhooksReachTheReport(t *testing.T) {
	_, sl := socketEnv(t)
	const secret = "tc-shared-secret-0123456789"
	t.Setenv("TIMECLOCK_WEBHOOK_SECRET", secret)
	t.Setenv("REPORT_ADMINS", "UANN")
	rb := startRun(t)
	rb.waitFor("/readyz to answer 200", func() bool { code, _ := rb.get("/readyz"); return code == http.StatusOK })
	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	id, err := sl.Send(slacktest.SlashCommand("/tt", "admin timeclock <@UANN|ann> 145", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := sl.WaitAck(wait, id); err != nil || !strings.Contains(string(ack.Payload), "time-clock user 145 is now") {
		t.Fatalf("/tt admin timeclock = %s, %v", ack.Payload, err)
	}

	now := time.Now().UTC()
	monday := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -((int(now.Weekday())+6)%7)-7)
	ts := func(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }
	dayOff := `{"userId": 145, "timeClockId": 67, "activityType": "time_off", "eventType": "admin_approved_add_request",
  "timeActivity": {"id": "tc-off-1", "start": {"timestamp": ` + ts(monday) + `, "timezone": "UTC"},
  "end": {"timestamp": ` + ts(monday.Add(24*time.Hour-time.Second)) + `, "timezone": "UTC"}, "duration": {"value": 1.0, "units": "days"}, "isAllDay": true}}`
	shift := `{"userId": 145, "timeClockId": 67, "activityType": "shift", "eventType": "clock_out",
  "timeActivity": {"id": "tc-shift-1", "start": {"timestamp": ` + ts(monday.Add(33*time.Hour)) + `, "timezone": "UTC"},
  "end": {"timestamp": ` + ts(monday.Add(43*time.Hour)) + `, "timezone": "UTC"}}}`
	post := func(secretValue, body string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, rb.url("/webhooks/timeclock"), strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+secretValue)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("not-the-shared-secret-000", dayOff); code != http.StatusUnauthorized {
		t.Errorf("wrong secret = %d, want 401", code)
	}
	for name, body := range map[string]string{"day off": dayOff, "shift": shift} {
		if code := post(secret, body); code != http.StatusOK {
			t.Fatalf("%s webhook = %d, want 200", name, code)
		}
	}
	rb.stop()

	var out bytes.Buffer
	if err := run(t.Context(), []string{"report", "--week", "last", "--json", "--offline"}, &out, io.Discard); err != nil {
		t.Fatalf("clockbot report: %v", err)
	}
	var rep struct {
		Users []struct {
			Email        string   `json:"email"`
			TargetHours  float64  `json:"targetHours"`
			ClockedHours *float64 `json:"clockedHours"`
			Reasons      []string `json:"reasons"`
			TimeOff      []struct {
				Date, Policy string
			} `json:"timeOff"`
		} `json:"users"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || len(rep.Users) != 1 {
		t.Fatalf("report = %s, %v", out.String(), err)
	}
	ann := rep.Users[0]
	if len(ann.TimeOff) != 1 || ann.TimeOff[0].Date != monday.Format(time.DateOnly) || ann.TimeOff[0].Policy != "Time clock" {
		t.Errorf("time off = %+v, want last Monday from the time clock", ann.TimeOff)
	}
	if ann.TargetHours >= 25 {
		t.Errorf("target = %v, want lowered below REPORT_MIN_HOURS (25) by the day off", ann.TargetHours)
	}
	if ann.ClockedHours == nil || *ann.ClockedHours != 10 || !slices.Contains(ann.Reasons, "clocked_vs_tracked") {
		t.Errorf("clocked = %v, reasons = %v; want 10 h and the clocked_vs_tracked reason", ann.ClockedHours, ann.Reasons)
	}
}
