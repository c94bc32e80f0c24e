package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/internal/demo"
)

// TestDemoOnce runs `clockbot demo --once` as CI does: it must exit 0 and
// show the flagged people with the holiday and the time off applied, the
// weekly messages, the digest and the /tt answers.
func TestDemoOnce(t *testing.T) {
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, []string{"demo", "--once"}, &out, &errb); err != nil {
		t.Fatalf("demo --once: %v\nstderr: %s", err, errb.String())
	}
	got := out.String()
	// The demo's last week is the one before today's (UTC).
	today := time.Now().UTC()
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7-7)
	day := func(k int) string { return monday.AddDate(0, 0, k).Format("Mon Jan 2") }
	for _, want := range []string{
		"## The weekly report", "Emi Sato", "Jonas Berg", "Femi Adeyemi", // the table, whatever its layout
		"holiday: Founders' Day",
		"time off (Vacation)", "Vacation (half a day)", "Doctor (3 h)",
		"Days off:* " + day(3) + ", " + day(4), // Hana's pending request does not count
		"7 group messages", "[Acknowledge]",
		"The admins' digest", "7 flagged, 7 delivered",
		"--- /tt status, as Ivan Petrov", "*Mobile App* is running",
		"--- /tt week, as Emi Sato",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("demo --once output lacks %q", want)
		}
	}
	// The team has a history: only Emi and Lea were short the week before
	// too, so only their messages count weeks in a row (none a 3rd).
	if n := strings.Count(got, "📉 This is your 2nd week in a row under target."); n != 2 {
		t.Errorf("demo --once has %d messages with a 2nd week in a row, want 2 (Emi and Lea)", n)
	}
	// The part-timer meets her 20 h target; Jonas is on the exception list.
	for _, unwanted := range []string{"--- to Femi Adeyemi", "--- to Jonas Berg", "3rd week in a row", ":chart_with_downwards_trend:"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("demo --once output has %q", unwanted)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", got)
	}
}

