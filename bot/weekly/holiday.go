package weekly

import (
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// civil is a calendar date packed as yyyymmdd, so that dates order as
// integers and date%10000 is the month-day.
type civil int

func civilOf(y int, m time.Month, d int) civil { return civil(y*10000 + int(m)*100 + d) }

func (c civil) year() int     { return int(c) / 10000 }
func (c civil) monthDay() int { return int(c) % 10000 }

// parseCivil reads "YYYY-MM-DD"; a time part after the date is ignored.
func parseCivil(s string) (civil, bool) {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(s[0:4], 4)
	m, ok2 := digits(s[5:7], 2)
	d, ok3 := digits(s[8:10], 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return civilOf(y, time.Month(m), d), true
}

// holidayRule is a parsed holiday range.
type holidayRule struct {
	start, end civil
	annual     bool
}

// parseHoliday reads a holiday's dates. An empty EndDate means a one-day
// holiday; unreadable dates or an end before the start make it unusable.
func parseHoliday(h *store.Holiday) (holidayRule, bool) {
	start, ok := parseCivil(h.StartDate)
	if !ok {
		return holidayRule{}, false
	}
	end := start
	if h.EndDate != "" {
		if end, ok = parseCivil(h.EndDate); !ok || end < start {
			return holidayRule{}, false
		}
	}
	return holidayRule{start: start, end: end, annual: h.OccursAnnually}, true
}

// covers reports whether the holiday falls on date d. An annual holiday
// repeats its month-day range every year from its first year on; a range
// that crosses New Year wraps, a range of a year or more covers every day
// from its start, and February 29 exists only in leap years (a holiday on
// it is skipped in other years because no date has that month-day).
func (r holidayRule) covers(d civil) bool {
	if !r.annual {
		return r.start <= d && d <= r.end
	}
	first := r.start.year()
	from, to := r.start.monthDay(), r.end.monthDay()
	y, md := d.year(), d.monthDay()
	switch span := r.end.year() - first; {
	case span == 0:
		return y >= first && from <= md && md <= to
	case span == 1 && to < from: // crosses New Year
		return (y >= first && md >= from) || (y-1 >= first && md <= to)
	default: // a year or longer
		return d >= r.start
	}
}

// holidayApplies reports whether h is a holiday of u: for everyone, for
// u's id, or for one of u's groups.
func holidayApplies(h *store.Holiday, u *store.User) bool {
	if h.Everyone {
		return true
	}
	for _, id := range h.UserIDs {
		if id == u.ID {
			return true
		}
	}
	for _, g := range h.GroupIDs {
		for _, ug := range u.GroupIDs {
			if g == ug {
				return true
			}
		}
	}
	return false
}

// addName appends name to a comma-separated list unless it is already in
// it or empty.
func addName(list, name string) string {
	if name == "" {
		return list
	}
	if list == "" {
		return name
	}
	for rest := list; ; {
		item, more, found := strings.Cut(rest, ", ")
		if item == name {
			return list
		}
		if !found {
			break
		}
		rest = more
	}
	return list + ", " + name
}
