package slackapp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

// postRecorder is a response_url on 127.0.0.1 that records request bodies.
type postRecorder struct {
	url    string
	bodies chan string
}

func newPostRecorder(t *testing.T) *postRecorder {
	t.Helper()
	p := &postRecorder{bodies: make(chan string, 16)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		p.bodies <- string(b)
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(srv.Close)
	p.url = srv.URL + "/response"
	return p
}

// next returns the next recorded body.
func (p *postRecorder) next(t *testing.T) string {
	t.Helper()
	select {
	case b := <-p.bodies:
		return b
	case <-bottest.Ctx(t).Done():
		t.Fatal("no post to the response_url")
		return ""
	}
}

func TestSocketViewSubmission(t *testing.T) {
	tests := []struct {
		name  string
		resp  *slack.ViewSubmissionResponse
		err   error
		check func(t *testing.T, ack slacktest.Ack)
	}{
		{"errors", slack.NewErrorsViewSubmissionResponse(map[string]string{"hours": "Enter a number of hours"}), nil, func(t *testing.T, ack slacktest.Ack) {
			got := bottest.DecodeAck(t, ack)
			if got.ResponseAction != "errors" || got.Errors["hours"] != "Enter a number of hours" {
				t.Errorf("ack = %s, want response_action errors on block hours", ack.Payload)
			}
		}},
		{"nil closes", nil, nil, func(t *testing.T, ack slacktest.Ack) {
			if ack.Payload != nil {
				t.Errorf("ack payload = %s, want none", ack.Payload)
			}
		}},
		{"failure", nil, errors.New("store: disk full at /secret/path"), func(t *testing.T, ack slacktest.Ack) {
			got := bottest.DecodeAck(t, ack)
			if got.ResponseAction != "update" || got.ViewText() != "Sorry, something went wrong: an unexpected error. It has been logged." {
				t.Errorf("ack = %s, want a modal update with the friendly failure", ack.Payload)
			}
			if strings.Contains(string(ack.Payload), "secret") {
				t.Errorf("ack %s leaks the error", ack.Payload)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var gotCallback atomic.Value
			f := newSockFixture(t, Config{}, func(r *Router) {
				r.View("target_modal", func(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
					gotCallback.Store(cb.View.PrivateMetadata)
					return tc.resp, tc.err
				})
			})
			ack := f.send(t, slacktest.ViewSubmission("UANN", "target_modal", nil, "week=2026-W46"))
			tc.check(t, ack)
			if got, _ := gotCallback.Load().(string); got != "week=2026-W46" {
				t.Errorf("handler saw private_metadata %q, want week=2026-W46", got)
			}
		})
	}
}

func TestSocketSlowViewSubmissionStillAcked(t *testing.T) {
	release := make(chan struct{})
	f := newSockFixture(t, Config{AckBudget: 50 * time.Millisecond}, func(r *Router) {
		r.View("slow", func(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
			<-release
			return nil, nil
		})
	})
	got := bottest.DecodeAck(t, f.send(t, slacktest.ViewSubmission("UANN", "slow", nil, "")))
	close(release)
	if got.ResponseAction != "update" || got.ViewText() != stillWorkingText {
		t.Errorf("ack = %+v, want a modal update saying it is still working", got)
	}
}

func TestSocketReconnectLosesNothing(t *testing.T) {
	var handled atomic.Int32
	f := newSockFixture(t, Config{}, func(r *Router) {
		r.Command("/count", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
			return slack.Msg{Text: "n=" + cmd.Text}, nil
		})
		r.Action("count", func(context.Context, slack.InteractionCallback, *slack.BlockAction) error {
			handled.Add(1)
			return nil
		})
	})
	ctx := bottest.Ctx(t)
	before := f.send(t, slacktest.SlashCommand("/count", "1", "UANN"))
	if err := f.sl.Disconnect(); err != nil {
		t.Fatal(err)
	}
	if err := f.sl.WaitConnected(ctx, 2); err != nil {
		t.Fatal(err)
	}
	after := f.send(t, slacktest.SlashCommand("/count", "2", "UANN"))
	if got := bottest.DecodeAck(t, after).Text; got != "n=2" {
		t.Errorf("ack after reconnect = %q, want n=2", got)
	}
	if before.Conn != 1 || after.Conn != 2 {
		t.Errorf("acks on connections %d and %d, want 1 and 2", before.Conn, after.Conn)
	}
	f.send(t, slacktest.BlockAction("UANN", "count", "x"))
	f.echo(t, "barrier")
	acks := map[string]int{}
	for _, a := range f.sl.Acks() {
		acks[a.EnvelopeID]++
	}
	for id, n := range acks {
		if n != 1 {
			t.Errorf("envelope %s acknowledged %d times, want once", id, n)
		}
	}
	if len(acks) != 4 {
		t.Errorf("acknowledged envelopes = %d, want 4", len(acks))
	}
	if n := len(f.sl.Calls("apps.connections.open")); n != 2 {
		t.Errorf("apps.connections.open calls = %d, want 2", n)
	}
}

func TestSocketShutdownWaitsForWorkInFlight(t *testing.T) {
	release := make(chan struct{})
	grace := 5 * time.Second
	f := newSockFixture(t, Config{AckBudget: 50 * time.Millisecond, ShutdownGrace: grace}, func(r *Router) {
		r.Command("/slow", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
			<-release
			return slack.Msg{Text: "finished"}, nil
		})
	})
	ctx := bottest.Ctx(t)
	if got := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/slow", "", "UANN"))).Text; got != workingText {
		t.Fatalf("ack = %q, want %q", got, workingText)
	}
	f.run.Cancel()
	stopped := time.Now()
	if _, err := f.logs.Wait(ctx, "shutting down: finishing work in flight", map[string]string{"in_flight": "1"}); err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, f.logs)
	}
	// New work during the shutdown is refused with a note, and Run keeps
	// draining the connection while the command runs.
	if got := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/echo", "late", "UANN"))).Text; got != restartingText {
		t.Errorf("ack during shutdown = %q, want %q", got, restartingText)
	}
	select {
	case err := <-f.run.Done():
		t.Fatalf("Run returned %v while a command was in flight", err)
	default:
	}
	close(release)
	posts, err := f.sl.WaitResponse(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if posts[0].JSON["text"] != "finished" {
		t.Errorf("response_url post = %s, want the finished answer", posts[0].Body)
	}
	if err := f.run.Stop(t); err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if took := time.Since(stopped); took >= grace {
		t.Errorf("Run took %v to return after cancel, want less than the grace %v", took, grace)
	}
}

