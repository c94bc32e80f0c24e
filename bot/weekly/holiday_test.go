package weekly

import (
	"testing"

	"github.com/clockbot/clockbot/store"
)

func TestHolidayCovers(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		annual     bool
		date       string
		want       bool
	}{
		{"one day", "2026-11-11", "2026-11-11", false, "2026-11-11", true},
		{"day after", "2026-11-11", "2026-11-11", false, "2026-11-12", false},
		{"range inclusive start", "2026-11-10", "2026-11-12", false, "2026-11-10", true},
		{"range inclusive end", "2026-11-10", "2026-11-12", false, "2026-11-12", true},
		{"empty end is one day", "2026-11-11", "", false, "2026-11-11", true},
		{"datetime form", "2026-11-11T00:00:00Z", "2026-11-11T00:00:00Z", false, "2026-11-11", true},
		{"not annual in a later year", "2025-11-11", "2025-11-11", false, "2026-11-11", false},
		{"annual in a later year", "2019-11-11", "2019-11-11", true, "2026-11-11", true},
		{"annual not before its first year", "2027-11-11", "2027-11-11", true, "2026-11-11", false},
		{"annual range", "2020-08-01", "2020-08-03", true, "2026-08-03", true},
		{"annual range outside", "2020-08-01", "2020-08-03", true, "2026-08-04", false},
		{"annual across new year, december", "2020-12-24", "2021-01-02", true, "2026-12-31", true},
		{"annual across new year, january", "2020-12-24", "2021-01-02", true, "2027-01-02", true},
		{"annual across new year, outside", "2020-12-24", "2021-01-02", true, "2027-01-03", false},
		{"annual across new year, first january is the next year's", "2020-12-24", "2021-01-02", true, "2020-01-01", false},
		{"annual across new year, first occurrence", "2020-12-24", "2021-01-02", true, "2021-01-01", true},
		{"not annual across new year", "2020-12-24", "2021-01-02", false, "2021-01-01", true},
		{"annual feb 29 in a leap year", "2024-02-29", "2024-02-29", true, "2028-02-29", true},
		{"annual feb 29 skipped on feb 28", "2024-02-29", "2024-02-29", true, "2026-02-28", false},
		{"annual feb 29 skipped on mar 1", "2024-02-29", "2024-02-29", true, "2026-03-01", false},
		{"annual feb 29 to mar 1 keeps mar 1", "2024-02-29", "2024-03-01", true, "2026-03-01", true},
		{"annual longer than a year", "2024-06-01", "2025-06-10", true, "2026-01-15", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := parseHoliday(&store.Holiday{StartDate: tt.start, EndDate: tt.end, OccursAnnually: tt.annual})
			if !ok {
				t.Fatalf("parseHoliday(%q, %q) failed", tt.start, tt.end)
			}
			d, ok := parseCivil(tt.date)
			if !ok {
				t.Fatalf("parseCivil(%q) failed", tt.date)
			}
			if got := r.covers(d); got != tt.want {
				t.Errorf("covers(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestParseHolidayRejects(t *testing.T) {
	tests := []struct{ name, start, end string }{
		{"empty", "", ""},
		{"garbage", "soon", ""},
		{"month 13", "2026-13-01", ""},
		{"day 0", "2026-11-00", ""},
		{"end before start", "2026-11-12", "2026-11-11"},
		{"bad end", "2026-11-12", "tomorrow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r, ok := parseHoliday(&store.Holiday{StartDate: tt.start, EndDate: tt.end}); ok {
				t.Errorf("parseHoliday(%q, %q) = %+v, want failure", tt.start, tt.end, r)
			}
		})
	}
}

func TestAddName(t *testing.T) {
	tests := []struct{ list, name, want string }{
		{"", "A", "A"},
		{"A", "", "A"},
		{"A", "A", "A"},
		{"A", "B", "A, B"},
		{"A, B", "B", "A, B"},
		{"AB", "A", "AB, A"},
	}
	for _, tt := range tests {
		t.Run(tt.list+"+"+tt.name, func(t *testing.T) {
			if got := addName(tt.list, tt.name); got != tt.want {
				t.Errorf("addName(%q, %q) = %q, want %q", tt.list, tt.name, got, tt.want)
			}
		})
	}
}
