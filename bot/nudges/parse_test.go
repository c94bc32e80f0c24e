package nudges

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2h30m", 150 * time.Minute, true},
		{"90m", 90 * time.Minute, true},
		{"1.5h", 90 * time.Minute, true},
		{"1.5", 90 * time.Minute, true},
		{"1:30", 90 * time.Minute, true},
		{"2", 2 * time.Hour, true},
		{"1:3", 0, false},
		{"-1h", 0, false},
		{"soon", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseDuration(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseDay(t *testing.T) {
	// Wednesday 2026-11-04, 00:30 in Auckland.
	now := time.Date(2026, 11, 4, 0, 30, 0, 0, mustZone(t, "Pacific/Auckland"))
	for _, tc := range []struct{ in, want string }{
		{"today", "2026-11-04"},
		{"Yesterday", "2026-11-03"},
		{"wed", "2026-11-04"},
		{"mon", "2026-11-02"},
		{"thursday", "2026-10-29"},
		{"2026-10-01", "2026-10-01"},
		{"someday", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got, _ := parseDay(tc.in, now); got != tc.want {
				t.Errorf("parseDay(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDue(t *testing.T) {
	la := mustZone(t, "America/Los_Angeles")
	for _, tc := range []struct {
		at   string
		now  time.Time
		want bool
	}{
		{"10:00", time.Date(2026, 11, 3, 9, 59, 0, 0, la), false},
		{"10:00", time.Date(2026, 11, 3, 10, 0, 0, 0, la), true},
		{"10:00", time.Date(2026, 11, 3, 10, 9, 59, 0, la), true},
		{"10:00", time.Date(2026, 11, 3, 10, 10, 0, 0, la), false},
		{"bad", time.Date(2026, 11, 3, 10, 0, 0, 0, la), false},
	} {
		if got := due(tc.at, tc.now); got != tc.want {
			t.Errorf("due(%q, %s) = %v, want %v", tc.at, tc.now, got, tc.want)
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
