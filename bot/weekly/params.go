package weekly

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Params are the report rules shared by everyone.
type Params struct {
	// Workdays are the working days; nil or empty means Monday to Friday.
	Workdays []time.Weekday
	// MinHours is the weekly target of a full week, used as given: zero
	// means nobody is under hours. DefaultParams sets 25.
	MinHours float64
	// HoursPerDay converts hourly time off to days; zero or less means 8.
	HoursPerDay float64
	// DefaultLocation is the zone of users without a usable one of their
	// own; nil means UTC.
	DefaultLocation *time.Location
	// Now is the evaluation time: days that have not ended by Now are not
	// checked for days off and running timers stop at Now. The zero time
	// means the week is over.
	Now time.Time
}

// Defaults of Params.
const (
	DefaultMinHours    = 25
	DefaultHoursPerDay = 8
)

// DefaultParams returns Monday to Friday, 25 hours, 8 hours a day, UTC and
// a zero Now.
func DefaultParams() Params {
	return Params{
		Workdays:        defaultWorkdays(),
		MinHours:        DefaultMinHours,
		HoursPerDay:     DefaultHoursPerDay,
		DefaultLocation: time.UTC,
	}
}

func defaultWorkdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
}

// dayName returns the weekday named by an abbreviated or full English
// name, in lower case.
func dayName(s string) (time.Weekday, bool) {
	switch s {
	case "mon", "monday":
		return time.Monday, true
	case "tue", "tues", "tuesday":
		return time.Tuesday, true
	case "wed", "wednesday":
		return time.Wednesday, true
	case "thu", "thur", "thurs", "thursday":
		return time.Thursday, true
	case "fri", "friday":
		return time.Friday, true
	case "sat", "saturday":
		return time.Saturday, true
	case "sun", "sunday":
		return time.Sunday, true
	}
	return 0, false
}

// ParseWorkdays parses a comma-separated list of days such as
// "Mon,Tue,Wed,Thu,Fri" or "sunday, monday". Names are case-insensitive,
// abbreviated or full, and a token may be a range such as "Mon-Fri" or
// "Sun-Thu" (ranges wrap around the week). Duplicates are removed and the
// days are returned Monday first. The error names the bad token.
func ParseWorkdays(s string) ([]time.Weekday, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no days given: want a list such as Mon,Tue,Wed,Thu,Fri")
	}
	var set [7]bool
	for _, tok := range strings.Split(s, ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			return nil, fmt.Errorf("empty day in %q", s)
		}
		from, to, isRange := strings.Cut(tok, "-")
		a, ok := dayName(strings.ToLower(strings.TrimSpace(from)))
		if !ok {
			return nil, fmt.Errorf("%q is not a day of the week such as Mon or Monday", tok)
		}
		b := a
		if isRange {
			if b, ok = dayName(strings.ToLower(strings.TrimSpace(to))); !ok {
				return nil, fmt.Errorf("%q is not a range of days such as Mon-Fri", tok)
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			set[d] = true
			if d == b {
				break
			}
		}
	}
	days := make([]time.Weekday, 0, 7)
	for i := 1; i <= 7; i++ { // Monday first, Sunday last
		if d := time.Weekday(i % 7); set[d] {
			days = append(days, d)
		}
	}
	return slices.Clip(days), nil
}

// hoursPerDay is HoursPerDay, or DefaultHoursPerDay when unset.
func (p Params) hoursPerDay() float64 {
	if p.HoursPerDay <= 0 {
		return DefaultHoursPerDay
	}
	return p.HoursPerDay
}
