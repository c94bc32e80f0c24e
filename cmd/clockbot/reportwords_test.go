package main

import "testing"

// TestReportWords checks the reasons in words and the h:mm hours.
func TestReportWords(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"2026-11-10"}, "Tue"},
		{[]string{"2026-11-11", "2026-11-12"}, "Wed–Thu"},
		{[]string{"2026-11-09", "2026-11-11", "2026-11-12", "2026-11-13"}, "Mon, Wed–Fri"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := dayRanges(tc.in); got != tc.want {
				t.Errorf("dayRanges(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	for h, want := range map[float64]string{0: "0:00", 37.5: "37:30", 24.99: "24:59", 7.999: "8:00"} {
		if got := hm(h); got != want {
			t.Errorf("hm(%v) = %q, want %q", h, got, want)
		}
	}
}
