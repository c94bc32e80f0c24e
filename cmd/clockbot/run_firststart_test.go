package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestRunFirstStartTellsAdminsInsteadOfSending starts `clockbot run` on a
// fresh database after this week's scheduled time: no one gets last week's
// report; the admin is told when the first one goes out and how to send
// last week's now.
func TestRunFirstStartTellsAdminsInsteadOfSending(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	cf.AddUser(clockifytest.User{ID: "c-ann", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
	cf.AddUser(clockifytest.User{ID: "c-mia", Email: "mia@example.com", Name: "Mia", TimeZone: "UTC"})
	cf.SetManagers("c-ann", "c-mia")
	sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	sl.AddUser(slacktest.User{ID: "UMIA", Email: "mia@example.com", Name: "mia"})
	fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", sl.AppToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_ADMINS", "UMIA")
	t.Setenv("REPORT_EXCLUDE", "mia@example.com")
	today := strings.ToUpper(time.Now().UTC().Weekday().String()[:3])
	t.Setenv("REPORT_SCHEDULE", today+" 00:00")

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	var stderr syncBuffer
	go func() { done <- run(ctx, []string{"run"}, &bytes.Buffer{}, &stderr) }()
	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	posts, err := sl.WaitCalls(wait, "chat.postMessage", 1)
	if err != nil {
		cancel()
		t.Fatalf("no message: %v\nstderr: %s", err, stderr.String())
	}
	// The catch-up was decided before the notice was sent.
	for _, c := range sl.Calls("chat.postMessage") {
		if md := c.Params.Get("metadata"); strings.Contains(md, "clockbot_weekly_report") || strings.Contains(md, "clockbot_admin_digest") {
			t.Errorf("a fresh database sent a report: %s", md)
		}
	}
	text := posts[0].Params.Get("text")
	if !strings.Contains(text, "first weekly report goes out") || !strings.Contains(text, "clockbot report --send --week last") {
		t.Errorf("first notice = %q, want when the first report goes out and how to send last week's", text)
	}
	opens := sl.Calls("conversations.open")
	if len(opens) == 0 || opens[0].Params.Get("users") != "UMIA" {
		t.Errorf("conversations.open calls = %+v, want a DM with the admin UMIA", opens)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after cancel, want nil", err)
		}
	case <-wait.Done():
		t.Fatal("run did not stop after cancel")
	}
}