func TestSocketShutdownGraceBounds(t *testing.T) {
	cancelled := make(chan struct{})
	grace := 100 * time.Millisecond
	f := newSockFixture(t, Config{AckBudget: 20 * time.Millisecond, ShutdownGrace: grace}, func(r *Router) {
		r.Command("/stuck", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
			<-ctx.Done()
			close(cancelled)
			return slack.Msg{}, ctx.Err()
		})
	})
	f.send(t, slacktest.SlashCommand("/stuck", "", "UANN"))
	start := time.Now()
	if err := f.run.Stop(t); err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if took := time.Since(start); took < grace {
		t.Errorf("Run returned after %v, want it to wait the grace %v", took, grace)
	}
	select {
	case <-cancelled:
	case <-bottest.Ctx(t).Done():
		t.Error("the stuck handler's context was not cancelled when the grace ended")
	}
	if _, err := f.logs.Wait(bottest.Ctx(t), "shutdown grace over; abandoning handlers in flight", nil); err != nil {
		t.Errorf("%v\nlogs:\n%s", err, f.logs)
	}
}

func TestSocketRejectedAppToken(t *testing.T) {
	const secret = "xapp-1-A1-SECRETSECRET"
	tests := []struct {
		name  string
		setup func(sl *slacktest.Server)
		token func(sl *slacktest.Server) string
		code  string
	}{
		{"wrong token", nil, func(*slacktest.Server) string { return secret }, "invalid_auth"},
		{"revoked token", func(sl *slacktest.Server) { sl.RevokeToken(sl.AppToken) }, func(sl *slacktest.Server) string { return sl.AppToken }, "token_revoked"},
		{"bot token given as app token", func(sl *slacktest.Server) { sl.FailMethod("apps.connections.open", "not_allowed_token_type", 0) },
			func(*slacktest.Server) string { return secret }, "not_allowed_token_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sl := bottest.NewSlackFake(t)
			if tc.setup != nil {
				tc.setup(sl)
			}
			api := slack.New(sl.BotToken, slack.OptionAppLevelToken(tc.token(sl)), slack.OptionAPIURL(sl.APIURL))
			app := New(api, NewRouter(), Config{}, bottest.NewLogWatch().Logger())
			done := make(chan error, 1)
			go func() { done <- app.Run(bottest.Ctx(t)) }()
			var err error
			select {
			case err = <-done:
			case <-bottest.Ctx(t).Done():
				t.Fatal("Run did not give up on a rejected app token")
			}
			if err == nil || !strings.Contains(err.Error(), "SLACK_APP_TOKEN") || !strings.Contains(err.Error(), tc.code) {
				t.Fatalf("Run() = %v, want an error naming SLACK_APP_TOKEN and %s", err, tc.code)
			}
			for _, tok := range []string{secret, sl.AppToken, sl.BotToken} {
				if strings.Contains(err.Error(), tok) {
					t.Errorf("Run() error %q contains a token", err)
				}
			}
		})
	}
}

func TestSocketRunTwice(t *testing.T) {
	f := newSockFixture(t, Config{}, nil)
	if err := f.run.app.Run(context.Background()); err == nil {
		t.Error("second Run() = nil, want an error")
	}
}

func TestSocketAnswerTooLargeForAck(t *testing.T) {
	big := strings.Repeat("x", 25*1024) // over Slack's 20 KB socket message limit
	f := newSockFixture(t, Config{}, func(r *Router) {
		r.Command("/big", func(context.Context, slack.SlashCommand) (slack.Msg, error) { return slack.Msg{Text: big}, nil })
	})
	if got := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/big", "", "UANN"))).Text; got != workingText {
		t.Errorf("ack text = %q, want %q", got, workingText)
	}
	posts, err := f.sl.WaitResponse(bottest.Ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := posts[0].JSON["text"].(string); got != big {
		t.Errorf("response_url post text has %d bytes, want the %d-byte answer", len(got), len(big))
	}
}
