package home

import (
	"time"

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
