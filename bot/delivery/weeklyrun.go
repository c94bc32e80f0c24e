package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// Weekly run timing.
const (
	// RetryEvery is the wait between attempts when the week cannot be synced.
	RetryEvery = 15 * time.Minute
	// RetryFor is how long after the first attempt the run keeps trying.
	RetryFor = 12 * time.Hour
)

// Syncer syncs a week before its report and refreshes the managers of a
// flagged person (*syncer.Syncer).
type Syncer interface {
	Sync(ctx context.Context, opts syncer.Options) (syncer.Result, error)
	RefreshManagers(ctx context.Context, userID string, now time.Time) (store.Managers, error)
}

// Reports builds a week's report and looks up its people's Slack accounts
// (*report.Builder).
type Reports interface {
	BuildUnresolved(w weekly.Week, now time.Time) (report.Report, error)
	ResolveSlack(ctx context.Context, rep *report.Report) error
	SlackResolver() *report.Resolver
}

// ReportDeliverer is what the weekly run needs from Slack delivery;
// *Deliverer implements it.
type ReportDeliverer interface {
	DeliverResolving(ctx context.Context, rep *report.Report, res SlackResolver) (Summary, error)
	NotifyAdmins(ctx context.Context, text string) error
	SendDigest(ctx context.Context, sum Summary) error
	SendTeamDigests(ctx context.Context, rep report.Report, sum Summary) (pending []Failure, err error)
}

// runRecord is the store's memory of one week's run.
type runRecord struct {
	FirstAttempt time.Time `json:"firstAttempt"`
	Attempts     int       `json:"attempts"`
	Done         bool      `json:"done"`
	GaveUp       bool      `json:"gaveUp,omitempty"`
	LastError    string    `json:"lastError,omitempty"`
	// PendingUntil is set once the week was delivered but for people a
	// passing Slack failure held back: they are retried until then.
	PendingUntil time.Time `json:"pendingUntil,omitzero"`
}

func runKey(w weekly.Week) string { return store.WeeklyRunKey(w.String()) }

// WeeklyRunner runs the Monday report: fresh data first, then delivery
// exactly once, then the admins' digest.
type WeeklyRunner struct {
	syncer    Syncer
	reporter  Reports
	deliverer ReportDeliverer
	store     *store.Store
	schedule  Schedule
	now       clock.Clock
	log       *slog.Logger
	mu        sync.Mutex // one run at a time: schedule, catch-up, retries and --send
	slackDown string     // why Slack is unavailable although configured
}

// NewWeeklyRunner returns a runner. now may be nil for time.Now.
func NewWeeklyRunner(sy Syncer, rp Reports, dl ReportDeliverer, st *store.Store, sc Schedule, now clock.Clock, log *slog.Logger) *WeeklyRunner {
	if now == nil {
		now = time.Now
	}
	return &WeeklyRunner{syncer: sy, reporter: rp, deliverer: dl, store: st, schedule: sc, now: now, log: log.With("component", "weekly")}
}

// DueWeek returns the week whose report is due at now: the week before the
// latest scheduled time not after now, as long as that time falls in the
// same ISO week as now (a missed report is sent late, but only within its
// own week).
func DueWeek(now time.Time, sc Schedule) (weekly.Week, bool) {
	at, ok := sc.Last(now)
	if !ok {
		return weekly.Week{}, false
	}
	return weekly.LastWeek(at), true
}

// Attempt runs the due week's report if it has not run yet. It returns the
// time of the next attempt when this one failed and may be retried, or the
// zero time when nothing is left to do.
func (r *WeeklyRunner) Attempt(ctx context.Context) (retryAt time.Time, err error) {
	now := r.now()
	w, ok := DueWeek(now, r.schedule)
	if !ok {
		return time.Time{}, nil
	}
	var rec runRecord
	if _, err := r.store.Setting(runKey(w), &rec); err != nil {
		return now.Add(RetryEvery), fmt.Errorf("read run record: %w", err)
	}
	if rec.Done || rec.GaveUp {
		return time.Time{}, nil
	}
	if !rec.PendingUntil.IsZero() {
		return r.attemptPending(ctx, w, rec, now)
	}
	if !rec.FirstAttempt.IsZero() && now.Sub(rec.FirstAttempt) > RetryFor {
		rec.GaveUp = true
		r.saveRecord(w, rec)
		if r.deliverer == nil {
			return time.Time{}, fmt.Errorf("weekly report %s: gave up after %d attempts", w, rec.Attempts)
		}
		msg := fmt.Sprintf(":warning: The weekly report for %s was not sent: after %d attempts over %s the data could not be synced. Last error: %s", w, rec.Attempts, RetryFor, rec.LastError)
		if err := r.deliverer.NotifyAdmins(ctx, msg); err != nil {
			r.log.Error("notify admins", "err", err)
		}
		return time.Time{}, fmt.Errorf("weekly report %s: gave up after %d attempts", w, rec.Attempts)
	}
	if rec.FirstAttempt.IsZero() {
		rec.FirstAttempt = now
	}
	rec.Attempts++
	r.saveRecord(w, rec)

	sum, err := r.RunWeek(ctx, w)
	if err != nil {
		rec.LastError = err.Error()
		r.saveRecord(w, rec)
		return now.Add(RetryEvery), err
	}
	if len(sum.Pending) > 0 {
		return r.keepPending(w, rec, sum, now), nil
	}
	rec.Done, rec.LastError = true, ""
	r.saveRecord(w, rec)
	return time.Time{}, nil
}

