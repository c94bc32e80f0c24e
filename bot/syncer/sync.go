package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// Sync limits.
const (
	// MaxReportWindow is the longest range one detailed-report request may
	// cover (the Free plan's limit is 31 days).
	MaxReportWindow = 31 * 24 * time.Hour
	// maxBackfillDays bounds SYNC_BACKFILL_DAYS and --days.
	maxBackfillDays = 365
	// managersPerPass bounds the per-user manager look-ups of one pass so a
	// pass costs a fixed number of requests whatever the number of users.
	managersPerPass = 2
	// ManagersMaxAge is how long a user's fetched managers are trusted.
	ManagersMaxAge = 24 * time.Hour
	// zoneMargin widens UTC windows so that every time zone's weeks
	// (UTC-12 to UTC+14) are covered.
	zoneMargin = 14 * time.Hour
)

// WindowRecent is the name under which the sync status records the last
// complete sync of the recent weeks.
const WindowRecent = "recent"

// Config configures a Syncer.
type Config struct {
	WorkspaceID  string
	BackfillDays int // history fetched on first run
	// Progress, when set, is called after each report window a pass fetched.
	Progress func(Progress)
}

// Options changes one sync pass.
type Options struct {
	// BackfillDays, when positive, backfills that many days in this pass
	// even when the store already holds them.
	BackfillDays int
	// From and To, when set, are synced as an extra window (a report of an
	// older week syncs the week it covers).
	From, To time.Time
}

// Result summarises one pass.
type Result struct {
	Users, Projects, Entries, Holidays, TimeOff int
	Requests                                    int64
	Took                                        time.Duration
}

// Syncer copies Clockify into the store. A pass fetches the directory data,
// time off and running timers first, all at once (fetchDirectory), then
// streams each report window into the store (committed whole or not at
// all, see syncWindow), then writes the rest in one store transaction, so a
// failed or partial fetch never replaces good data.
type Syncer struct {
	api   Clockify
	store *store.Store
	cfg   Config
	now   clock.Clock
	log   *slog.Logger
	mu    sync.Mutex // one pass at a time

	rolesOnce sync.Once // logs an unknown roles shape once
}

// New returns a Syncer. now may be nil for time.Now.
func New(api Clockify, st *store.Store, cfg Config, now clock.Clock, log *slog.Logger) *Syncer {
	if now == nil {
		now = time.Now
	}
	if cfg.BackfillDays <= 0 {
		cfg.BackfillDays = 30
	}
	return &Syncer{api: api, store: st, cfg: cfg, now: now, log: log.With("component", "sync")}
}

// Sync runs one pass: directory data, the recent window, running timers and,
// when the store does not hold it yet, the backfill.
func (s *Syncer) Sync(ctx context.Context, opts Options) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	started := s.now()
	before := s.api.Requests()
	res, err := s.pass(ctx, opts, started)
	res.Requests = s.api.Requests() - before
	res.Took = s.now().Sub(started)
	if err != nil {
		if rerr := s.store.RecordSyncError(err.Error(), s.now()); rerr != nil {
			s.log.Error("record sync error", "err", rerr)
		}
		s.log.Warn("sync failed; stored data left as it was", "err", err, "requests", res.Requests)
		return res, err
	}
	s.log.Info("sync done", "users", res.Users, "entries", res.Entries, "requests", res.Requests, "took", res.Took)
	return res, nil
}

