package clockify

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// durationUnit is one designator of an ISO-8601 duration.
type durationUnit struct {
	letter byte
	time   bool // after the T
	size   time.Duration
}

// durationUnits lists the designators ParseDuration accepts, in the order
// they must appear. Years and months are left out: their length depends on
// the calendar, and Clockify does not send them.
var durationUnits = [...]durationUnit{
	{'W', false, 7 * 24 * time.Hour},
	{'D', false, 24 * time.Hour},
	{'H', true, time.Hour},
	{'M', true, time.Minute},
	{'S', true, time.Second},
}

// ParseDuration parses an ISO-8601 duration as Clockify sends it, such as
// "PT1H30M", "PT45S", "PT0.5S", "P1DT2H" or "P2D". Days are 24 hours and
// weeks 7 days; years and months are rejected. The empty string, which
// Clockify sends for a running timer, is 0 without error.
func ParseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := parseISODuration(strings.ToUpper(strings.TrimSpace(s)))
	if err != nil {
		return 0, fmt.Errorf("clockify: invalid duration %q: %w", s, err)
	}
	return d, nil
}

// parseISODuration parses an upper-case ISO-8601 duration.
func parseISODuration(s string) (time.Duration, error) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") {
		return 0, fmt.Errorf("missing P")
	}
	s = s[1:]
	var (
		total    time.Duration
		inTime   bool
		next     int // index in durationUnits of the next allowed unit
		parts    int
		timeSeen int
	)
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return 0, fmt.Errorf("second T")
			}
			inTime = true
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, fmt.Errorf("want a number and a unit at %q", s)
		}
		num, letter := s[:i], s[i]
		s = s[i+1:]
		u := -1
		for j := next; j < len(durationUnits); j++ {
			if durationUnits[j].letter == letter && durationUnits[j].time == inTime {
				u = j
				break
			}
		}
		if u < 0 {
			return 0, fmt.Errorf("unexpected unit %q", letter)
		}
		next = u + 1
		v, err := unitValue(num, durationUnits[u].size)
		if err != nil {
			return 0, err
		}
		if total > math.MaxInt64-v {
			return 0, fmt.Errorf("too long")
		}
		total += v
		parts++
		if inTime {
			timeSeen++
		}
	}
	if parts == 0 || inTime && timeSeen == 0 {
		return 0, fmt.Errorf("no components")
	}
	if neg {
		total = -total
	}
	return total, nil
}

// unitValue returns num units, where num is digits with an optional decimal
// fraction (point or comma).
func unitValue(num string, unit time.Duration) (time.Duration, error) {
	whole, frac, _ := strings.Cut(strings.ReplaceAll(num, ",", "."), ".")
	if whole == "" && frac == "" || strings.Contains(frac, ".") {
		return 0, fmt.Errorf("bad number %q", num)
	}
	var d time.Duration
	if whole != "" {
		w, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || w > int64(math.MaxInt64/unit) {
			return 0, fmt.Errorf("bad number %q", num)
		}
		d = time.Duration(w) * unit
	}
	if frac != "" {
		f, err := strconv.ParseFloat("0."+frac, 64)
		if err != nil {
			return 0, fmt.Errorf("bad number %q", num)
		}
		d += time.Duration(math.Round(f * float64(unit)))
	}
	return d, nil
}
