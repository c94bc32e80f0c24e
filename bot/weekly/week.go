package weekly

import (
	"fmt"
	"strings"
	"time"
)

// Week is an ISO 8601 week: weeks start on Monday and week 1 is the week
// that holds the year's first Thursday.
type Week struct {
	Year, Num int
}

// ParseWeek parses an ISO week written "YYYY-Www" such as "2026-W46". The W
// may be lower case and surrounding spaces are ignored. It rejects week 0,
// week 54, week 53 of a year that has only 52 weeks, and anything else that
// is not in that form; the error says what is wrong.
func ParseWeek(s string) (Week, error) {
	t := strings.TrimSpace(s)
	year, num, ok := strings.Cut(t, "-")
	if !ok {
		return Week{}, fmt.Errorf("week %q is not of the form YYYY-Www such as 2026-W46", s)
	}
	y, ok := digits(year, 4)
	if !ok {
		return Week{}, fmt.Errorf("week %q: year %q is not four digits", s, year)
	}
	if len(num) < 1 || (num[0] != 'W' && num[0] != 'w') {
		return Week{}, fmt.Errorf("week %q: %q does not start with W", s, num)
	}
	n, ok := digits(num[1:], 2)
	if !ok {
		return Week{}, fmt.Errorf("week %q: week number %q is not two digits", s, num[1:])
	}
	if y < 1 {
		return Week{}, fmt.Errorf("week %q: year 0000 is not supported", s)
	}
	if max := WeeksInYear(y); n < 1 || n > max {
		return Week{}, fmt.Errorf("week %q: week %02d is out of range, %d has weeks 01 to %02d", s, n, y, max)
	}
	return Week{Year: y, Num: n}, nil
}

// digits parses s as exactly n ASCII digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// WeeksInYear returns the number of ISO weeks of year y: 53 when December
// 28 (always in the year's last week) falls in week 53, else 52.
func WeeksInYear(y int) int {
	_, w := time.Date(y, time.December, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// WeekOf returns the ISO week containing t, reading t's date in t's own
// location.
func WeekOf(t time.Time) Week {
	y, w := t.ISOWeek()
	return Week{Year: y, Num: w}
}

// LastWeek returns the ISO week before the one containing now, reading
// now's date in now's own location.
func LastWeek(now time.Time) Week {
	y, m, d := now.Date()
	return WeekOf(time.Date(y, m, d-7, 12, 0, 0, 0, time.UTC))
}

// String returns the week as "2026-W46".
func (w Week) String() string {
	return fmt.Sprintf("%04d-W%02d", w.Year, w.Num)
}

// monday returns the calendar date of the week's Monday. The returned
// year, month and day are normalised.
func (w Week) monday() (int, time.Month, int) {
	// January 4 is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 12, 0, 0, 0, time.UTC)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return time.Date(w.Year, time.January, 4-back+(w.Num-1)*7, 12, 0, 0, 0, time.UTC).Date()
}

// day returns local midnight of the week's day i (0 = Monday, 7 = the next
// Monday) in loc, using calendar arithmetic so days across a DST change
// are 23 or 25 hours long.
func (w Week) day(i int, loc *time.Location) time.Time {
	y, m, d := w.monday()
	return time.Date(y, m, d+i, 0, 0, 0, 0, loc)
}

// Start returns Monday 00:00 of the week in loc.
func (w Week) Start(loc *time.Location) time.Time { return w.day(0, loc) }

// End returns 00:00 of the Monday after the week in loc: the exclusive end.
func (w Week) End(loc *time.Location) time.Time { return w.day(7, loc) }

// Bounds returns, in UTC, the earliest start and the latest end the week
// has in any time zone: Monday 00:00 at UTC+14 to the next Monday 00:00 at
// UTC-12. Fetching [from, to) gets every entry of the week for everyone.
func (w Week) Bounds() (from, to time.Time) {
	east := time.FixedZone("UTC+14", 14*60*60)
	west := time.FixedZone("UTC-12", -12*60*60)
	return w.Start(east).UTC(), w.End(west).UTC()
}
