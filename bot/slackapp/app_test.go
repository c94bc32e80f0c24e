package slackapp

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// sockFixture is a fake Slack and a App serving a stub router.
type sockFixture struct {
	sl   *slacktest.Server
	logs *bottest.LogWatch
	run  *runningSocket
}

// newSockFixture starts a App whose router register fills.
func newSockFixture(t *testing.T, cfg Config, register func(r *Router)) *sockFixture {
	t.Helper()
	f := &sockFixture{sl: bottest.NewSlackFake(t), logs: bottest.NewLogWatch()}
	f.sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	r := NewRouter()
	r.Command("/echo", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
		return slack.Msg{Text: "echo: " + cmd.Text}, nil
	})
	if register != nil {
		register(r)
	}
	f.run = startSocket(t, f.sl, r, cfg, f.logs.Logger())
	return f
}

// send pushes env and waits for its acknowledgement.
func (f *sockFixture) send(t *testing.T, env slacktest.Envelope) slacktest.Ack {
	t.Helper()
	id, err := f.sl.Send(env)
	if err != nil {
		t.Fatalf("Send() error: %v", err)
	}
	ack, err := f.sl.WaitAck(bottest.Ctx(t), id)
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, f.logs)
	}
	return ack
}

// echo checks that the app still answers a command.
func (f *sockFixture) echo(t *testing.T, text string) {
	t.Helper()
	got := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/echo", text, "UANN")))
	if want := "echo: " + text; got.Text != want {
		t.Errorf("echo ack text = %q, want %q", got.Text, want)
	}
}

func TestSocketSlashAnswerInAck(t *testing.T) {
	blocked := errors.New("clockify: POST /api/v1/x: 500 key=fake-api-key-0123456789")
	tests := []struct {
		name    string
		command string
		answer  slack.Msg
		err     error
		want    bottest.AckBody // response_type and text
		noBody  bool
	}{
		{name: "answer", command: "/x", answer: slack.Msg{Text: "hi"}, want: bottest.AckBody{ResponseType: "ephemeral", Text: "hi"}},
		{name: "in channel kept", command: "/x", answer: slack.Msg{Text: "all", ResponseType: "in_channel"}, want: bottest.AckBody{ResponseType: "in_channel", Text: "all"}},
		{name: "empty answer, empty ack", command: "/x", noBody: true},
		{name: "raw error hidden", command: "/x", err: blocked,
			want: bottest.AckBody{ResponseType: "ephemeral", Text: "Sorry, something went wrong: an unexpected error. It has been logged."}},
		{name: "public error shown", command: "/x", err: &PublicError{Public: "Clockify said <no>", Err: blocked},
			want: bottest.AckBody{ResponseType: "ephemeral", Text: "Sorry, something went wrong: Clockify said &lt;no&gt;."}},
		{name: "deadline", command: "/x", err: context.DeadlineExceeded,
			want: bottest.AckBody{ResponseType: "ephemeral", Text: "Sorry, something went wrong: that took too long. Please try again in a minute."}},
		{name: "unknown command", command: "/nope",
			want: bottest.AckBody{ResponseType: "ephemeral", Text: "Sorry, I don't know the command /nope. Try `/tt help`."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newSockFixture(t, Config{}, func(r *Router) {
				r.Command("/x", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
					if _, ok := ctx.Deadline(); !ok {
						t.Error("handler context has no deadline")
					}
					return tc.answer, tc.err
				})
			})
			ack := f.send(t, slacktest.SlashCommand(tc.command, "go", "UANN"))
			if tc.noBody {
				if ack.Payload != nil {
					t.Errorf("ack payload = %s, want none", ack.Payload)
				}
				return
			}
			got := bottest.DecodeAck(t, ack)
			if got.ResponseType != tc.want.ResponseType || got.Text != tc.want.Text {
				t.Errorf("ack = %s, want response_type %q text %q", ack.Payload, tc.want.ResponseType, tc.want.Text)
			}
			if strings.Contains(string(ack.Payload), "fake-api-key") {
				t.Errorf("ack payload %s leaks the error text", ack.Payload)
			}
			if len(f.sl.ResponseURLPosts()) != 0 {
				t.Errorf("response_url posts = %d, want 0", len(f.sl.ResponseURLPosts()))
			}
		})
	}
}

