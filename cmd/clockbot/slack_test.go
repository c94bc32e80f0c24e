package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// fastSlackRetries makes Slack calls time out after 200 ms and retry
// without waiting, for the test's duration.
func fastSlackRetries(t *testing.T) *[]time.Duration {
	t.Helper()
	var waits []time.Duration
	old := slackHTTP
	slackHTTP = slackhttp.Config{Timeout: 200 * time.Millisecond, Sleep: func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}}
	t.Cleanup(func() { slackHTTP = old })
	return &waits
}

// TestReportSendSlackUnreachable: with Slack unreachable, report --send
// says so and what it tried, not that Slack is not configured.
func TestReportSendSlackUnreachable(t *testing.T) {
	tests := []struct {
		name  string
		fault func(sl *slacktest.Server)
	}{
		{"connection refused", func(sl *slacktest.Server) { sl.Close() }},
		{"answers 503", func(sl *slacktest.Server) { sl.ServerError("", 503, 0) }},
		{"hangs", func(sl *slacktest.Server) { sl.HangMethod("", 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			waits := fastSlackRetries(t)
			cf := clockifytest.NewTB(t)
			sl := slacktest.NewTB(t)
			reportWorkspace(t, cf, sl)
			fakeEnv(t, cf)
			t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
			t.Setenv("SLACK_API_URL", sl.APIURL)
			t.Setenv("REPORT_ADMINS", "UMIA")
			tt.fault(sl)
			var out, errOut bytes.Buffer
			err := run(t.Context(), []string{"report", "--week", "2026-W46", "--send"}, &out, &errOut)
			if err == nil {
				t.Fatal("report --send succeeded with Slack unreachable")
			}
			msg := err.Error()
			if strings.Contains(msg, "not configured") || !strings.Contains(msg, "Slack is unreachable") || !strings.Contains(msg, "auth.test") || !strings.Contains(msg, sl.APIURL) {
				t.Errorf("error = %q, want it to say Slack is unreachable, with auth.test and %s", msg, sl.APIURL)
			}
			if len(*waits) != slackhttp.DefaultAttempts-1 {
				t.Errorf("waits between attempts = %v, want %d", *waits, slackhttp.DefaultAttempts-1)
			}
		})
	}
}
