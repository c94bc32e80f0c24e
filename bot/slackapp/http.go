package slackapp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// errAlreadyAnswered is what an HTTP acknowledgement returns after the
// first: the response is already written.
var errAlreadyAnswered = errors.New("http request already answered")

// HTTPHandlers are the handlers of Slack's HTTP mode: slash commands,
// interactions and Events API callbacks, served by the same router and
// with the same acknowledgement budget and response_url fallback as
// Socket Mode. Mount them behind request-signature verification
// (bot/slacksig), which must come first: they trust what they read.
type HTTPHandlers struct {
	Commands, Interactions, Events http.Handler
}

// HTTPHandlers returns the handlers of Slack's HTTP mode.
func (a *App) HTTPHandlers() HTTPHandlers {
	return HTTPHandlers{
		Commands:     http.HandlerFunc(a.serveHTTPCommand),
		Interactions: http.HandlerFunc(a.serveHTTPInteraction),
		Events:       http.HandlerFunc(a.serveHTTPEvent),
	}
}

// serveHTTPCommand serves POST /slack/commands (a form).
func (a *App) serveHTTPCommand(w http.ResponseWriter, r *http.Request) {
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "not a slash command form", http.StatusBadRequest)
		return
	}
	a.serveHTTP(w, r, cmd, nil, a.log.With("transport", "http", "user", cmd.UserID))
}

// serveHTTPInteraction serves POST /slack/interactions (a form whose
// payload field is the interaction's JSON).
func (a *App) serveHTTPInteraction(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "not a form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err != nil {
		http.Error(w, "payload is not an interaction", http.StatusBadRequest)
		return
	}
	a.serveHTTP(w, r, cb, nil, a.log.With("transport", "http", "user", cb.User.ID))
}

// serveHTTPEvent serves POST /slack/events (JSON; url_verification is
// answered before, by slacksig.Events). A retry of an event already
// handled (same event_id) is only acknowledged.
func (a *App) serveHTTPEvent(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "not an Events API callback", http.StatusBadRequest)
		return
	}
	var keys []string
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		keys = append(keys, "event:"+cb.EventID)
	}
	a.serveHTTP(w, r, ev, keys, a.log.With("transport", "http", "retry_attempt", r.Header.Get("X-Slack-Retry-Num")))
}

// serveHTTP runs one request like an envelope: the first acknowledgement
// becomes the HTTP response (200, with its payload as JSON when there is
// one); what the handler does afterwards (a slow command's response_url
// post, a button's work) continues after the response is written.
func (a *App) serveHTTP(w http.ResponseWriter, r *http.Request, data any, keys []string, log *slog.Logger) {
	answered := make(chan any, 1)
	var once sync.Once
	ack := func(payload any) error {
		err := errAlreadyAnswered
		once.Do(func() { answered <- payload; err = nil })
		return err
	}
	a.work.add()
	go func() {
		defer a.work.done()
		a.handle(data, keys, ack, log)
		_ = ack(nil) // a handler that never acknowledged
	}()
	select {
	case payload := <-answered:
		writeAck(w, payload, log)
	case <-r.Context().Done():
		log.Warn("Slack closed the request before it was answered")
	}
}

// writeAck writes an acknowledgement's payload as the HTTP response.
func writeAck(w http.ResponseWriter, payload any, log *slog.Logger) {
	if payload == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	b, err := json.Marshal(payload)
	if err != nil {
		log.Error("encode acknowledgement", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// RunHTTP is Run for an App that serves Slack's HTTP mode only (no Socket
// Mode connection): it waits until ctx is done, then stops taking work
// (requests are answered with a "restarting" note) and waits for the
// handlers in flight up to the shutdown grace.
func (a *App) RunHTTP(ctx context.Context) error {
	if !a.started.CompareAndSwap(false, true) {
		return errors.New("slack http mode: Run called twice")
	}
	defer a.stopHandlers()
	a.log.Info("serving Slack's HTTP mode")
	<-ctx.Done()
	a.stopping.Store(true)
	grace := time.NewTimer(a.cfg.ShutdownGrace)
	defer grace.Stop()
	for a.work.count() > 0 {
		select {
		case <-a.work.idle():
		case <-grace.C:
			a.log.Warn("shutdown grace over; abandoning handlers in flight", "in_flight", a.work.count())
			return nil
		}
	}
	a.log.Info("slack http mode stopped")
	return nil
}
