package commands

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
)

// postGate is an HTTP transport in front of the fake Slack that holds the
// first chat.postMessage until released; later posts go straight through.
type postGate struct {
	mu      sync.Mutex
	taken   bool
	held    chan struct{} // closed once the first post is held
	release chan struct{} // close to let the first post go
}

func newPostGate() *postGate {
	return &postGate{held: make(chan struct{}), release: make(chan struct{})}
}

// RoundTrip holds the first chat.postMessage, then sends it on.
func (g *postGate) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/chat.postMessage") {
		g.mu.Lock()
		first := !g.taken
		g.taken = true
		g.mu.Unlock()
		if first {
			close(g.held)
			select {
			case <-g.release:
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestNotificationsKeepOrderWhenSlackIsSlow starts and stops a timer while
// Slack is slow to take the "started" post: the channel still reads
// "started" before "stopped".
func TestNotificationsKeepOrderWhenSlackIsSlow(t *testing.T) {
	gate := newPostGate()
	e := newCmdEnvWith(t, cmdOptions{notifyChannel: cmdNotifyChannel, slackHTTP: &http.Client{Transport: gate}})
	e.text(t, "UANN", "notify on")
	if got, want := e.text(t, "UANN", "start design"), "Started *Design*."; got != want {
		t.Fatalf("start = %q, want %q", got, want)
	}
	select {
	case <-gate.held:
	case <-bottest.Ctx(t).Done():
		t.Fatal("the started notification was never posted")
	}
	e.clock.Advance(20 * time.Minute)
	if got := e.text(t, "UANN", "stop"); !strings.HasPrefix(got, "Stopped") {
		t.Fatalf("stop = %q", got)
	}
	e.text(t, "UANN", "status") // a round trip more: a notification not held back would be posted by now
	close(gate.release)
	e.notices.Wait()
	want := []string{
		":stopwatch: *Ann Smith* started a timer\n*Project:* Design\n*Started at:* 15:05",
		":white_check_mark: *Ann Smith* stopped a timer\n*Project:* Design\n*Duration:* 20m\n*Billable:* Yes",
	}
	if got := channelTexts(e, cmdNotifyChannel); strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("notifications mismatch (-want +got):\n-%q\n+%q", want, got)
	}
}
