package notices

import (
	"testing"
	"time"
)

func TestSummaryDue(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   string
		now  time.Time
		want bool
	}{
		{"18:00", time.Date(2026, 11, 18, 18, 0, 0, 0, berlin), true},
		{"18:00", time.Date(2026, 11, 18, 18, 0, 59, 0, berlin), true},
		{"18:00", time.Date(2026, 11, 18, 17, 59, 59, 0, berlin), false},
		{"18:00", time.Date(2026, 11, 18, 18, 9, 59, 0, berlin), true},
		{"18:00", time.Date(2026, 11, 18, 18, 10, 0, 0, berlin), false},
		{"23:55", time.Date(2026, 11, 19, 0, 1, 0, 0, berlin), false}, // the window does not cross midnight
		{"00:00", time.Date(2026, 11, 19, 0, 0, 0, 0, berlin), true},
		{"9:00", time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC), true},
		{"bad", time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC), false},
	}
	for _, tc := range tests {
		if got := summaryDue(tc.at, tc.now); got != tc.want {
			t.Errorf("summaryDue(%q, %v) = %v, want %v", tc.at, tc.now, got, tc.want)
		}
	}
}
