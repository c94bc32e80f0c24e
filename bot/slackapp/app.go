package slackapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Socket Mode defaults.
const (
	DefaultAckBudget      = 2 * time.Second
	DefaultHandlerTimeout = 30 * time.Second
	DefaultShutdownGrace  = 10 * time.Second

	ackTimeout      = 5 * time.Second  // queueing one acknowledgement
	responseTimeout = 10 * time.Second // one post to a response_url
	ackFlushWait    = 100 * time.Millisecond
	seenCapacity    = 10000
	seenTTL         = time.Hour
)

// Config tunes the Socket Mode runtime. Zero fields take the
// defaults.
type Config struct {
	// AckBudget is how long a slash command, a view submission or an
	// options request may take before it is acknowledged (default 2 s). A
	// slash command slower than this is acknowledged with a "working on it"
	// note and answered through its response_url when ready.
	AckBudget time.Duration
	// HandlerTimeout is the context deadline of every handler (default 30 s).
	HandlerTimeout time.Duration
	// ShutdownGrace is how long Run waits for handlers in flight once its
	// context is done (default 10 s).
	ShutdownGrace time.Duration
	// Explain turns an error of the features (a Clockify refusal, a person
	// without a Clockify account) into a short sentence fragment without
	// secrets, or "" when it does not know the error. The runtime knows no
	// domain errors; nil explains none.
	Explain func(error) string
	// Observer is told of acknowledgement latencies and reconnections
	// (the metrics); nil tells no one.
	Observer Observer
}

// withDefaults fills in the zero fields.
func (c Config) withDefaults() Config {
	if c.AckBudget <= 0 {
		c.AckBudget = DefaultAckBudget
	}
	if c.HandlerTimeout <= 0 {
		c.HandlerTimeout = DefaultHandlerTimeout
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	return c
}

// App is the Socket Mode runtime: it holds the connection to Slack
// (slack-go's socketmode client reconnects on its own), acknowledges every
// envelope in time, runs the Router's handlers concurrently, never acts on
// a redelivered envelope twice, turns handler panics into apologies, and
// drains its work on shutdown.
type App struct {
	client *socketmode.Client
	router *Router
	cfg    Config
	log    *slog.Logger
	http   *http.Client // posts to response_urls
	seen   *seenSet
	work   inflight

	started  atomic.Bool
	stopping atomic.Bool
	lastAck  atomic.Int64 // unix nanoseconds of the last queued acknowledgement

	connected   atomic.Bool  // the Socket Mode connection is up
	connections atomic.Int64 // Socket Mode connections made so far

	// clientCtx is set by Run before any envelope is dispatched, read-only
	// afterwards; it lives until the connection is closed.
	clientCtx context.Context
	// handlerCtx is the parent of every handler (of either transport);
	// stopHandlers cancels it when the shutdown grace ends.
	handlerCtx   context.Context
	stopHandlers context.CancelFunc
}

// New wires a socketmode client. api must be built with
// slack.OptionAppLevelToken(appToken) and slack.OptionAPIURL(apiURL); a nil
// api is an App for Slack's HTTP mode only (RunHTTP, HTTPHandlers). log may
// be nil.
func New(api *slack.Client, router *Router, cfg Config, log *slog.Logger) *App {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "socket")
	var client *socketmode.Client
	if api != nil {
		client = socketmode.New(api, socketmode.OptionLog(slog.NewLogLogger(log.Handler(), slog.LevelDebug)))
	}
	handlerCtx, stopHandlers := context.WithCancel(context.Background())
	return &App{
		handlerCtx:   handlerCtx,
		stopHandlers: stopHandlers,
		client:       client,
		router:       router,
		cfg:          cfg.withDefaults(),
		log:          log,
		http:         &http.Client{Timeout: responseTimeout},
		seen:         newSeenSet(seenCapacity, seenTTL, time.Now),
	}
}

