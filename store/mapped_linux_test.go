package store

import "testing"

// TestThirdField checks the parse of /proc/self/statm's resident shared
// pages.
func TestThirdField(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1234 567 89 10 0 300 0\n", 89, true},
		{"1 2 3", 3, true},
		{"12  34  56 7", 56, true},
		{"1 2", 0, false},
		{"1 2 ", 0, false},
		{"", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got, ok := thirdField([]byte(tc.in)); got != tc.want || ok != tc.ok {
				t.Errorf("thirdField(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
	if n := testing.AllocsPerRun(10, func() { residentFileBytes() }); n != 0 {
		t.Errorf("residentFileBytes allocates %v times, want 0 (the walks call it)", n)
	}
}
