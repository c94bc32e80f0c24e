package slacktest

import (
	"context"
	"errors"
	"io"
	"log"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// smClient runs a real socketmode.Client against the fake and forwards
// the requests it receives (slash commands, interactions, events).
type smClient struct {
	t      *testing.T
	c      *socketmode.Client
	events chan socketmode.Event
}

// startSocketClient runs a socketmode client until the test ends or 10
// seconds pass, so that a hang fails the test instead of blocking it.
func startSocketClient(t *testing.T, s *Server) *smClient {
	t.Helper()
	c := socketmode.New(newAPI(s), socketmode.OptionLog(log.New(io.Discard, "", 0)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	sc := &smClient{t: t, c: c, events: make(chan socketmode.Event, 16)}
	done := make(chan error, 1)
	go func() { done <- c.RunContext(ctx) }()
	fwd := make(chan struct{})
	go func() {
		defer close(fwd)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-c.Events:
				switch e.Type {
				case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
					select {
					case sc.events <- e:
					case <-ctx.Done():
						return
					}
				}
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		<-fwd
	})
	return sc
}

// next returns the next request the client received.
func (c *smClient) next(ctx context.Context, want socketmode.EventType) socketmode.Event {
	c.t.Helper()
	select {
	case e := <-c.events:
		if e.Type != want {
			c.t.Fatalf("got event %q, want %q", e.Type, want)
		}
		return e
	case <-ctx.Done():
		c.t.Fatalf("waiting for a %q event: %v", want, ctx.Err())
		return socketmode.Event{}
	}
}

func TestSocketModeSlashCommandAckAndReconnect(t *testing.T) {
	s := seeded(t)
	c := startSocketClient(t, s)
	ctx := testCtx(t)
	mustNoErr(t, "first connection", s.WaitConnected(ctx, 1))

	id, err := s.Send(SlashCommand("/clockbot", "report last week", "U1"))
	mustNoErr(t, "send", err)
	e := c.next(ctx, socketmode.EventTypeSlashCommand)
	cmd := e.Data.(slack.SlashCommand)
	assertEqual(t, "command", []string{cmd.Command, cmd.Text, cmd.UserID, cmd.UserName, cmd.TeamID, cmd.APIAppID},
		[]string{"/clockbot", "report last week", "U1", "ann", "T1", "A1"})
	if dm, _ := s.Conversation(cmd.ChannelID); dm.Kind != KindIM || dm.User != "U1" {
		t.Errorf("channel_id %q is not the DM with U1", cmd.ChannelID)
	}
	assertEqual(t, "response_url", cmd.ResponseURL, s.URL+"/response/1")
	assertEqual(t, "envelope", []any{e.Request.EnvelopeID, e.Request.AcceptsResponsePayload}, []any{id, true})

	mustNoErr(t, "ack", c.c.Ack(*e.Request, map[string]any{"text": "Working on it"}))
	ack, err := s.WaitAck(ctx, id)
	mustNoErr(t, "WaitAck", err)
	assertJSON(t, "ack payload", ack.Payload, `{"text":"Working on it"}`)
	assertEqual(t, "ack connection", ack.Conn, 1)

	mustNoErr(t, "respond", slack.PostWebhookContext(ctx, cmd.ResponseURL, &slack.WebhookMessage{Text: "done", ResponseType: "ephemeral"}))
	posts, err := s.WaitResponse(ctx, 1)
	mustNoErr(t, "WaitResponse", err)
	assertEqual(t, "response post", []any{posts[0].N, posts[0].JSON["text"], posts[0].JSON["response_type"]}, []any{1, any("done"), any("ephemeral")})

	mustNoErr(t, "disconnect", s.Disconnect())
	mustNoErr(t, "second connection", s.WaitConnected(ctx, 2))
	id2, err := s.Send(SlashCommand("/clockbot", "help", "U2"))
	mustNoErr(t, "send after reconnect", err)
	e2 := c.next(ctx, socketmode.EventTypeSlashCommand)
	assertEqual(t, "second command", e2.Data.(slack.SlashCommand).Text, "help")
	mustNoErr(t, "ack", c.c.Ack(*e2.Request))
	ack2, err := s.WaitAck(ctx, id2)
	mustNoErr(t, "WaitAck", err)
	assertEqual(t, "second ack", []any{ack2.Conn, ack2.Payload == nil}, []any{2, true})
	assertEqual(t, "apps.connections.open calls", len(s.Calls("apps.connections.open")), 2)
	assertEqual(t, "acks", len(s.Acks()), 2)
}

func TestSocketModeDisconnectEnvelope(t *testing.T) {
	s := seeded(t)
	c := startSocketClient(t, s)
	ctx := testCtx(t)
	mustNoErr(t, "connect", s.WaitConnected(ctx, 1))
	mustNoErr(t, "disconnect envelope", s.SendDisconnectEnvelope())
	mustNoErr(t, "reconnect", s.WaitConnected(ctx, 2))
	_, err := s.Send(AppHomeOpened("U1"))
	mustNoErr(t, "send after reconnect", err)
	c.next(ctx, socketmode.EventTypeEventsAPI)
	assertEqual(t, "apps.connections.open calls", len(s.Calls("apps.connections.open")), 2)
}

func TestSocketModeInteractions(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	c := startSocketClient(t, s)
	ctx := testCtx(t)
	mustNoErr(t, "connect", s.WaitConnected(ctx, 1))
	home, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeView("one")})
	mustNoErr(t, "publish", err)

	t.Run("app home opened", func(t *testing.T) {
		id, err := s.Send(AppHomeOpened("U1"))
		mustNoErr(t, "send", err)
		e := c.next(ctx, socketmode.EventTypeEventsAPI)
		outer := e.Data.(slackevents.EventsAPIEvent)
		ev, ok := outer.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
		if !ok {
			t.Fatalf("inner event = %T, want *slackevents.AppHomeOpenedEvent", outer.InnerEvent.Data)
		}
		if ev.User != "U1" || ev.Tab != "home" || !strings.HasPrefix(ev.Channel, "D") || ev.View == nil || ev.View.ID != home.View.ID {
			t.Errorf("app_home_opened = %+v, want U1's home with its DM and view", ev)
		}
		mustNoErr(t, "ack", c.c.Ack(*e.Request))
		_, err = s.WaitAck(ctx, id)
		mustNoErr(t, "WaitAck", err)
	})

	var trigger string
	t.Run("block action from the home tab", func(t *testing.T) {
		_, err := s.Send(BlockAction("U1", "approve", "42"))
		mustNoErr(t, "send", err)
		e := c.next(ctx, socketmode.EventTypeInteractive)
		cb := e.Data.(slack.InteractionCallback)
		acts := cb.ActionCallback.BlockActions
		if cb.Type != slack.InteractionTypeBlockActions || len(acts) != 1 || acts[0].ActionID != "approve" || acts[0].Value != "42" {
			t.Fatalf("callback = %+v, want one approve action", cb)
		}
		assertEqual(t, "user", []string{cb.User.ID, cb.User.Name}, []string{"U1", "ann"})
		assertEqual(t, "view", []string{cb.View.ID, cb.Container.ViewID, cb.View.PrivateMetadata}, []string{home.View.ID, home.View.ID, "pm"})
		trigger = cb.TriggerID
		mustNoErr(t, "ack", c.c.Ack(*e.Request))
	})

	modal, err := api.OpenViewContext(ctx, trigger, modalView("hours"))
	mustNoErr(t, "open modal with the action's trigger", err)

	t.Run("view submission", func(t *testing.T) {
		values := map[string]map[string]any{"hours": {"input": map[string]any{"type": "plain_text_input", "value": "8"}}}
		id, err := s.Send(ViewSubmission("U1", "hours", values, "week=46"))
		mustNoErr(t, "send", err)
		e := c.next(ctx, socketmode.EventTypeInteractive)
		cb := e.Data.(slack.InteractionCallback)
		assertEqual(t, "submission", []string{string(cb.Type), cb.View.ID, cb.View.CallbackID, cb.View.PrivateMetadata, cb.View.State.Values["hours"]["input"].Value},
			[]string{"view_submission", modal.View.ID, "hours", "week=46", "8"})
		mustNoErr(t, "ack", c.c.Ack(*e.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"hours": "Too many"})))
		ack, err := s.WaitAck(ctx, id)
		mustNoErr(t, "WaitAck", err)
		assertJSON(t, "ack payload", ack.Payload, `{"response_action":"errors","errors":{"hours":"Too many"}}`)
	})
}