func (r *WeeklyRunner) saveRecord(w weekly.Week, rec runRecord) {
	if err := r.store.PutSetting(runKey(w), rec); err != nil {
		r.log.Error("save run record", "week", w.String(), "err", err)
	}
}

// RunWeek syncs week w, computes its report and delivers it. It is what the
// schedule runs and what `clockbot report --send` runs. A failed sync sends
// nothing and tells the admins (once per week).
func (r *WeeklyRunner) RunWeek(ctx context.Context, w weekly.Week) (Summary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	from, to := w.Bounds()
	if _, err := r.syncer.Sync(ctx, syncer.Options{From: from, To: to}); err != nil {
		r.notifySyncFailure(ctx, w, err)
		return Summary{}, fmt.Errorf("sync %s: %w", w, err)
	}
	if r.deliverer == nil {
		return Summary{}, fmt.Errorf("deliver %s: %s", w, r.noDeliveryReason())
	}
	rep, err := r.freshUnresolved(ctx, w)
	if err != nil {
		return Summary{}, err
	}
	// Each flagged person is looked up just before their message goes, so
	// the lookups overlap the delivery instead of preceding it.
	res := r.reporter.SlackResolver()
	sum, err := r.deliverer.DeliverResolving(ctx, &rep, res)
	if warn := res.Err(); warn != nil {
		r.log.Warn("some Slack accounts could not be looked up", "err", warn)
	}
	if err != nil {
		return sum, fmt.Errorf("deliver %s: %w", w, err)
	}
	if err := r.deliverer.SendDigest(ctx, sum); err != nil {
		return sum, fmt.Errorf("admin digest %s: %w", w, err)
	}
	teamPending, err := r.deliverer.SendTeamDigests(ctx, rep, sum)
	if err != nil {
		return sum, fmt.Errorf("team digests %s: %w", w, err)
	}
	sum.Pending = append(sum.Pending, teamPending...)
	if len(sum.Pending) > 0 {
		r.log.Warn("weekly report partly delivered; some people wait for Slack", "week", w.String(), "flagged", sum.Flagged, "delivered", sum.Delivered, "already_sent", sum.AlreadySent, "failed", len(sum.Failed), "pending", pendingText(sum.Pending))
		return sum, nil
	}
	r.log.Info("weekly report delivered", "week", w.String(), "flagged", sum.Flagged, "delivered", sum.Delivered, "already_sent", sum.AlreadySent, "failed", len(sum.Failed))
	return sum, nil
}

// FreshReport builds the report of w after refreshing the managers of the
// flagged people whose managers are unknown or older than a day, so the
// message reaches today's managers, and looks up their Slack accounts.
// warn is the first Slack lookup failure.
func (r *WeeklyRunner) FreshReport(ctx context.Context, w weekly.Week) (rep report.Report, warn error, err error) {
	rep, err = r.freshUnresolved(ctx, w)
	if err != nil {
		return rep, nil, err
	}
	return rep, r.reporter.ResolveSlack(ctx, &rep), nil
}

// freshUnresolved is FreshReport without the Slack lookups
// (report.Builder.BuildUnresolved).
func (r *WeeklyRunner) freshUnresolved(ctx context.Context, w weekly.Week) (report.Report, error) {
	now := r.now()
	rep, err := r.reporter.BuildUnresolved(w, now)
	if err != nil {
		return rep, err
	}
	var refreshed []store.Managers
	for _, u := range rep.Users {
		if !u.Flagged {
			continue
		}
		m, ok, err := r.store.Managers(u.ClockifyUserID)
		if err != nil {
			return rep, fmt.Errorf("read managers: %w", err)
		}
		if ok && now.Sub(m.FetchedAt) < syncer.ManagersMaxAge {
			continue
		}
		m, err = r.syncer.RefreshManagers(ctx, u.ClockifyUserID, now)
		if syncer.RefusedForUser(err) {
			// Keep what the sync knows rather than hold up everyone's report.
			r.log.Warn("could not confirm one person's managers; using the synced ones", "user", u.ClockifyUserID, "err", err)
			continue
		}
		if err != nil {
			return rep, err
		}
		refreshed = append(refreshed, m)
	}
	if len(refreshed) > 0 {
		if err := r.store.Apply(store.Batch{Managers: refreshed}); err != nil {
			return rep, fmt.Errorf("store managers: %w", err)
		}
		return r.reporter.BuildUnresolved(w, now)
	}
	return rep, nil
}

// notifySyncFailure tells the admins, once per week, that the report waits
// for Clockify.
func (r *WeeklyRunner) notifySyncFailure(ctx context.Context, w weekly.Week, cause error) {
	if r.deliverer == nil {
		return
	}
	key := store.SyncAlertKey(w.String())
	var sent bool
	if ok, err := r.store.Setting(key, &sent); err == nil && ok && sent {
		return
	}
	msg := fmt.Sprintf(":hourglass: The weekly report for %s is waiting: Clockify could not be synced (%s). Nothing was sent; clockbot retries every %s for up to %s.",
		w, slackui.EscapeMrkdwn(cause.Error()), RetryEvery, RetryFor)
	if err := r.deliverer.NotifyAdmins(ctx, msg); err != nil {
		r.log.Error("notify admins", "err", err)
		return
	}
	if err := r.store.PutSetting(key, true); err != nil {
		r.log.Error("save sync alert", "err", err)
	}
}