// Run connects (apps.connections.open) and processes envelopes until ctx
// is done. It then stops taking new work (new envelopes are acknowledged
// with a "restarting" note), waits for the handlers in flight up to the
// shutdown grace, closes the connection and returns nil. It returns an
// error only when it cannot run at all, such as when Slack rejects the app
// token. Run may be called once.
func (a *App) Run(ctx context.Context) error {
	if !a.started.CompareAndSwap(false, true) {
		return errors.New("socket mode: Run called twice")
	}
	clientCtx, stopClient := context.WithCancel(context.WithoutCancel(ctx))
	defer stopClient()
	stopHandlers := a.stopHandlers
	defer stopHandlers()
	a.clientCtx = clientCtx

	runErr := make(chan error, 1)
	go func() { runErr <- a.client.RunContext(clientCtx) }()
	a.log.Info("connecting to Slack (Socket Mode)")

	for {
		select {
		case evt := <-a.client.Events:
			if err := a.dispatch(evt); err != nil {
				stopHandlers()
				stopClient()
				a.drainUntil(runErr)
				return err
			}
		case err := <-runErr:
			stopHandlers()
			return connectError(err)
		case <-ctx.Done():
			a.shutdown(runErr, stopHandlers, stopClient)
			return nil
		}
	}
}

// shutdown stops taking work, waits for the handlers in flight up to the
// grace, then closes the connection.
func (a *App) shutdown(runErr chan error, stopHandlers, stopClient context.CancelFunc) {
	a.stopping.Store(true)
	a.log.Info("shutting down: finishing work in flight", "in_flight", a.work.count(), "grace", a.cfg.ShutdownGrace)
	grace := time.NewTimer(a.cfg.ShutdownGrace)
	defer grace.Stop()
	idle := a.work.idle()
wait:
	for {
		select {
		case evt := <-a.client.Events:
			_ = a.dispatch(evt) // refused with a "restarting" note
		case <-idle:
			if a.work.count() == 0 {
				break wait
			}
			idle = a.work.idle()
		case err := <-runErr:
			a.log.Warn("socket mode connection ended during shutdown", "err", err)
			runErr = nil
		case <-grace.C:
			a.log.Warn("shutdown grace over; abandoning handlers in flight", "in_flight", a.work.count())
			break wait
		}
	}
	stopHandlers()
	a.flushAcks(grace.C)
	stopClient()
	if runErr != nil {
		a.drainUntil(runErr)
	}
	a.log.Info("socket mode stopped")
}

// flushAcks gives acknowledgements queued in the last moments the time to
// be written before the connection closes: the socketmode client writes
// them from its own queue and offers no way to wait for it.
func (a *App) flushAcks(graceOver <-chan time.Time) {
	last := time.Unix(0, a.lastAck.Load())
	wait := ackFlushWait - time.Since(last)
	if wait <= 0 {
		return
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
	case <-graceOver:
	}
}

// drainUntil keeps the Events channel drained until the client has
// returned.
func (a *App) drainUntil(runErr chan error) {
	for {
		select {
		case <-a.client.Events:
		case <-runErr:
			return
		}
	}
}

// connectError explains why the socketmode client gave up. The error names
// the variable to fix and never includes a token.
func connectError(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return errors.New("socket mode: the connection ended unexpectedly")
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && isFatalConnectCode(se.Err) {
		return fmt.Errorf("socket mode: Slack rejected SLACK_APP_TOKEN (%s): use the app-level token (xapp-…) with the connections:write scope, and check it was not revoked: %w", se.Err, err)
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == http.StatusNotFound {
		return fmt.Errorf("socket mode: apps.connections.open was not found (HTTP 404): check SLACK_API_URL: %w", err)
	}
	return fmt.Errorf("socket mode: connect with SLACK_APP_TOKEN: %w", err)
}

// isFatalConnectCode reports whether an apps.connections.open error is one
// that retrying cannot fix. slack-go gives up on some of them itself and
// retries the others forever; Run gives up on all of them.
func isFatalConnectCode(code string) bool {
	switch code {
	case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
		"not_allowed_token_type", "missing_scope", "invalid_token":
		return true
	}
	return false
}