func TestSocketModePings(t *testing.T) {
	s := NewTB(t, WithPingInterval(5*time.Millisecond))
	startSocketClient(t, s)
	ctx := testCtx(t)
	mustNoErr(t, "connect", s.WaitConnected(ctx, 1))
	_, err := s.WaitPingPongs(ctx, PingReceivedPong, 2)
	mustNoErr(t, "periodic pongs", err)
	mustNoErr(t, "ping", s.Ping("hello"))
	// Periodic pongs keep arriving around the one for "hello": look for it
	// among all of them, not only the last.
	for n := 3; ; n++ {
		pongs, err := s.WaitPingPongs(ctx, PingReceivedPong, n)
		mustNoErr(t, "pong for hello", err)
		if slices.ContainsFunc(pongs, func(p PingPong) bool { return p.Data == "hello" }) {
			break
		}
		n = len(pongs)
	}
	if len(s.PingPongs()) == 0 {
		t.Error("PingPongs() is empty")
	}
}

func TestSocketModeRevokedAppToken(t *testing.T) {
	s := NewTB(t)
	s.RevokeToken(s.AppToken)
	c := socketmode.New(newAPI(s), socketmode.OptionLog(log.New(io.Discard, "", 0)))
	ctx := testCtx(t)
	go func() {
		for {
			select {
			case <-c.Events:
			case <-ctx.Done():
				return
			}
		}
	}()
	err := c.RunContext(ctx)
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "token_revoked" {
		t.Fatalf("RunContext() error = %v, want token_revoked", err)
	}
	if _, err := s.Send(SlashCommand("/x", "", "U1")); err == nil {
		t.Error("Send without a connection succeeded, want an error")
	}
}
