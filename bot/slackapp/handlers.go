package slackapp

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// serveSlash answers a slash command in the acknowledgement when the
// handler is done within the ack budget; acknowledges with the handler's
// provisional message when it defers (Defer) and posts its answer to the
// response_url in place of it; and otherwise, past the budget, acknowledges
// with a "working on it" note and posts the answer to the response_url.
func (a *App) serveSlash(ack acker, cmd slack.SlashCommand, log *slog.Logger) {
	ack = a.timedAck(ack, time.Now())
	h, ok := a.router.CommandFor(cmd.Command)
	if !ok {
		log.Warn("unknown slash command", "command", cmd.Command)
		_ = ack(ephemeralPayload(unknownCommandText(cmd.Command)))
		return
	}
	answer := make(chan slack.Msg, 1)
	early := &deferral{early: make(chan slack.Msg, 1)}
	go func() {
		var msg slack.Msg
		err := a.call(log, "command "+cmd.Command, func(ctx context.Context) (err error) {
			msg, err = h(withDeferral(ctx, early), cmd)
			return err
		})
		answer <- a.slashAnswer(msg, err, log)
	}()
	budget := time.NewTimer(a.cfg.AckBudget)
	defer budget.Stop()
	select {
	case note := <-early.early:
		log.Debug("command deferred by its handler; answering through response_url")
		_ = ack(msgPayload(note))
		msg := <-answer
		msg.ReplaceOriginal = true
		a.respond(cmd.ResponseURL, msg, log)
	case msg := <-answer:
		err := ack(msgPayload(msg))
		if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return
		}
		// The answer does not fit in an acknowledgement (20 KB).
		if ack(ephemeralPayload(workingText)) == nil {
			a.respond(cmd.ResponseURL, msg, log)
		}
	case <-budget.C:
		log.Info("command slower than the ack budget; answering through response_url", "budget", a.cfg.AckBudget)
		_ = ack(ephemeralPayload(workingText))
		a.respond(cmd.ResponseURL, <-answer, log)
	}
}

// serveInteractive handles block actions (after the acknowledgement), view
// submissions and options requests (before it), and acknowledges anything
// else.
func (a *App) serveInteractive(ack acker, cb slack.InteractionCallback, log *slog.Logger) {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		_ = ack(nil)
		for _, act := range cb.ActionCallback.BlockActions {
			h, ok := a.router.ActionFor(act.ActionID)
			if !ok {
				log.Warn("no handler for action", "action_id", act.ActionID)
				continue
			}
			err := a.call(log, "action "+act.ActionID, func(ctx context.Context) error { return h(ctx, cb, act) })
			if err != nil {
				a.actionFailed(cb, act.ActionID, err, log)
			}
		}
	case slack.InteractionTypeViewSubmission:
		a.serveViewSubmission(ack, cb, log)
	case slack.InteractionTypeBlockSuggestion:
		a.serveOptions(ack, cb, log)
	default:
		log.Debug("interaction acknowledged without a handler", "interaction", cb.Type)
		_ = ack(nil)
	}
}

// actionFailed logs a failed action and tells the user through the
// response_url when the action came from a message.
func (a *App) actionFailed(cb slack.InteractionCallback, actionID string, err error, log *slog.Logger) {
	text := apologyText
	if !errors.Is(err, errHandlerPanic) {
		log.Error("action failed", "action_id", actionID, "err", err)
		text = a.failureText(err)
	}
	if cb.ResponseURL != "" {
		a.respond(cb.ResponseURL, slack.Msg{Text: text}, log)
	}
}

// viewResult is what a view handler returned.
type viewResult struct {
	resp *slack.ViewSubmissionResponse
	err  error
}

// serveViewSubmission runs the view handler within the ack budget and
// acknowledges with its response.
func (a *App) serveViewSubmission(ack acker, cb slack.InteractionCallback, log *slog.Logger) {
	h, ok := a.router.ViewFor(cb.View.CallbackID)
	if !ok {
		log.Warn("no handler for view submission", "callback_id", cb.View.CallbackID)
		_ = ack(nil)
		return
	}
	what := "view " + cb.View.CallbackID
	result := make(chan viewResult, 1)
	go func() {
		var r viewResult
		r.err = a.call(log, what, func(ctx context.Context) (err error) {
			r.resp, err = h(ctx, cb)
			return err
		})
		result <- r
	}()
	budget := time.NewTimer(a.cfg.AckBudget)
	defer budget.Stop()
	select {
	case r := <-result:
		switch {
		case r.err != nil:
			_ = ack(noticeModal(a.viewFailureText(r.err, what, log)))
		case r.resp == nil:
			_ = ack(nil)
		default:
			_ = ack(r.resp)
		}
	case <-budget.C:
		log.Warn("view submission slower than the ack budget; finishing in the background", "callback_id", cb.View.CallbackID)
		_ = ack(noticeModal(stillWorkingText))
		if r := <-result; r.err != nil {
			a.viewFailureText(r.err, what, log)
		}
	}
}

// viewFailureText logs a failed view handler and returns what to show.
func (a *App) viewFailureText(err error, what string, log *slog.Logger) string {
	if errors.Is(err, errHandlerPanic) {
		return apologyText
	}
	log.Error("view submission failed", "handler", what, "err", err)
	return a.failureText(err)
}

// serveOptions answers a block_suggestion within the ack budget; anything
// but options answers an empty list.
func (a *App) serveOptions(ack acker, cb slack.InteractionCallback, log *slog.Logger) {
	h, ok := a.router.OptionsFor(cb.ActionID)
	if !ok {
		log.Warn("no handler for options", "action_id", cb.ActionID)
		_ = ack(emptyOptions())
		return
	}
	result := make(chan *slack.OptionsResponse, 1)
	go func() {
		var resp *slack.OptionsResponse
		err := a.call(log, "options "+cb.ActionID, func(ctx context.Context) (err error) {
			resp, err = h(ctx, cb)
			return err
		})
		if err != nil && !errors.Is(err, errHandlerPanic) {
			log.Error("options failed", "action_id", cb.ActionID, "err", err)
		}
		if err != nil {
			resp = nil
		}
		result <- resp
	}()
	budget := time.NewTimer(a.cfg.AckBudget)
	defer budget.Stop()
	select {
	case resp := <-result:
		if resp == nil || len(resp.Options) == 0 {
			_ = ack(emptyOptions())
			return
		}
		_ = ack(resp)
	case <-budget.C:
		log.Warn("options slower than the ack budget", "action_id", cb.ActionID)
		_ = ack(emptyOptions())
		<-result
	}
}

// serveEvent acknowledges an Events API envelope, then runs the handler of
// its inner event.
func (a *App) serveEvent(ack acker, ev slackevents.EventsAPIEvent, log *slog.Logger) {
	_ = ack(nil)
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	h, ok := a.router.EventFor(ev.InnerEvent.Type)
	if !ok {
		log.Debug("no handler for event", "event", ev.InnerEvent.Type)
		return
	}
	err := a.call(log, "event "+ev.InnerEvent.Type, func(ctx context.Context) error { return h(ctx, ev.InnerEvent) })
	if err != nil && !errors.Is(err, errHandlerPanic) {
		log.Error("event handler failed", "event", ev.InnerEvent.Type, "err", err)
	}
}
