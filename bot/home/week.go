package home

import (
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/report"
)

// DayTotal is the regular hours userID logged on now's day in loc, the
// running timer included up to now.
func (h *Home) dayTotal(userID string, loc *time.Location, now time.Time) (float64, error) {
	t, err := report.DayTotals(h.store, userID, loc, now)
	if err != nil {
		return 0, err
	}
	return report.Round2(t.Total.Hours()), nil
}

// nextReportRun is the next scheduled weekly report after now, zero when none
// is scheduled.
func nextReportRun(now time.Time, sc delivery.Schedule) time.Time {
	if sc.Location == nil || len(sc.Days) == 0 {
		return time.Time{}
	}
	local := now.In(sc.Location)
	var best time.Time
	for i := 0; i <= 7; i++ {
		d := local.AddDate(0, 0, i)
		for _, wd := range sc.Days {
			if d.Weekday() != wd {
				continue
			}
			at := time.Date(d.Year(), d.Month(), d.Day(), sc.Hour, sc.Minute, 0, 0, sc.Location)
			if at.After(now) && (best.IsZero() || at.Before(best)) {
				best = at
			}
		}
	}
	return best
}