func TestSocketSlowSlashAnsweredThroughResponseURL(t *testing.T) {
	release := make(chan struct{})
	f := newSockFixture(t, Config{AckBudget: 50 * time.Millisecond}, func(r *Router) {
		r.Command("/slow", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
			select {
			case <-release:
			case <-ctx.Done():
				return slack.Msg{}, ctx.Err()
			}
			return slack.Msg{Text: "done: " + cmd.Text}, nil
		})
	})
	ack := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/slow", "start design", "UANN")))
	if ack.ResponseType != "ephemeral" || ack.Text != workingText {
		t.Errorf("ack = %+v, want the ephemeral %q", ack, workingText)
	}
	if n := len(f.sl.ResponseURLPosts()); n != 0 {
		t.Fatalf("response_url posts before the handler finished = %d, want 0", n)
	}
	close(release)
	posts, err := f.sl.WaitResponse(bottest.Ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	got := posts[0].JSON
	if got["text"] != "done: start design" || got["response_type"] != "ephemeral" || got["replace_original"] != false {
		t.Errorf("response_url post = %s, want the ephemeral answer, replace_original false", posts[0].Body)
	}
	f.echo(t, "still here")
}

func TestSocketPanicsAreApologies(t *testing.T) {
	rec := newPostRecorder(t)
	panicky := func(r *Router) {
		r.Command("/boom", func(context.Context, slack.SlashCommand) (slack.Msg, error) { panic("slash exploded") })
		r.Action("boom", func(context.Context, slack.InteractionCallback, *slack.BlockAction) error { panic("action exploded") })
		r.View("boom", func(context.Context, slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
			panic("view exploded")
		})
		r.Options("boom", func(context.Context, slack.InteractionCallback) (*slack.OptionsResponse, error) {
			panic("options exploded")
		})
		r.Event("app_home_opened", func(context.Context, slackevents.EventsAPIInnerEvent) error { panic("event exploded") })
	}
	tests := []struct {
		name  string
		env   slacktest.Envelope
		panic string
		check func(t *testing.T, ack bottest.AckBody)
	}{
		{"slash", slacktest.SlashCommand("/boom", "", "UANN"), "slash exploded", func(t *testing.T, ack bottest.AckBody) {
			if ack.Text != apologyText || ack.ResponseType != "ephemeral" {
				t.Errorf("ack = %+v, want the ephemeral apology", ack)
			}
		}},
		{"block action", slacktest.BlockAction("UANN", "boom", "v").With("response_url", rec.url), "action exploded", func(t *testing.T, ack bottest.AckBody) {
			if body := rec.next(t); !strings.Contains(body, apologyText) || !strings.Contains(body, `"response_type":"ephemeral"`) {
				t.Errorf("response_url post = %s, want the ephemeral apology", body)
			}
		}},
		{"view submission", slacktest.ViewSubmission("UANN", "boom", nil, ""), "view exploded", func(t *testing.T, ack bottest.AckBody) {
			if ack.ResponseAction != "update" || ack.ViewText() != apologyText {
				t.Errorf("ack = %+v, want a modal update with the apology", ack)
			}
		}},
		{"options", slacktest.Envelope{Type: slacktest.TypeInteractive, AcceptsResponsePayload: true, Payload: map[string]any{
			"type": "block_suggestion", "user": map[string]any{"id": "UANN"}, "action_id": "boom", "block_id": "b", "value": "de",
		}}, "options exploded", func(t *testing.T, ack bottest.AckBody) {
			if ack.Options == nil || len(*ack.Options) != 0 {
				t.Errorf("ack options = %v, want an empty list", ack.Options)
			}
		}},
		{"event", slacktest.AppHomeOpened("UANN"), "event exploded", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newSockFixture(t, Config{}, panicky)
			ack := f.send(t, tc.env)
			if tc.check != nil {
				tc.check(t, bottest.DecodeAck(t, ack))
			}
			e, err := f.logs.Wait(bottest.Ctx(t), "handler panicked", map[string]string{"panic": tc.panic})
			if err != nil {
				t.Fatalf("%v\nlogs:\n%s", err, f.logs)
			}
			if !strings.Contains(e.Attrs["stack"], "runtime/debug.Stack") || e.Attrs["envelope_id"] != ack.EnvelopeID || e.Attrs["component"] != "socket" {
				t.Errorf("panic log attrs = %v, want the stack, envelope_id %s and component socket", e.Attrs, ack.EnvelopeID)
			}
			f.echo(t, "after the panic")
		})
	}
}

