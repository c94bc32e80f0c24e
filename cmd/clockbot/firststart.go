package main

import (
	"context"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// catchUpMissed reports whether the report run missed before now may be
// sent late: only when its scheduled time came while this database existed.
// A fresh database is not a missed run; a database from a clockbot that did
// not record its creation time is taken to have existed.
func catchUpMissed(a *app, now time.Time, sc delivery.Schedule) bool {
	at, ok := sc.Last(now)
	if !ok {
		return true // nothing is due; the runner decides
	}
	created, known, err := a.store.Created()
	if err != nil {
		a.log.Error("read database creation time", "err", err)
		return false
	}
	if known && at.Before(created) {
		a.log.Info("not sending the missed weekly report: its scheduled time came before this database was created",
			"scheduled", at, "created", created)
		return false
	}
	return true
}

// announceFirstStart tells the admins, on the bot's first start on this
// database, when the first weekly report goes out and how to send last
// week's now. A database older than the creation stamp is not a first
// start.
func announceFirstStart(ctx context.Context, a *app, now time.Time, sc delivery.Schedule, caughtUp bool) {
	var first time.Time
	if ok, err := a.store.Setting(store.FirstStartKey(), &first); err != nil || ok {
		if err != nil {
			a.log.Error("read first start", "err", err)
		}
		return
	}
	if err := a.store.PutSetting(store.FirstStartKey(), now.UTC()); err != nil {
		a.log.Error("record first start", "err", err)
		return
	}
	if _, known, err := a.store.Created(); err != nil || !known {
		return
	}
	next := sc.Next(now)
	last := weekly.LastWeek(now.In(sc.Location))
	msg := fmt.Sprintf(":wave: clockbot is running. The first weekly report goes out %s (REPORT_SCHEDULE %q, %s).",
		next.Format("Monday 2 January 2006 at 15:04"), a.cfg.ReportSchedule, sc.Location)
	_, due := sc.Last(now)
	switch {
	case due && caughtUp:
		msg += fmt.Sprintf(" Last week's report (%s) is being sent now: its scheduled time passed while clockbot was down.", last)
	case due:
		msg += fmt.Sprintf(" Last week's report (%s) was not sent, because this database is new. To send it now, run `clockbot report --send --week last` (add `--dry-run` first to see who would be messaged).", last)
	default:
		msg += fmt.Sprintf(" To send last week's report (%s) now, run `clockbot report --send --week last` (add `--dry-run` first to see who would be messaged).", last)
	}
	a.log.Info("first start on this database", "next_report", next, "message", msg)
	if a.deliverer == nil {
		return
	}
	if err := a.deliverer.NotifyAdmins(ctx, msg); err != nil {
		a.log.Error("tell the admins about the first start", "err", err)
	}
}

// runnerLocation is REPORT_TIMEZONE, the zone of REPORT_SCHEDULE.
func (a *app) runnerLocation() *time.Location {
	rc, _ := a.cfg.reportConfig() // validated by loadConfig
	return rc.Params.DefaultLocation
}
