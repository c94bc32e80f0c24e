package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/clockbot/clockbot/bot"
	"github.com/go-co-op/gocron/v2"
)

// runBot is `clockbot run`: it syncs at start and every SYNC_INTERVAL and,
// with Slack configured, sends the weekly report on REPORT_SCHEDULE (and a
// missed one at start), until the context ends (SIGINT/SIGTERM).
func runBot(ctx context.Context, args []string, stderr io.Writer) error {
	if len(args) > 0 {
		return &usageError{msg: fmt.Sprintf("run: unexpected argument %q", args[0])}
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a, err := setup(ctx, cfg, stderr, setupOptions{slack: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if a.slackWarning != "" {
		a.log.Warn("weekly report disabled: " + a.slackWarning)
	}
	rc, _ := cfg.reportConfig()
	s, err := gocron.NewScheduler(gocron.WithLogger(a.log), gocron.WithLocation(rc.Params.DefaultLocation))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	if err := scheduleSync(s, a, ctx); err != nil {
		return err
	}
	if a.slack != nil {
		if err := scheduleWeekly(s, a, ctx); err != nil {
			return err
		}
	}
	s.Start()
	a.log.Info("clockbot running", "workspace", a.cfg.ClockifyWorkspaceID, "sync_interval", a.cfg.SyncInterval, "report_schedule", cfg.ReportSchedule)
	<-ctx.Done()
	a.log.Info("shutting down")
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
	return nil
}

// scheduleSync syncs now and every SYNC_INTERVAL, one pass at a time.
func scheduleSync(s gocron.Scheduler, a *app, ctx context.Context) error {
	_, err := s.NewJob(
		gocron.DurationJob(a.cfg.SyncInterval),
		gocron.NewTask(func() {
			if _, err := a.syncer.Sync(ctx, bot.SyncOptions{}); err != nil {
				a.log.Error("scheduled sync failed", "err", err)
			}
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
	days := make([]time.Weekday, len(sc.Days))
	copy(days, sc.Days)
	_, err := s.NewJob(
		gocron.WeeklyJob(1, gocron.NewWeekdays(days[0], days[1:]...), gocron.NewAtTimes(gocron.NewAtTime(uint(sc.Hour), uint(sc.Minute), 0))),
		gocron.NewTask(attempt),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithName("weekly-report"),
	)
	if err != nil {
		return fmt.Errorf("schedule weekly report: %w", err)
	}
	_, err = s.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartImmediately()), gocron.NewTask(attempt), gocron.WithName("weekly-catch-up"))
	if err != nil {
		return fmt.Errorf("schedule weekly catch-up: %w", err)
	}
	return nil
}
