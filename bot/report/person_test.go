package report

import "testing"

func TestParseHours(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		set     bool
		problem bool
	}{
		{"", 0, false, false}, {" 32 ", 32, true, false}, {"37,5", 37.5, true, false}, {"20h", 20, true, false},
		{"0", 0, true, false}, {"168", 168, true, false}, {"168.5", 0, false, true}, {"-2", 0, false, true},
		{"x", 0, false, true}, {"NaN", 0, false, true}, {"Inf", 0, false, true},
	}
	for _, tc := range tests {
		got, set, problem := ParseHours(tc.in)
		if got != tc.want || set != tc.set || (problem != "") != tc.problem {
			t.Errorf("ParseHours(%q) = %v, %v, %q; want %v, %v, problem %v", tc.in, got, set, problem, tc.want, tc.set, tc.problem)
		}
	}
}
