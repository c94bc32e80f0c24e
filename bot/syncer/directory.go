package syncer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// directory is what a pass fetches besides the report windows: the users,
// projects and groups, the holidays and approved time off of the pass's
// ranges, and the running timers.
type directory struct {
	users    []clockify.User
	projects []clockify.Project
	groups   []clockify.UserGroup
	holidays []clockify.Holiday
	timeOff  []store.TimeOffWindow
	// timeOffCount is the number of time-off requests in timeOff.
	timeOffCount int
	// timeOffUnavailable is true when the workspace answered the holidays
	// or a time-off call with "feature not enabled"; holidays and timeOff
	// are then nil, so the stored ones are kept.
	timeOffUnavailable bool
	running            []clockify.TimeEntry
	// runningAsOf is taken before the running timers are asked for: a /tt
	// start or stop after it wins over the fetch.
	runningAsOf time.Time
}

// fetchDirectory fetches the directory of a pass with all its calls in
// flight at once: they are independent, and the client's background
// concurrency (CLOCKIFY_CONCURRENCY) and rate limiter bound them, so a pass
// waits about one or two round trips for them instead of one per call. The
// first failure cancels the other calls and is returned; nothing is
// written, so a failed fetch never replaces good data.
func (s *Syncer) fetchDirectory(ctx context.Context, plan syncPlan, now time.Time) (directory, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ws := s.cfg.WorkspaceID
	var (
		d           directory
		wg          sync.WaitGroup
		holidaysErr error
		timeOff     = make([][]clockify.TimeOffRequest, len(plan.ranges))
		timeOffErrs = make([]error, len(plan.ranges))
	)
	// A failing call cancels the others; the first cause is returned.
	fail := cancel
	wg.Go(func() {
		var err error
		if d.users, err = s.api.WorkspaceUsers(ctx, ws, nil); err != nil {
			fail(fmt.Errorf("fetch users: %w", err))
		}
	})
	wg.Go(func() {
		var err error
		if d.projects, err = s.api.Projects(ctx, ws, nil); err != nil {
			fail(fmt.Errorf("fetch projects: %w", err))
		}
	})
	wg.Go(func() {
		var err error
		if d.groups, err = s.api.UserGroups(ctx, ws, nil); err != nil {
			fail(fmt.Errorf("fetch user groups: %w", err))
		}
	})
	wg.Go(func() {
		d.holidays, holidaysErr = s.api.Holidays(ctx, ws, nil)
		if holidaysErr != nil && !featureUnavailable(holidaysErr) {
			fail(fmt.Errorf("fetch holidays: %w", holidaysErr))
		}
	})
	for i, r := range plan.ranges {
		wg.Go(func() {
			timeOff[i], timeOffErrs[i] = s.api.TimeOffRequests(ctx, ws, clockify.TimeOffOptions{Start: r.From, End: r.To, Statuses: []string{"APPROVED"}})
			if err := timeOffErrs[i]; err != nil && !featureUnavailable(err) {
				fail(fmt.Errorf("fetch time off %s..%s: %w", day(r.From), day(r.To), err))
			}
		})
	}
	d.runningAsOf = s.now()
	wg.Go(func() {
		var err error
		if d.running, err = s.api.InProgress(ctx, ws, nil); err != nil {
			fail(fmt.Errorf("fetch running timers: %w", err))
		}
	})
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return directory{}, err
	}

	unavailable := holidaysErr
	for _, err := range timeOffErrs {
		if unavailable == nil && err != nil {
			unavailable = err // featureUnavailable: any other error failed the fetch
		}
	}
	if unavailable != nil {
		s.warnTimeOffUnavailable(unavailable)
		d.timeOffUnavailable, d.holidays = true, nil
		return d, nil
	}
	holidayFrom := now.UTC().AddDate(0, 0, -s.cfg.BackfillDays)
	if first := plan.ranges[0].From; first.Before(holidayFrom) {
		holidayFrom = first
	}
	d.holidays = selectHolidays(d.holidays, holidayFrom)
	for i, r := range plan.ranges {
		d.timeOff = append(d.timeOff, store.TimeOffWindow{From: r.From, To: r.To, Requests: storeTimeOff(timeOff[i])})
		d.timeOffCount += len(timeOff[i])
	}
	return d, nil
}
