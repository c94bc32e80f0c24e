package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// TestRunSendsMissedReportAndStops starts `clockbot run` after this week's
// scheduled time (today 00:00 UTC), as if the bot had been down then: it
// must send last week's report once, answer /tt over Socket Mode, then stop
// cleanly on cancel.
func TestRunSendsMissedReportAndStops(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	cf.AddUser(clockifytest.User{ID: "c-ann", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
	cf.AddUser(clockifytest.User{ID: "c-mia", Email: "mia@example.com", Name: "Mia", TimeZone: "UTC"})
	cf.SetManagers("c-ann", "c-mia")
	sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	sl.AddUser(slacktest.User{ID: "UMIA", Email: "mia@example.com", Name: "mia"})
	db := fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", sl.AppToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_ADMINS", "UMIA")
	t.Setenv("REPORT_EXCLUDE", "mia@example.com")
	// The bot ran on this database yesterday: today's run was missed while
	// it existed.
	yesterday := time.Now().UTC().Truncate(24 * time.Hour).Add(-time.Hour)
	st, err := store.Open(db, store.WithClock(func() time.Time { return yesterday }))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutSetting(store.FirstStartKey(), yesterday); err != nil {
		t.Fatal(err)
	}
	st.Close()
	today := strings.ToUpper(time.Now().UTC().Weekday().String()[:3])
	t.Setenv("REPORT_SCHEDULE", today+" 00:00")

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	stderr := &syncBuffer{}
	go func() { done <- run(ctx, []string{"run"}, &bytes.Buffer{}, stderr) }()
	// However the test ends, run has returned before it does: a failing
	// step reads stderr and the fakes close only once run stopped.
	stopped := false
	stopRun := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("run did not stop after cancel")
		}
	}
	defer stopRun()

	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	// Ann logged nothing last week: one weekly message, then the admin digest.
	calls, err := sl.WaitCalls(wait, "chat.postMessage", 2)
	if err != nil {
		stopRun()
		t.Fatalf("waiting for the missed report: %v\nstderr: %s", err, stderr.String())
	}
	var weekly, digest int
	for _, c := range calls {
		switch md := c.Params.Get("metadata"); {
		case strings.Contains(md, "clockbot_weekly_report"):
			weekly++
		case strings.Contains(md, "clockbot_admin_digest"):
			digest++
		}
	}
	if weekly != 1 || digest != 1 {
		t.Errorf("posts = %d weekly, %d digest; want 1 and 1", weekly, digest)
	}
	// The same process answers /tt over Socket Mode.
	if err := sl.WaitConnected(wait, 1); err != nil {
		stopRun()
		t.Fatalf("socket mode never connected: %v\nstderr: %s", err, stderr.String())
	}
	id, err := sl.Send(slacktest.SlashCommand("/tt", "help", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	ack, err := sl.WaitAck(wait, id)
	if err != nil || !strings.Contains(string(ack.Payload), "/tt start") {
		t.Errorf("ack of /tt help = %s, %v; want the help text", ack.Payload, err)
	}
	stopped = true
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after cancel, want nil\nstderr: %s", err, stderr.String())
		}
	case <-wait.Done():
		t.Fatal("run did not stop after cancel")
	}
	// The first pass backfilled SYNC_BACKFILL_DAYS and said how far it came.
	if !regexp.MustCompile(`level=INFO msg="sync backfill progress" component=sync windows_done=1 windows_total=\d+`).MatchString(stderr.String()) {
		t.Errorf("no backfill progress at info level in the log:\n%s", stderr.String())
	}
}

func TestRunNeedsSlack(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	tests := []struct {
		name, bot, app, wantVar string
	}{
		{"no bot token", "", sl.AppToken, "SLACK_BOT_TOKEN"},
		{"no app token", sl.BotToken, "", "SLACK_APP_TOKEN"},
		{"wrong bot token", "xoxb-not-the-right-one", sl.AppToken, "SLACK_BOT_TOKEN"},
		{"bot token in the app slot", sl.BotToken, sl.BotToken, "SLACK_APP_TOKEN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fakeEnv(t, cf)
			t.Setenv("SLACK_API_URL", sl.APIURL)
			t.Setenv("SLACK_BOT_TOKEN", tc.bot)
			t.Setenv("SLACK_APP_TOKEN", tc.app)
			err := run(t.Context(), []string{"run"}, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), tc.wantVar) {
				t.Fatalf("run = %v, want a configuration error naming %s", err, tc.wantVar)
			}
			if strings.Contains(err.Error(), "not-the-right-one") {
				t.Errorf("error %q shows the token", err)
			}
		})
	}
}
