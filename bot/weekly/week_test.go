package weekly

import (
	"strings"
	"testing"
	"time"
)

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in      string
		want    Week
		wantErr string // substring of the error; "" for none
	}{
		{in: "2026-W46", want: Week{2026, 46}},
		{in: "2026-w46", want: Week{2026, 46}},
		{in: " 2026-W01 ", want: Week{2026, 1}},
		{in: "2020-W53", want: Week{2020, 53}},
		{in: "2026-W53", want: Week{2026, 53}},
		{in: "2021-W53", wantErr: "2021 has weeks 01 to 52"},
		{in: "2027-W53", wantErr: "2027 has weeks 01 to 52"},
		{in: "2026-W00", wantErr: "week 00 is out of range"},
		{in: "2026-W54", wantErr: "week 54 is out of range"},
		{in: "2026-46", wantErr: "does not start with W"},
		{in: "2026-W4", wantErr: "is not two digits"},
		{in: "2026-W460", wantErr: "is not two digits"},
		{in: "2026-Wxx", wantErr: "is not two digits"},
		{in: "26-W46", wantErr: "is not four digits"},
		{in: "0000-W01", wantErr: "year 0000"},
		{in: "2026W46", wantErr: "not of the form YYYY-Www"},
		{in: "", wantErr: "not of the form YYYY-Www"},
		{in: "last", wantErr: "not of the form YYYY-Www"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeek(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseWeek(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseWeek(%q) error = %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseWeek(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWeekString(t *testing.T) {
	tests := []struct {
		w    Week
		want string
	}{
		{Week{2026, 46}, "2026-W46"},
		{Week{2026, 1}, "2026-W01"},
		{Week{999, 5}, "0999-W05"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.w.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if tt.w.Year >= 1000 {
				back, err := ParseWeek(tt.want)
				if err != nil || back != tt.w {
					t.Errorf("ParseWeek(String()) = %v, %v, want %v", back, err, tt.w)
				}
			}
		})
	}
}

func TestWeekOfAndLastWeek(t *testing.T) {
	tokyo := time.FixedZone("UTC+9", 9*3600)
	tests := []struct {
		name     string
		t        time.Time
		week     Week
		lastWeek Week
	}{
		{"monday of W46", time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC), Week{2026, 46}, Week{2026, 45}},
		{"sunday of W46", time.Date(2026, 11, 15, 23, 59, 59, 0, time.UTC), Week{2026, 46}, Week{2026, 45}},
		{"new year's day 2027 is in 2026-W53", time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC), Week{2026, 53}, Week{2026, 52}},
		{"2027-01-04 starts 2027-W01", time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), Week{2027, 1}, Week{2026, 53}},
		{"2025-12-29 is 2026-W01", time.Date(2025, 12, 29, 8, 0, 0, 0, time.UTC), Week{2026, 1}, Week{2025, 52}},
		{"2021-01-03 is 2020-W53", time.Date(2021, 1, 3, 8, 0, 0, 0, time.UTC), Week{2020, 53}, Week{2020, 52}},
		{"2021-01-04 after a 53-week year", time.Date(2021, 1, 4, 8, 0, 0, 0, time.UTC), Week{2021, 1}, Week{2020, 53}},
		// Sunday 20:00 UTC is already Monday in Tokyo: t's own zone decides.
		{"read in t's location", time.Date(2026, 11, 15, 20, 0, 0, 0, time.UTC).In(tokyo), Week{2026, 47}, Week{2026, 46}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WeekOf(tt.t); got != tt.week {
				t.Errorf("WeekOf(%v) = %v, want %v", tt.t, got, tt.week)
			}
			if got := LastWeek(tt.t); got != tt.lastWeek {
				t.Errorf("LastWeek(%v) = %v, want %v", tt.t, got, tt.lastWeek)
			}
		})
	}
}

func TestWeekStartEnd(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	tokyo := mustZone(t, "Asia/Tokyo")
	tests := []struct {
		name       string
		w          Week
		loc        *time.Location
		start, end string // RFC 3339
		hours      float64
	}{
		{"W46 in UTC", Week{2026, 46}, time.UTC, "2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z", 168},
		{"W46 in Tokyo", Week{2026, 46}, tokyo, "2026-11-09T00:00:00+09:00", "2026-11-16T00:00:00+09:00", 168},
		{"2020-W53 crosses the year", Week{2020, 53}, time.UTC, "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z", 168},
		{"2026-W01 starts in 2025", Week{2026, 1}, time.UTC, "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", 168},
		{"2026-W53", Week{2026, 53}, time.UTC, "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z", 168},
		{"2027-W01", Week{2027, 1}, time.UTC, "2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z", 168},
		// Summer time starts Sunday 2026-03-29 in Berlin: a 167-hour week.
		{"Berlin 2026-W13 spring forward", Week{2026, 13}, berlin, "2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 167},
		// Summer time ends Sunday 2026-10-25, which is in W43: 169 hours.
		{"Berlin 2026-W43 fall back", Week{2026, 43}, berlin, "2026-10-19T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 169},
		{"Berlin 2026-W44 after fall back", Week{2026, 44}, berlin, "2026-10-26T00:00:00+01:00", "2026-11-02T00:00:00+01:00", 168},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := tt.w.Start(tt.loc), tt.w.End(tt.loc)
			if got := start.Format(time.RFC3339); got != tt.start {
				t.Errorf("Start() = %s, want %s", got, tt.start)
			}
			if got := end.Format(time.RFC3339); got != tt.end {
				t.Errorf("End() = %s, want %s", got, tt.end)
			}
			if got := end.Sub(start).Hours(); got != tt.hours {
				t.Errorf("week length = %vh, want %vh", got, tt.hours)
			}
			if start.Weekday() != time.Monday || WeekOf(start) != tt.w || WeekOf(end.Add(-time.Nanosecond)) != tt.w {
				t.Errorf("Start() %v is not the Monday of %v", start, tt.w)
			}
		})
	}
}

func TestWeekBounds(t *testing.T) {
	w := Week{2026, 46}
	from, to := w.Bounds()
	if want := time.Date(2026, 11, 8, 10, 0, 0, 0, time.UTC); !from.Equal(want) || from.Location() != time.UTC {
		t.Errorf("Bounds() from = %v, want %v", from, want)
	}
	if want := time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC); !to.Equal(want) || to.Location() != time.UTC {
		t.Errorf("Bounds() to = %v, want %v", to, want)
	}
	for _, name := range []string{"Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tokyo", "America/Los_Angeles", "Etc/GMT+12"} {
		loc := mustZone(t, name)
		if s, e := w.Start(loc), w.End(loc); s.Before(from) || e.After(to) {
			t.Errorf("%s week [%v, %v) is not inside Bounds() [%v, %v)", name, s, e, from, to)
		}
	}
}
