package weekly

import (
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// timeOffOn returns how much of the day [dayStart, dayEnd) request t takes,
// in days, before the daily cap. An HOURS request counts the hours it
// covers that day over hoursPerDay, at most 1; any other request counts 1,
// or 0.5 when it is a half day, on every day its [Start, End) overlaps. A
// request whose End is not after its Start covers the day of its Start.
func timeOffOn(t *store.TimeOff, dayStart, dayEnd time.Time, hoursPerDay float64) float64 {
	from, to := later(t.Start, dayStart), earlier(t.End, dayEnd)
	if strings.EqualFold(t.Unit, "HOURS") {
		if !from.Before(to) {
			return 0
		}
		return min(1, to.Sub(from).Hours()/hoursPerDay)
	}
	covered := from.Before(to)
	if !t.Start.Before(t.End) { // an instant: the day it falls on
		covered = !t.Start.Before(dayStart) && t.Start.Before(dayEnd)
	}
	switch {
	case !covered:
		return 0
	case t.HalfDay:
		return 0.5
	default:
		return 1
	}
}
