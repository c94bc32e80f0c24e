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

// TestRunWithoutWorkspaceIDStartsTimers runs `clockbot run` with
// CLOCKIFY_WORKSPACE_ID unset, as the README allows when the key sees one
// workspace: /tt start must reach Clockify's resolved workspace, not "".
func TestRunWithoutWorkspaceIDStartsTimers(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	cf.AddUser(clockifytest.User{ID: "c-ann", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
	sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	fakeEnv(t, cf) // leaves CLOCKIFY_WORKSPACE_ID unset
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", sl.AppToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	// Synced first, so /tt knows Ann before run starts.
	if err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatalf("sync: %v", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	var stderr syncBuffer
	go func() { done <- run(ctx, []string{"run"}, &bytes.Buffer{}, &stderr) }()
	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()
	if err := sl.WaitConnected(wait, 1); err != nil {
		cancel()
		t.Fatalf("socket mode never connected: %v\nstderr: %s", err, stderr.String())
	}
	id, err := sl.Send(slacktest.SlashCommand("/tt", "start -- first day", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	ack, err := sl.WaitAck(wait, id)
	if err != nil || !strings.Contains(string(ack.Payload), "Started") {
		t.Errorf("ack of /tt start = %s, %v; want \"Started ...\"", ack.Payload, err)
	}
	if _, ok := cf.Running("c-ann"); !ok {
		t.Errorf("no timer running in the fake Clockify for Ann after /tt start")
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