// pass fetches and applies; it writes nothing before every fetch but the
// report windows succeeded, and a window only when all its pages came.
func (s *Syncer) pass(ctx context.Context, opts Options, now time.Time) (Result, error) {
	var res Result
	reqBase := s.api.Requests()
	status, err := s.store.SyncStatus()
	if err != nil {
		return res, fmt.Errorf("read sync status: %w", err)
	}
	plan, err := planWindows(now, status.BackfilledFrom, s.cfg.BackfillDays, opts)
	if err != nil {
		return res, err
	}

	dir, err := s.fetchDirectory(ctx, plan, now)
	if err != nil {
		return res, err
	}
	users, groups := dir.users, dir.groups
	res.TimeOff = dir.timeOffCount
	managers, ok := s.managersFromRoles(users, now)
	if !ok {
		if managers, err = s.fetchManagers(ctx, users, now); err != nil {
			return res, err
		}
	}
	// Every other fetch is done: the windows are streamed into the store
	// one after the other, each committed whole or not at all.
	watched, err := s.runningIDs()
	if err != nil {
		return res, err
	}
	finished := make(map[string]bool)
	total, done := windowCount(plan), 0
	for _, r := range plan.ranges {
		for _, w := range split(r.From, r.To) {
			got, err := s.syncWindow(ctx, w, now, watched, finished)
			if err != nil {
				return res, err
			}
			done++
			res.Entries += got.entries
			if s.cfg.Progress != nil {
				s.cfg.Progress(Progress{Windows: done, Total: total, Entries: res.Entries, Requests: s.api.Requests() - reqBase, Elapsed: s.now().Sub(now), Backfill: !plan.backfillFrom.IsZero()})
			}
		}
	}
	storedUsers, err := s.keepMissingUsers(ctx, storeUsers(users, groups, s.cfg.WorkspaceID), groups)
	if err != nil {
		return res, err
	}
	timers, err := s.keepMissingTimers(ctx, runningEntries(dir.running), finished)
	if err != nil {
		return res, err
	}

	b := store.Batch{
		Users:       storedUsers,
		Projects:    storeProjects(dir.projects),
		Groups:      storeGroups(groups),
		Holidays:    storeHolidaysOrKeep(dir.holidays, dir.timeOffUnavailable),
		Running:     timers,
		RunningAsOf: dir.runningAsOf,
		Managers:    managers,
		TimeOff:     dir.timeOff,
		Success:     WindowRecent,
		// TimeOffUnavailable records (with At) that this workspace answered
		// the holidays or time-off calls with "feature not enabled".
		TimeOffUnavailable: dir.timeOffUnavailable,
		At:                 now,
	}
	b.BackfilledFrom = plan.backfillFrom
	if err := s.store.Apply(b); err != nil {
		return res, fmt.Errorf("store sync: %w", err)
	}
	res.Users, res.Projects, res.Holidays = len(users), len(dir.projects), len(dir.holidays)
	return res, nil
}

// fetchManagers refreshes the team managers of at most managersPerPass
// users, those whose managers are unknown or oldest, so that every user is
// refreshed over time at a fixed cost per pass.
func (s *Syncer) fetchManagers(ctx context.Context, users []clockify.User, now time.Time) ([]store.Managers, error) {
	type due struct {
		id  string
		at  time.Time
		has bool
	}
	var dues []due
	for _, u := range users {
		m, ok, err := s.store.Managers(u.ID)
		if err != nil {
			return nil, fmt.Errorf("read managers: %w", err)
		}
		if !ok || now.Sub(m.FetchedAt) >= ManagersMaxAge {
			dues = append(dues, due{u.ID, m.FetchedAt, ok})
		}
	}
	sort.Slice(dues, func(i, j int) bool {
		if dues[i].has != dues[j].has {
			return !dues[i].has
		}
		if !dues[i].at.Equal(dues[j].at) {
			return dues[i].at.Before(dues[j].at)
		}
		return dues[i].id < dues[j].id
	})
	var out []store.Managers
	for _, d := range dues[:min(len(dues), managersPerPass)] {
		m, err := s.RefreshManagers(ctx, d.id, now)
		if RefusedForUser(err) {
			// One user Clockify refuses (a member who left, say) must not
			// fail the pass: skip them, the others are still refreshed.
			s.log.Warn("skip managers of one user", "user", d.id, "err", err)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// RefreshManagers fetches one user's team managers from Clockify. It does not
// store them; callers put them in a batch or call store.Apply.
func (s *Syncer) RefreshManagers(ctx context.Context, userID string, now time.Time) (store.Managers, error) {
	ms, err := s.api.Managers(ctx, s.cfg.WorkspaceID, userID)
	if err != nil {
		var ce *clockify.Error
		if errors.As(err, &ce) && ce.StatusCode == 404 {
			return store.Managers{UserID: userID, FetchedAt: now}, nil
		}
		return store.Managers{}, fmt.Errorf("fetch managers of %s: %w", userID, err)
	}
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	sort.Strings(ids)
	if ids, err = s.confirmManagers(ctx, userID, ids); err != nil {
		return store.Managers{}, err
	}
	return store.Managers{UserID: userID, ManagerIDs: ids, FetchedAt: now}, nil
}
