package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/clockbot/clockbot/bot/clockifyhook"
	"github.com/clockbot/clockbot/bot/home"
	"github.com/clockbot/clockbot/bot/httpserver"
	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/bot/slacksig"
	"github.com/clockbot/clockbot/bot/timeclock"
	"github.com/clockbot/clockbot/store"
	"github.com/go-co-op/gocron/v2"
)

// httpListening is told the listener's address once `run` listens; tests
// replace it to learn the port of HTTP_ADDR=127.0.0.1:0.
var httpListening = func(addr string) {}

// webhookMarkSweep is how often the marks that keep webhook events ordered
// (and deleted entries' tombstones) older than store.MarkTTL are dropped.
const webhookMarkSweep = time.Hour

// newHTTPServer builds the listener of `run`: /healthz, /readyz (the store,
// the Slack connection or HTTP mode, the last successful sync), /metrics,
// Clockify's webhooks (applied at once, the person's Home tab refreshed),
// the time clock's webhooks when TIMECLOCK_WEBHOOK_SECRET is set, and
// Slack's HTTP mode when SLACK_SIGNING_SECRET is set.
func newHTTPServer(a *app, m *metrics.Metrics) *httpserver.Server {
	checks := httpserver.Checks{Store: a.store, HTTPMode: a.cfg.SlackSigningSecret.Reveal() != "", SyncInterval: a.cfg.SyncInterval}
	if a.bot.App != nil && a.cfg.SlackAppToken.Reveal() != "" {
		checks.Slack = a.bot.App
	}
	log := a.log
	srv := httpserver.New(httpserver.Config{Readiness: checks, Metrics: m, Logger: log})

	hook := clockifyhook.New(clockifyhook.Options{
		Tokens: a.store, StaticTokens: a.cfg.WebhookTokens(), Applier: a.store, Metrics: m, Logger: log,
		OnApplied: func(ev clockifyhook.Event) { a.bot.ClockifyChanged(ev.UserID()) },
	})
	srv.Handle("POST "+clockifyhook.Path, hook)
	a.bot.Home.SetWebhookHealth(func() home.WebhookHealth {
		h := hook.Health()
		return home.WebhookHealth{LastAccepted: h.LastAccepted, Accepted: h.Accepted, Rejected: h.Rejected, LastRejectReason: h.LastRejectReason}
	})

	if secret := a.cfg.TimeclockWebhookSecret.Reveal(); secret != "" {
		srv.Handle("POST "+timeclock.Path, timeclock.New(timeclock.Options{Secret: secret, Store: a.store, Metrics: m, Logger: log}))
	}
	if secret := a.cfg.SlackSigningSecret.Reveal(); secret != "" && a.bot.App != nil {
		hs := a.bot.App.HTTPHandlers()
		opts := slacksig.Options{Metrics: m, Logger: log}
		srv.Handle("POST /slack/commands", slacksig.Verify(secret, hs.Commands, opts))
		srv.Handle("POST /slack/interactions", slacksig.Verify(secret, hs.Interactions, opts))
		srv.Handle("POST /slack/events", slacksig.Verify(secret, slacksig.Events(hs.Events), opts))
	}
	return srv
}

// listenHTTP opens HTTP_ADDR before anything starts, so that a port in use
// stops `run` at once with the variable named; nil when HTTP_ADDR is empty.
func listenHTTP(ctx context.Context, addr string) (net.Listener, error) {
	if addr == "" {
		return nil, nil
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, &ConfigError{Var: "HTTP_ADDR", Reason: fmt.Sprintf("cannot listen on %s: %v", addr, err)}
	}
	httpListening(ln.Addr().String())
	return ln, nil
}

// scheduleWebhookMarks drops, every hour, the webhook marks older than
// store.MarkTTL: past it, a poll's data wins again.
func scheduleWebhookMarks(s gocron.Scheduler, a *app) error {
	_, err := s.NewJob(
		gocron.DurationJob(webhookMarkSweep),
		gocron.NewTask(func() {
			n, err := a.store.ExpireWebhookMarks(time.Now().Add(-store.MarkTTL))
			if err != nil {
				a.log.Warn("expire webhook marks", "err", err)
				return
			}
			a.log.Debug("expired webhook marks", "count", n)
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("webhook-marks"),
	)
	if err != nil {
		return fmt.Errorf("schedule webhook marks: %w", err)
	}
	return nil
}

// observeSync tells the metrics how a sync pass went and how many entries
// the store now holds.
func observeSync(a *app, err error) {
	if a.metrics == nil {
		return
	}
	if err != nil {
		a.metrics.SyncFailed()
		return
	}
	a.metrics.SyncPassed(time.Now())
	if n, err := a.store.CountEntries(); err == nil {
		a.metrics.EntriesStored(n)
	}
}
