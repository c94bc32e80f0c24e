package weekly

import (
	"slices"
	"time"
)

// DayShare is a person's share of their week's target on one date of that
// week: the target left after holidays and time off (target, as Evaluate
// computes it) divided by the working days left, reduced by the part of
// date taken by time off (a half day off halves it). working is false when
// date is not a working day, is one of holidays, is a whole day of time off
// or cannot be read. It is the per-day figure of the weekly rules, so that
// a daily check never holds a second copy of them.
func DayShare(target float64, holidays []HolidayDay, timeOff []TimeOffDay, workdays []time.Weekday, date string) (share float64, working bool) {
	day, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0, false
	}
	work := workdaysOfWeek(workdays)
	if !work[(int(day.Weekday())+6)%7] {
		return 0, false
	}
	if slices.ContainsFunc(holidays, func(h HolidayDay) bool { return h.Date == date }) {
		return 0, false
	}
	left, off := 0.0, 0.0
	for _, ok := range work {
		if ok {
			left++
		}
	}
	left -= float64(len(holidays))
	for _, t := range timeOff {
		left -= min(t.Days, 1)
		if t.Date == date {
			off = min(t.Days, 1)
		}
	}
	if off >= 1 {
		return 0, false
	}
	if left <= 0 {
		return 0, true
	}
	return round2(target / left * (1 - off)), true
}

// LastWorkday is the last working day of a Monday-to-Sunday week: Friday
// with the default working days.
func LastWorkday(workdays []time.Weekday) time.Weekday {
	work := workdaysOfWeek(workdays)
	for k := 6; k >= 0; k-- {
		if work[k] {
			return time.Weekday((k + 1) % 7)
		}
	}
	return time.Friday
}
