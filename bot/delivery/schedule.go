package delivery

import (
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
)

// Schedule is when the weekly report runs: on Days at Hour:Minute in Location.
type Schedule struct {
	Days         []time.Weekday
	Hour, Minute int
	Location     *time.Location
}

// Last returns the latest scheduled time not after now, as long as it falls
// in the same ISO week as now (the run a late start catches up); false when
// there is none this week.
func (sc Schedule) Last(now time.Time) (time.Time, bool) {
	if sc.Location == nil {
		return time.Time{}, false
	}
	local := now.In(sc.Location)
	for back := 0; back < 7; back++ {
		d := local.AddDate(0, 0, -back)
		for _, wd := range sc.Days {
			if d.Weekday() != wd {
				continue
			}
			at := sc.on(d)
			if at.After(now) {
				continue
			}
			if weekly.WeekOf(at) != weekly.WeekOf(local) {
				return time.Time{}, false
			}
			return at, true
		}
	}
	return time.Time{}, false
}

// Next returns the first scheduled time after now, zero when nothing is
// scheduled.
func (sc Schedule) Next(now time.Time) time.Time {
	if sc.Location == nil {
		return time.Time{}
	}
	local := now.In(sc.Location)
	for ahead := 0; ahead <= 7; ahead++ {
		d := local.AddDate(0, 0, ahead)
		var best time.Time
		for _, wd := range sc.Days {
			if at := sc.on(d); d.Weekday() == wd && at.After(now) && (best.IsZero() || at.Before(best)) {
				best = at
			}
		}
		if !best.IsZero() {
			return best
		}
	}
	return time.Time{}
}

// on is the scheduled time on d's date.
func (sc Schedule) on(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), sc.Hour, sc.Minute, 0, 0, sc.Location)
}
