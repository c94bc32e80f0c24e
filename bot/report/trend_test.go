package report

import (
	"testing"

	"github.com/clockbot/clockbot/bot/weekly"
)

func TestInARowText(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, ""},
		{1, ""},
		{2, ":chart_with_downwards_trend: This is your 2nd week in a row under target."},
		{3, ":chart_with_downwards_trend: This is your 3rd week in a row under target."},
		{4, ":chart_with_downwards_trend: This is your 4th week in a row under target."},
		{TrendWeeks, ":chart_with_downwards_trend: This is your 8th week in a row under target (or more: I look back 8 weeks)."},
	}
	for _, tc := range tests {
		t.Run(Ordinal(tc.n), func(t *testing.T) {
			if got := InARowText(UserReport{WeeksInARow: tc.n}); got != tc.want {
				t.Errorf("InARowText(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestInARow: the count ends at the first week not under target, a week
// with no data or on the exception list.
func TestInARow(t *testing.T) {
	under := TrendWeek{Report: UserReport{Reasons: []string{weekly.ReasonUnderHours}}}
	dayOff := TrendWeek{Report: UserReport{Reasons: []string{weekly.ReasonDayOff}}}
	noData := TrendWeek{NoData: true, Report: under.Report}
	excluded := TrendWeek{Report: UserReport{Excluded: true, Reasons: []string{weekly.ReasonUnderHours}}}
	tests := []struct {
		name string
		ws   []TrendWeek
		want int
	}{
		{"none", nil, 0},
		{"last reached", []TrendWeek{under, under, {}}, 0},
		{"three", []TrendWeek{{}, under, under, under}, 3},
		{"no data ends it", []TrendWeek{under, noData, under, under}, 2},
		{"a day off alone is not under target", []TrendWeek{under, dayOff, under}, 1},
		{"exception list", []TrendWeek{under, excluded}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InARow(tc.ws); got != tc.want {
				t.Errorf("InARow() = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestWeeksBack(t *testing.T) {
	got := WeeksBack(weekly.Week{Year: 2026, Num: 2}, 4)
	want := []weekly.Week{{Year: 2025, Num: 51}, {Year: 2025, Num: 52}, {Year: 2026, Num: 1}, {Year: 2026, Num: 2}}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("WeeksBack(2026-W02, 4) = %v, want %v", got, want)
		}
	}
}
