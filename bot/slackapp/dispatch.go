package slackapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// errHandlerPanic stands for a handler that panicked; the panic itself is
// logged where it is recovered.
var errHandlerPanic = errors.New("handler panicked")

// dispatch handles one event of the socketmode client without blocking:
// envelopes are served in their own goroutine. It returns an error only
// when the connection cannot work at all (a rejected app token).
func (a *App) dispatch(evt socketmode.Event) error {
	switch evt.Type {
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
		if evt.Request == nil {
			a.log.Warn("envelope without a request", "type", evt.Type)
			return nil
		}
		a.work.add()
		go func() {
			defer a.work.done()
			a.serve(evt)
		}()
	case socketmode.EventTypeConnecting:
		a.connected.Store(false)
		if c, ok := evt.Data.(*slack.ConnectingEvent); ok {
			a.log.Debug("connecting", "attempt", c.Attempt, "connection", c.ConnectionCount)
		}
	case socketmode.EventTypeConnected:
		a.connectedNow()
		if c, ok := evt.Data.(*socketmode.ConnectedEvent); ok {
			a.log.Info("connected to Slack", "connection", c.ConnectionCount)
		}
	case socketmode.EventTypeConnectionError:
		a.connected.Store(false)
		if c, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			var se slack.SlackErrorResponse
			if errors.As(c.ErrorObj, &se) && isFatalConnectCode(se.Err) {
				return connectError(c.ErrorObj)
			}
			a.log.Warn("socket mode connection failed; retrying", "attempt", c.Attempt, "backoff", c.Backoff, "err", c.ErrorObj)
		}
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("Slack rejected the app token (SLACK_APP_TOKEN)")
	case socketmode.EventTypeDisconnect:
		a.connected.Store(false)
		a.log.Info("Slack asked to reconnect")
	case socketmode.EventTypeErrorWriteFailed:
		if w, ok := evt.Data.(*socketmode.ErrorWriteFailed); ok && w.Response != nil {
			a.log.Warn("acknowledgement not written; Slack will redeliver", "envelope_id", w.Response.EnvelopeID, "err", w.Cause)
		}
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage:
		a.log.Warn("unreadable message from Slack", "type", evt.Type, "err", eventCause(evt.Data))
	default:
		a.log.Debug("socket mode event", "type", evt.Type)
	}
	return nil
}

// eventCause is the error carried by an error event, without the message
// body (which may hold user data).
func eventCause(data any) error {
	switch d := data.(type) {
	case *slack.IncomingEventError:
		return d.ErrorObj
	case *socketmode.ErrorBadMessage:
		return d.Cause
	}
	return nil
}

// serve handles one envelope: a redelivery of one already handled is only
// acknowledged, and during shutdown it is refused with a note.
func (a *App) serve(evt socketmode.Event) {
	req := evt.Request
	user, keys := envelopeUser(evt), []string{"envelope:" + req.EnvelopeID}
	if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
			keys = append(keys, "event:"+cb.EventID)
		}
	}
	log := a.log.With("envelope_id", req.EnvelopeID, "user", user)
	if req.RetryAttempt > 0 {
		log = log.With("retry_attempt", req.RetryAttempt, "retry_reason", req.RetryReason)
	}
	ack := func(payload any) error { return a.ack(req, payload, log) }
	a.handle(evt.Data, keys, ack, log)
}

// handle serves one request of either transport (Socket Mode or HTTP):
// one already handled (by its keys) is only acknowledged, and during
// shutdown it is refused with a note.
func (a *App) handle(data any, keys []string, ack acker, log *slog.Logger) {
	if a.stopping.Load() {
		a.refuse(data, ack, log)
		return
	}
	if len(keys) > 0 && a.seen.CheckAndAdd(keys...) {
		_ = ack(nil)
		log.Info("envelope already handled; acknowledged only")
		return
	}
	switch data := data.(type) {
	case slack.SlashCommand:
		a.serveSlash(ack, data, log)
	case slack.InteractionCallback:
		a.serveInteractive(ack, data, log)
	case slackevents.EventsAPIEvent:
		a.serveEvent(ack, data, log)
	default:
		log.Warn("unexpected request data", "type", fmt.Sprintf("%T", data))
		_ = ack(nil)
	}
}

// envelopeUser is the Slack id of the user behind an envelope, for logs.
func envelopeUser(evt socketmode.Event) string {
	switch d := evt.Data.(type) {
	case slack.SlashCommand:
		return d.UserID
	case slack.InteractionCallback:
		return d.User.ID
	case slackevents.EventsAPIEvent:
		if cb, ok := d.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.InnerEvent != nil {
			var inner struct {
				User json.RawMessage `json:"user"`
			}
			if json.Unmarshal(*cb.InnerEvent, &inner) == nil {
				var id string
				if json.Unmarshal(inner.User, &id) == nil {
					return id
				}
				var obj struct{ ID string }
				if json.Unmarshal(inner.User, &obj) == nil {
					return obj.ID
				}
			}
		}
	}
	return ""
}

// call runs f with a handler context bounded by the handler timeout. A
// panic is recovered, logged with its stack, and returned as
// errHandlerPanic.
func (a *App) call(log *slog.Logger, what string, f func(ctx context.Context) error) (err error) {
	ctx, cancel := context.WithTimeout(a.handlerCtx, a.cfg.HandlerTimeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			log.Error("handler panicked", "handler", what, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = errHandlerPanic
		}
	}()
	return f(ctx)
}

// refuse acknowledges an envelope that arrived during shutdown, with a
// "restarting" note where Slack shows one.
func (a *App) refuse(data any, ack acker, log *slog.Logger) {
	log.Info("request refused: shutting down", "type", fmt.Sprintf("%T", data))
	switch data := data.(type) {
	case slack.SlashCommand:
		_ = ack(ephemeralPayload(restartingText))
	case slack.InteractionCallback:
		switch data.Type {
		case slack.InteractionTypeViewSubmission:
			_ = ack(noticeModal(restartingText))
		case slack.InteractionTypeBlockSuggestion:
			_ = ack(emptyOptions())
		default:
			_ = ack(nil)
			if data.ResponseURL != "" {
				a.respond(data.ResponseURL, slack.Msg{Text: restartingText}, log)
			}
		}
	default:
		_ = ack(nil)
	}
}

// ack queues the acknowledgement of req with payload (nil for none). It
// gives up after ackTimeout, as the acknowledgement would be too late.
func (a *App) ack(req *socketmode.Request, payload any, log *slog.Logger) error {
	ctx, cancel := context.WithTimeout(a.clientCtx, ackTimeout)
	defer cancel()
	if err := a.client.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
		log.Error("acknowledge envelope", "err", err)
		return fmt.Errorf("acknowledge envelope %s: %w", req.EnvelopeID, err)
	}
	a.lastAck.Store(time.Now().UnixNano())
	return nil
}

// respond posts msg, ephemeral unless it says otherwise, to a
// response_url.
func (a *App) respond(url string, msg slack.Msg, log *slog.Logger) {
	if msgPayload(msg) == nil {
		return // nothing to say
	}
	if url == "" {
		log.Warn("no response_url to answer on")
		return
	}
	ctx, cancel := context.WithTimeout(a.handlerCtx, responseTimeout)
	defer cancel()
	if err := slack.PostWebhookCustomHTTPContext(ctx, url, a.http, webhookMessage(msg)); err != nil {
		log.Error("post to response_url", "err", err)
	}
}