// demoPage starts the demo with its page on a test server.
func demoPage(t *testing.T) (*demoSession, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	var stderr syncBuffer
	s, err := startDemo(ctx, func(k, v string) error { t.Setenv(k, v); return nil }, &stderr)
	if err != nil {
		t.Fatalf("start demo: %v\nstderr: %s", err, stderr.String())
	}
	t.Cleanup(func() { s.stop() })
	srv := httptest.NewServer(demo.NewPage(s.fakes, s.client, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// page GETs or POSTs (following the redirect) and returns the body.
func page(t *testing.T, method, u string, form url.Values) string {
	t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = http.PostForm(u, form)
	} else {
		resp, err = http.Get(u)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s\n%s", method, u, resp.Status, b)
	}
	return string(b)
}

// weeklyMessage returns the group DM and timestamp of person's weekly
// message.
func weeklyMessage(t *testing.T, sl *slacktest.Server, person string) (channel, ts string) {
	t.Helper()
	for ch, msgs := range sl.AllMessages() {
		c, _ := sl.Conversation(ch)
		if c.Kind != slacktest.KindMPIM || !strings.Contains(strings.Join(c.Members, ","), person) {
			continue
		}
		for _, m := range msgs {
			if strings.Contains(string(m.Metadata), "clockbot_weekly_report") {
				return ch, m.TS
			}
		}
	}
	t.Fatalf("no weekly message for %s", person)
	return "", ""
}

// TestDemoPage drives the page over HTTP as a person would: pick who you
// are, run /tt status, open the Home tab, press Acknowledge on a weekly
// message (refused for the person, accepted for their manager), and open
// and submit a modal.
func TestDemoPage(t *testing.T) {
	s, base := demoPage(t)
	sl := s.fakes.Slack
	wait, stop := context.WithTimeout(t.Context(), time.Minute)
	defer stop()
	ch, ts := weeklyMessage(t, sl, "UEMI")
	blockID, value := weeklyButton(t, sl, ch, ts)
	press := func(user, action string) url.Values {
		return url.Values{"as": {user}, "where": {"message"}, "channel": {ch}, "ts": {ts},
			"block_id": {blockID}, "action_id": {action}, "value": {value},
			"back": {"/?as=" + user + "&c=" + ch}}
	}

	t.Run("pick a person", func(t *testing.T) {
		body := page(t, http.MethodGet, base+"/", nil)
		for _, want := range []string{"Who are you?", "Ada Park", "admin", "Grace Liu", "manager", "Femi Adeyemi", "part-timer (20 h)"} {
			if !strings.Contains(body, want) {
				t.Errorf("picker lacks %q", want)
			}
		}
		body = page(t, http.MethodGet, base+"/?as=UEMI", nil)
		if !strings.Contains(body, `value="UEMI" selected`) || !strings.Contains(body, "Ada, clockbot") {
			t.Errorf("Emi's page lacks her selection or her group message with Ada:\n%s", body)
		}
		// The Home tab is shown selected but not opened yet: the page offers
		// to open it rather than point at the entry that is already selected.
		if !strings.Contains(body, `<button class="btn primary">Open the Home tab</button>`) || strings.Contains(body, "on the left") {
			t.Errorf("Emi's unopened Home tab does not offer to open it:\n%s", body)
		}
	})
	t.Run("/tt status", func(t *testing.T) {
		page(t, http.MethodPost, base+"/command", url.Values{"as": {"UIVAN"}, "c": {"home"}, "text": {"/tt status"}})
		waitAnswer(wait, t, s, "UIVAN", "is running")
		body := page(t, http.MethodGet, base+"/?as=UIVAN&c="+dmOf(t, sl, "UIVAN"), nil)
		for _, want := range []string{"<code>/tt status</code>", "Only visible to you", "<b>Mobile App</b> is running"} {
			if !strings.Contains(body, want) {
				t.Errorf("after /tt status the page lacks %q:\n%s", want, body)
			}
		}
	})
	t.Run("Home tab", func(t *testing.T) {
		page(t, http.MethodPost, base+"/home", url.Values{"as": {"UADA"}})
		if _, err := sl.WaitCall(wait, "views.publish", func(c slacktest.Call) bool { return c.Params.Get("user_id") == "UADA" }); err != nil {
			t.Fatalf("no Home view published for Ada: %v", err)
		}
		body := page(t, http.MethodGet, base+"/?as=UADA&c=home", nil)
		for _, want := range []string{"Admin settings", "Exception list", "Jonas Berg", `data-action=`} {
			if !strings.Contains(body, want) {
				t.Errorf("Ada's Home tab lacks %q", want)
			}
		}
	})
	t.Run("Acknowledge refused for the person", func(t *testing.T) {
		page(t, http.MethodPost, base+"/action", press("UEMI", "weekly_ack"))
		if _, err := sl.WaitCalls(wait, "chat.postEphemeral", 1); err != nil {
			t.Fatalf("no refusal: %v", err)
		}
		body := page(t, http.MethodGet, base+"/?as=UEMI&c="+ch, nil)
		if !strings.Contains(body, "Only managers of") || strings.Contains(body, "Acknowledged by") {
			t.Errorf("Emi's press was not refused:\n%s", body)
		}
	})
	t.Run("Acknowledge by the manager", func(t *testing.T) {
		page(t, http.MethodPost, base+"/action", press("UADA", "weekly_ack"))
		if _, err := sl.WaitCall(wait, "chat.update", func(c slacktest.Call) bool { return c.Params.Get("ts") == ts }); err != nil {
			t.Fatalf("message not updated: %v", err)
		}
		body := page(t, http.MethodGet, base+"/?as=UADA&c="+ch, nil)
		if !strings.Contains(body, "Acknowledged by") {
			t.Errorf("Ada's acknowledgement is not shown:\n%s", body)
		}
	})
	t.Run("modal", func(t *testing.T) {
		page(t, http.MethodPost, base+"/action", press("UADA", "weekly_target"))
		if _, err := sl.WaitCalls(wait, "views.open", 1); err != nil {
			t.Fatalf("no modal opened: %v", err)
		}
		body := page(t, http.MethodGet, base+"/?as=UADA&c="+ch, nil)
		if !strings.Contains(body, `class="modal-head">Adjust target`) || !strings.Contains(body, `form="modal-submit"`) {
			t.Fatalf("the modal is not shown:\n%s", body)
		}
		form := url.Values{"as": {"UADA"}, "back": {"/?as=UADA&c=" + ch}}
		for _, f := range inputNames(body) {
			form.Set(f, "")
			if strings.HasPrefix(f, "v|") && (strings.HasSuffix(f, "|number_input") || strings.HasSuffix(f, "|plain_text_input")) {
				form.Set(f, "abc")
			}
		}
		body = page(t, http.MethodPost, base+"/submit", form)
		if !strings.Contains(body, `class="bk-error"`) || !strings.Contains(body, "modal-head") {
			t.Errorf("a wrong target did not keep the modal open with an error:\n%s", body)
		}
		page(t, http.MethodPost, base+"/close", url.Values{"as": {"UADA"}})
		if body := page(t, http.MethodGet, base+"/?as=UADA&c="+ch, nil); strings.Contains(body, "modal-head") {
			t.Errorf("Cancel did not close the modal")
		}
	})
}

// weeklyButton returns the block ID and value of the Acknowledge button
// of a weekly message.
func weeklyButton(t *testing.T, sl *slacktest.Server, ch, ts string) (blockID, value string) {
	t.Helper()
	for _, m := range sl.Messages(ch) {
		var blocks []struct {
			BlockID  string `json:"block_id"`
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		}
		if m.TS != ts || json.Unmarshal(m.Blocks, &blocks) != nil {
			continue
		}
		for _, b := range blocks {
			for _, e := range b.Elements {
				if e.ActionID == "weekly_ack" {
					return b.BlockID, e.Value
				}
			}
		}
	}
	t.Fatalf("no Acknowledge button in %s/%s", ch, ts)
	return "", ""
}

// inputNames returns the names of the modal's input fields on a page.
func inputNames(body string) []string {
	var out []string
	for _, part := range strings.Split(body, `name="`)[1:] {
		name := part[:strings.Index(part, `"`)]
		if strings.HasPrefix(name, "v|") || strings.HasPrefix(name, "k|") {
			out = append(out, strings.ReplaceAll(name, "&#43;", "+"))
		}
	}
	return out
}

// TestDemoIgnoresTheCallersConfiguration: a real configuration in the
// environment does not leak into the demo.
func TestDemoIgnoresTheCallersConfiguration(t *testing.T) {
	t.Setenv("NOTIFY_CHANNEL", "CREAL")
	t.Setenv("REPORT_DELIVERY", "channel")
	t.Setenv("SLACK_BOT_TOKEN_FILE", "/nonexistent/token")
	t.Setenv("HTTP_ADDR", ":9999")
	got := demoEnvironment(map[string]string{"REPORT_ADMINS": "UADA"})
	want := map[string]string{"NOTIFY_CHANNEL": "", "REPORT_DELIVERY": "group_dm", "SLACK_BOT_TOKEN_FILE": "", "SYNC_INTERVAL": "15m", "REPORT_ADMINS": "UADA",
		"HTTP_ADDR": ""} // the listener (default :8080, every interface) stays off
	for k, v := range want {
		if got[k] != v {
			t.Errorf("demo environment %s = %q, want %q", k, got[k], v)
		}
	}
}

// dmOf returns the ID of user's DM with the bot.
func dmOf(t *testing.T, sl *slacktest.Server, user string) string {
	t.Helper()
	for _, c := range sl.Conversations(user) {
		if c.Kind == slacktest.KindIM && c.User == user {
			return c.ID
		}
	}
	t.Fatalf("%s has no DM with the bot", user)
	return ""
}

// waitAnswer waits until one of user's commands got an answer that
// contains want: in the acknowledgement, or later through the
// response_url when the bot needed longer.
func waitAnswer(ctx context.Context, t *testing.T, s *demoSession, user, want string) {
	t.Helper()
	for {
		n := s.fakes.Slack.Activity()
		for _, c := range s.fakes.Slack.Conversations(user) {
			for _, it := range s.client.Items(user, c.ID) {
				for _, a := range s.client.Answers(it) {
					if b, _ := json.Marshal(a); strings.Contains(string(b), want) {
						return
					}
				}
			}
		}
		if _, err := s.fakes.Slack.WaitActivity(ctx, n); err != nil {
			t.Fatalf("no answer to %s containing %q: %v", user, want, err)
		}
	}
}
