package syncer

import (
	"fmt"
	"sort"
	"time"
)

// syncPlan is what one pass fetches: contiguous, disjoint UTC ranges (each
// cut into report windows of at most MaxReportWindow), sorted by start.
type syncPlan struct {
	ranges       []window
	backfillFrom time.Time // zero unless this pass backfills
}

// window is a half-open UTC range [From, To).
type window struct{ From, To time.Time }

// recentWindow is the sliding window every pass re-fetches: the previous
// and the current ISO week (UTC), widened by zoneMargin on both sides so
// that every time zone's weeks are covered.
func recentWindow(now time.Time) window {
	d := midnightUTC(now)
	offset := (int(d.Weekday()) + 6) % 7 // days since Monday
	monday := d.AddDate(0, 0, -offset)
	return window{From: monday.AddDate(0, 0, -7).Add(-zoneMargin), To: monday.AddDate(0, 0, 7).Add(zoneMargin)}
}

// midnightUTC is 00:00 UTC of t's UTC date.
func midnightUTC(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// planWindows decides the ranges of a pass. The recent window is always
// synced. The backfill runs when asked for (opts.BackfillDays) or when the
// store has not yet been backfilled as far back as backfillDays. An extra
// range (opts.From..opts.To) is added when it is not covered already.
func planWindows(now, backfilledFrom time.Time, backfillDays int, opts Options) (syncPlan, error) {
	var p syncPlan
	days := opts.BackfillDays
	if days < 0 || days > maxBackfillDays {
		return p, fmt.Errorf("backfill of %d days: must be between 1 and %d", days, maxBackfillDays)
	}
	if days == 0 {
		want := midnightUTC(now).AddDate(0, 0, -backfillDays)
		if backfilledFrom.IsZero() || backfilledFrom.After(want) {
			days = backfillDays
		}
	}
	rs := []window{recentWindow(now)}
	if days > 0 {
		p.backfillFrom = midnightUTC(now).AddDate(0, 0, -days)
		rs = append(rs, window{p.backfillFrom, rs[0].From})
	}
	if !opts.From.IsZero() && opts.To.After(opts.From) {
		rs = append(rs, window{opts.From.UTC(), opts.To.UTC()})
	}
	p.ranges = merge(rs)
	return p, nil
}

// merge sorts ranges and joins those that overlap or touch; empty ones go.
func merge(rs []window) []window {
	sort.Slice(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
	var out []window
	for _, r := range rs {
		if !r.To.After(r.From) {
			continue
		}
		if n := len(out); n > 0 && !r.From.After(out[n-1].To) {
			if r.To.After(out[n-1].To) {
				out[n-1].To = r.To
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// split cuts [from, to) into windows of at most MaxReportWindow.
func split(from, to time.Time) []window {
	var ws []window
	for t := from; t.Before(to); t = t.Add(MaxReportWindow) {
		end := t.Add(MaxReportWindow)
		if end.After(to) {
			end = to
		}
		ws = append(ws, window{t, end})
	}
	return ws
}
