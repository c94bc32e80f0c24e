package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// setReportNow fixes the clock of `clockbot report` for one test.
func setReportNow(t *testing.T, now time.Time) {
	t.Helper()
	old := reportNow
	reportNow = func() time.Time { return now }
	t.Cleanup(func() { reportNow = old })
}

// TestReportSendRefusesUnfinishedWeek: a week that has not ended in UTC+14,
// the first zone to finish it, is refused before anything is synced or
// sent; once it has, it is sent.
func TestReportSendRefusesUnfinishedWeek(t *testing.T) {
	tests := []struct {
		name    string
		now     time.Time
		args    []string
		refused bool
	}{
		{"current week, Wednesday", time.Date(2026, 11, 11, 12, 0, 0, 0, time.UTC), []string{"--week", "2026-W46", "--send"}, true},
		{"future week", time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC), []string{"--week", "2026-W48", "--send"}, true},
		{"dry run of the current week", time.Date(2026, 11, 11, 12, 0, 0, 0, time.UTC), []string{"--week", "2026-W46", "--send", "--dry-run"}, true},
		{"a minute before it ends in UTC+14", time.Date(2026, 11, 15, 9, 59, 0, 0, time.UTC), []string{"--week", "2026-W46", "--send"}, true},
		{"ended in UTC+14", time.Date(2026, 11, 15, 10, 0, 0, 0, time.UTC), []string{"--week", "2026-W46", "--send"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cf := clockifytest.NewTB(t)
			sl := slacktest.NewTB(t)
			reportWorkspace(t, cf, sl)
			fakeEnv(t, cf)
			t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
			t.Setenv("SLACK_API_URL", sl.APIURL)
			t.Setenv("REPORT_EXCLUDE", "cat@example.com")
			setReportNow(t, tc.now)
			err := run(t.Context(), append([]string{"report"}, tc.args...), &bytes.Buffer{}, &bytes.Buffer{})
			posts := len(sl.Calls("chat.postMessage"))
			if !tc.refused {
				if err != nil || posts == 0 {
					t.Fatalf("report %q = %v with %d posts; want it sent", tc.args, err, posts)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "has not ended") || exitCode(err) != 2 {
				t.Errorf("report %q = %v; want a usage error saying the week has not ended", tc.args, err)
			}
			if posts != 0 || len(sl.Calls("conversations.open")) != 0 {
				t.Errorf("report %q posted %d messages; want none", tc.args, posts)
			}
		})
	}
}

// TestReportDryRun: --send --dry-run lists each flagged person with the
// conversation their message would go to, and sends nothing.
func TestReportDryRun(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"group DM", nil, []string{
			"2 flagged, 2 messages would be sent, nothing was sent",
			"ann@example.com", "group DM with UANN, UMIA",
			"bob@example.com", "group DM with UBOB, UMIA",
		}},
		{"shared channel", map[string]string{"REPORT_DELIVERY": "channel", "REPORT_CHANNEL": "C0REPORTS"}, []string{
			"channel C0REPORTS, mentioning UANN, UMIA", "channel C0REPORTS, mentioning UBOB, UMIA",
		}},
		{"private channels", map[string]string{"REPORT_DELIVERY": "private_channel"}, []string{
			"private channel hours-… with UANN, UMIA",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cf := clockifytest.NewTB(t)
			sl := slacktest.NewTB(t)
			reportWorkspace(t, cf, sl)
			fakeEnv(t, cf)
			t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
			t.Setenv("SLACK_API_URL", sl.APIURL)
			t.Setenv("REPORT_EXCLUDE", "cat@example.com")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var out, errOut bytes.Buffer
			if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--send", "--dry-run"}, &out, &errOut); err != nil {
				t.Fatalf("report --send --dry-run: %v\nstderr: %s", err, errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("dry run output lacks %q:\n%s", w, out.String())
				}
			}
			for _, m := range []string{"chat.postMessage", "conversations.open", "conversations.create", "conversations.invite"} {
				if n := len(sl.Calls(m)); n != 0 {
					t.Errorf("dry run called %s %d times; want none", m, n)
				}
			}
		})
	}
}

// TestReportDryRunAfterSend: once the week was sent, a dry run says so
// instead of promising a second message.
func TestReportDryRunAfterSend(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	reportWorkspace(t, cf, sl)
	fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_EXCLUDE", "cat@example.com")
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--send"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--send", "--dry-run"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 messages would be sent") || strings.Count(out.String(), "not sent: already sent") != 2 {
		t.Errorf("dry run after the send:\n%s\nwant both marked already sent", out.String())
	}
}
