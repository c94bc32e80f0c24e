package slackapp

import (
	"context"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

// recordingObserver records what the runtime tells it.
type recordingObserver struct {
	acks       chan time.Duration
	reconnects chan struct{}
}

func (o *recordingObserver) CommandAcked(d time.Duration) { o.acks <- d }
func (o *recordingObserver) SocketReconnected()           { o.reconnects <- struct{}{} }

// TestObserverSeesAcksAndReconnects: every slash command's acknowledgement
// latency is observed once, a reconnection after Slack dropped the
// connection is counted (the first connection is not), and Connected
// follows the connection.
func TestObserverSeesAcksAndReconnects(t *testing.T) {
	sl := slacktest.NewTB(t)
	obs := &recordingObserver{acks: make(chan time.Duration, 10), reconnects: make(chan struct{}, 10)}
	r := NewRouter()
	r.Command("/tt", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
		return slack.Msg{Text: "ok"}, nil
	})
	run := startSocket(t, sl, r, Config{Observer: obs}, nil)
	wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
	defer stop()

	id, err := sl.Send(slacktest.SlashCommand("/tt", "status", "UANN"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sl.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-obs.acks:
		if d < 0 || d > 20*time.Second {
			t.Errorf("ack latency %v", d)
		}
	case <-wait.Done():
		t.Fatal("ack latency never observed")
	}
	if len(obs.reconnects) != 0 {
		t.Error("the first connection counted as a reconnection")
	}
	if !run.app.Connected() {
		t.Error("Connected() = false after a command was served")
	}
	if err := sl.Disconnect(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-obs.reconnects:
	case <-wait.Done():
		t.Fatal("reconnection never observed")
	}
	if !run.app.Connected() {
		t.Error("Connected() = false after the reconnection")
	}
	if len(obs.acks) != 0 {
		t.Errorf("%d extra ack observations", len(obs.acks))
	}
}
