package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestRunOnDamagedDatabase starts `clockbot run` on a database that fails
// its check: it must tell the admin once (naming the file and how to
// restore), keep answering /tt, never write the file and stop cleanly.
func TestRunOnDamagedDatabase(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	good := syncedDB(t, cf)
	sl.AddUser(slacktest.User{ID: "UMIA", Email: "mia@example.com", Name: "mia"})
	path := filepath.Join(t.TempDir(), "damaged.db")
	t.Setenv("CLOCKBOT_DB", path)
	var dmg []byte
	for p := 2; p < len(good)/4096 && dmg == nil; p++ {
		b := bytes.Clone(good)
		copy(b[p*4096:(p+1)*4096], bytes.Repeat([]byte{0xa5}, 4096))
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if runNoPanic(t, "db", "check") != nil {
			dmg = b
		}
	}
	if dmg == nil {
		t.Fatal("no damaged page failed db check")
	}
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", sl.AppToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_ADMINS", "UMIA")

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
		t.Fatalf("no message to the admin: %v\nstderr: %s", err, stderr.String())
	}
	if text := posts[0].Params.Get("text"); !strings.Contains(text, path) || !strings.Contains(text, "db backup") || !strings.Contains(text, "db check") {
		t.Errorf("admin message %q does not name %s and say how to check and restore", text, path)
	}
	if err := sl.WaitConnected(wait, 1); err != nil {
		t.Fatalf("socket mode never connected: %v", err)
	}
	id, err := sl.Send(slacktest.SlashCommand("/tt", "help", "UMIA"))
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := sl.WaitAck(wait, id); err != nil || !strings.Contains(string(ack.Payload), "/tt start") {
		t.Errorf("ack of /tt help = %s, %v; want the help text", ack.Payload, err)
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
	if n := len(sl.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d messages posted, want the one alert", n)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, dmg) {
		t.Error("run wrote to the damaged database")
	}
}