func TestSocketRedeliveryNotHandledTwice(t *testing.T) {
	tests := []struct {
		name  string
		first slacktest.Envelope
		again slacktest.Envelope
	}{
		{
			name:  "slash command, same envelope",
			first: withEnvelope(slacktest.SlashCommand("/count", "", "UANN"), "env-slash", 0),
			again: withEnvelope(slacktest.SlashCommand("/count", "", "UANN"), "env-slash", 1),
		},
		{
			name:  "block action, same envelope",
			first: withEnvelope(slacktest.BlockAction("UANN", "count", "v"), "env-action", 0),
			again: withEnvelope(slacktest.BlockAction("UANN", "count", "v"), "env-action", 1),
		},
		{
			name:  "event, new envelope, same event id",
			first: withEnvelope(slacktest.AppHomeOpened("UANN").With("event_id", "Ev42"), "env-ev-1", 0),
			again: withEnvelope(slacktest.AppHomeOpened("UANN").With("event_id", "Ev42"), "env-ev-2", 1),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var handled atomic.Int32
			did := make(chan struct{}, 4)
			count := func() { handled.Add(1); did <- struct{}{} }
			f := newSockFixture(t, Config{}, func(r *Router) {
				r.Command("/count", func(context.Context, slack.SlashCommand) (slack.Msg, error) {
					count()
					return slack.Msg{Text: "ok"}, nil
				})
				r.Action("count", func(context.Context, slack.InteractionCallback, *slack.BlockAction) error { count(); return nil })
				r.Event("app_home_opened", func(context.Context, slackevents.EventsAPIInnerEvent) error { count(); return nil })
			})
			ctx := bottest.Ctx(t)
			f.send(t, tc.first)
			select {
			case <-did:
			case <-ctx.Done():
				t.Fatal("the first delivery was not handled")
			}
			f.send(t, tc.again)
			if _, err := f.logs.Wait(ctx, "envelope already handled; acknowledged only", map[string]string{"envelope_id": tc.again.EnvelopeID, "retry_attempt": "1"}); err != nil {
				t.Fatalf("%v\nlogs:\n%s", err, f.logs)
			}
			// The redelivery's ack was queued before the log line, so it is
			// on the wire before the barrier's.
			f.echo(t, "barrier")
			if got := handled.Load(); got != 1 {
				t.Errorf("handled %d times, want 1", got)
			}
			acks := 0
			for _, a := range f.sl.Acks() {
				if a.EnvelopeID == tc.again.EnvelopeID {
					acks++
				}
			}
			if want := map[bool]int{true: 2, false: 1}[tc.first.EnvelopeID == tc.again.EnvelopeID]; acks != want {
				t.Errorf("acks of envelope %s = %d, want %d", tc.again.EnvelopeID, acks, want)
			}
		})
	}
}

// withEnvelope sets the envelope id and retry attempt of env.
func withEnvelope(env slacktest.Envelope, id string, retry int) slacktest.Envelope {
	env.EnvelopeID = id
	env.RetryAttempt = retry
	if retry > 0 {
		env.RetryReason = "timeout"
	}
	return env
}

func TestSocketBlockActionAckedBeforeHandler(t *testing.T) {
	started, release, finished := make(chan string, 1), make(chan struct{}), make(chan struct{})
	f := newSockFixture(t, Config{}, func(r *Router) {
		r.Action("slow_", func(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) error {
			started <- a.ActionID + "=" + a.Value
			<-release
			close(finished)
			return nil
		})
	})
	ack := f.send(t, slacktest.BlockAction("UANN", "slow_button", "42"))
	if ack.Payload != nil {
		t.Errorf("ack payload = %s, want none", ack.Payload)
	}
	ctx := bottest.Ctx(t)
	select {
	case got := <-started:
		if got != "slow_button=42" {
			t.Errorf("handler got %q, want slow_button=42", got)
		}
	case <-ctx.Done():
		t.Fatal("action handler never started")
	}
	f.echo(t, "while the action runs")
	close(release)
	select {
	case <-finished:
	case <-ctx.Done():
		t.Fatal("action handler never finished")
	}
}
