package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/bot/notices"
	"github.com/clockbot/clockbot/bot/nudges"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/go-co-op/gocron/v2"
)

// runBot is `clockbot run`, the bot: a Socket Mode connection answering
// /tt, the App Home tab and the manager buttons on the weekly messages, plus the schedules (sync
// every SYNC_INTERVAL, the weekly report on REPORT_SCHEDULE with a missed
// one sent at start, and the daily summaries). On SIGINT/SIGTERM it stops
// taking work, finishes what is in flight (at most 10 s) and closes the
// store.
func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) > 0 {
		return &usageError{msg: fmt.Sprintf("run: unexpected argument %q", args[0])}
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if cfg.SlackBotToken.Reveal() == "" {
		return &ConfigError{Var: "SLACK_BOT_TOKEN", Reason: "required by run (or SLACK_BOT_TOKEN_FILE)"}
	}
	if cfg.SlackAppToken.Reveal() == "" && cfg.SlackSigningSecret.Reveal() == "" {
		return &ConfigError{Var: "SLACK_APP_TOKEN", Reason: "required by run for Socket Mode (or SLACK_APP_TOKEN_FILE), unless SLACK_SIGNING_SECRET turns on Slack's HTTP mode"}
	}
	if cfg.SlackSigningSecret.Reveal() != "" && cfg.HTTPAddr == "" {
		return &ConfigError{Var: "HTTP_ADDR", Reason: "is empty, but SLACK_SIGNING_SECRET turns on Slack's HTTP mode, which needs the listener"}
	}
	m := metrics.New()
	a, err := setup(ctx, cfg, stderr, setupOptions{slack: true, slackRequired: true, allowDamaged: true, logBackfill: true, metrics: m})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := listenHTTP(ctx, a.cfg.HTTPAddr)
	if err != nil {
		return err
	}
	// From here on, the resolved configuration: setup filled in the
	// workspace when CLOCKIFY_WORKSPACE_ID was left unset.
	cfg = a.cfg

	rc, _ := cfg.reportConfig()
	s, err := gocron.NewScheduler(gocron.WithLogger(a.log), gocron.WithLocation(rc.Params.DefaultLocation))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	// A damaged database is opened read-only: /tt and the Home tab answer
	// what they can, the admins are told, and nothing that writes runs.
	damage := &damageAlert{a: a}
	if !damage.check(ctx) {
		if err := scheduleSync(s, a, damage, ctx); err != nil {
			return err
		}
		if err := scheduleWeekly(s, a, ctx); err != nil {
			return err
		}
	}
	if err := scheduleSummaries(s, a, a.bot.Notices, damage, ctx); err != nil {
		return err
	}
	if err := scheduleNudges(s, a, a.bot.Nudges, damage, ctx); err != nil {
		return err
	}
	if err := scheduleWebhookMarks(s, a); err != nil {
		return err
	}
	httpDone := make(chan error, 1)
	if ln != nil {
		srv := newHTTPServer(a, m)
		go func() { httpDone <- srv.Serve(ctx, ln) }()
	} else {
		httpDone <- nil
	}
	s.Start()
	a.log.Info("clockbot running", "workspace", cfg.ClockifyWorkspaceID, "sync_interval", cfg.SyncInterval, "report_schedule", cfg.ReportSchedule, "report_timezone", cfg.ReportTimezone)

	runErr := a.bot.Run(ctx) // returns once ctx is done and in-flight work, notices and Home updates finished
	a.log.Info("shutting down")
	if err := <-httpDone; err != nil { // the listener shuts down with ctx too
		a.log.Warn("http listener", "err", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Shutdown() }()
	select {
	case err := <-done:
		if err != nil {
			a.log.Warn("scheduler shutdown", "err", err)
		}
	case <-time.After(10 * time.Second):
		a.log.Warn("scheduler did not stop within 10s")
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return runErr
	}
	return nil
}

// scheduleSync syncs now and every SYNC_INTERVAL, one pass at a time. On
// a workspace with an hourly request budget (Clockify's Free plan) passes
// are skipped until syncer.Pace says the last one is paid for.
// A pass that finds the database damaged tells the admins (once).
func scheduleSync(s gocron.Scheduler, a *app, damage *damageAlert, ctx context.Context) error {
	var (
		mu   sync.Mutex
		next time.Time // no pass before it
	)
	_, err := s.NewJob(
		gocron.DurationJob(a.cfg.SyncInterval),
		gocron.NewTask(func() {
			mu.Lock()
			defer mu.Unlock()
			started := time.Now()
			if started.Before(next) || damage.check(ctx) {
				return
			}
			res, err := a.syncer.Sync(ctx, syncer.Options{})
			if err != nil {
				a.log.Error("scheduled sync failed", "err", err)
				damage.check(ctx)
			} else {
				a.pruneOld(time.Now())
			}
			observeSync(a, err)
			pace := syncer.Pace(a.cfg.SyncInterval, res.Requests, a.api.LongestRetryAfter())
			if pace > a.cfg.SyncInterval {
				a.log.Info("Clockify allows this workspace few requests an hour (Free plan): syncing less often than SYNC_INTERVAL",
					"next_sync_in", pace, "sync_interval", a.cfg.SyncInterval, "pass_requests", res.Requests, "budget_per_hour", syncer.FreePlanRequestsPerHour)
			}
			next = started.Add(pace - 5*time.Second) // the ticks may run a little early
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithStartAt(gocron.WithStartImmediately()),
		gocron.WithName("sync"),
	)
	if err != nil {
		return fmt.Errorf("schedule sync: %w", err)
	}
	return nil
}

// scheduleSummaries sends the daily summaries that are due, every minute,
// but none on a damaged database, which could not record them as sent.
func scheduleSummaries(s gocron.Scheduler, a *app, ntc *notices.Notices, damage *damageAlert, ctx context.Context) error {
	_, err := s.NewJob(
		gocron.CronJob("* * * * *", false),
		gocron.NewTask(func() {
			if damage.check(ctx) {
				return
			}
			if err := ntc.SendDueSummaries(ctx); err != nil {
				a.log.Error("daily summaries", "err", err)
			}
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("daily-summaries"),
	)
	if err != nil {
		return fmt.Errorf("schedule daily summaries: %w", err)
	}
	return nil
}

// scheduleNudges sends the daily nudges and the heads-ups that are due,
// every minute, but none on a damaged database, which could not claim them
// in the ledger.
func scheduleNudges(s gocron.Scheduler, a *app, n *nudges.Nudges, damage *damageAlert, ctx context.Context) error {
	_, err := s.NewJob(
		gocron.CronJob("* * * * *", false),
		gocron.NewTask(func() {
			if damage.check(ctx) {
				return
			}
			if err := n.SendDue(ctx); err != nil {
				a.log.Error("nudges", "err", err)
			}
		}),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("nudges"),
	)
	if err != nil {
		return fmt.Errorf("schedule nudges: %w", err)
	}
	return nil
}

// scheduleWeekly runs the weekly report on REPORT_SCHEDULE, once at start
// (a report missed while the bot was down is sent late, same week only),
// and again every 15 minutes while its data cannot be synced.
func scheduleWeekly(s gocron.Scheduler, a *app, ctx context.Context) error {
	sc, _ := parseSchedule(a.cfg.ReportSchedule)
	var attempt func()
	attempt = func() {
		retryAt, err := a.runner.Attempt(ctx)
		if err != nil {
			a.log.Error("weekly report", "err", err)
		}
		if retryAt.IsZero() || ctx.Err() != nil {
			return
		}
		if _, err := s.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartDateTime(retryAt)), gocron.NewTask(attempt), gocron.WithName("weekly-retry")); err != nil {
			a.log.Error("schedule weekly retry", "err", err)
		}
	}
	_, err := s.NewJob(
		gocron.WeeklyJob(1, gocron.NewWeekdays(sc.Days[0], sc.Days[1:]...), gocron.NewAtTimes(gocron.NewAtTime(uint(sc.Hour), uint(sc.Minute), 0))),
		gocron.NewTask(attempt),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("weekly-report"),
	)
	if err != nil {
		return fmt.Errorf("schedule weekly report: %w", err)
	}
	// At start: a run missed while this database existed is sent late; a
	// fresh database is no missed run. A first start tells the admins.
	bsc := delivery.Schedule{Days: sc.Days, Hour: sc.Hour, Minute: sc.Minute, Location: a.runnerLocation()}
	catchUp := func() {
		now := time.Now()
		ok := catchUpMissed(a, now, bsc)
		announceFirstStart(ctx, a, now, bsc, ok)
		if ok {
			attempt()
		}
	}
	_, err = s.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartImmediately()), gocron.NewTask(catchUp), gocron.WithName("weekly-catch-up"))
	if err != nil {
		return fmt.Errorf("schedule weekly catch-up: %w", err)
	}
	return nil
}
