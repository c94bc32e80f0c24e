package main

import (
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
)

func TestScheduledTimes(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	monThu := delivery.Schedule{Days: []time.Weekday{time.Monday, time.Thursday}, Hour: 9, Minute: 0, Location: berlin}
	tests := []struct {
		name     string
		now      time.Time
		wantLast time.Time // zero: none this week
		wantNext time.Time
	}{
		{"Monday before the time", time.Date(2026, 12, 7, 7, 59, 0, 0, time.UTC), time.Time{}, time.Date(2026, 12, 7, 9, 0, 0, 0, berlin)},
		{"Monday at the time", time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC), time.Date(2026, 12, 7, 9, 0, 0, 0, berlin), time.Date(2026, 12, 10, 9, 0, 0, 0, berlin)},
		{"Friday", time.Date(2026, 12, 11, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 10, 9, 0, 0, 0, berlin), time.Date(2026, 12, 14, 9, 0, 0, 0, berlin)},
		{"Sunday night", time.Date(2026, 12, 13, 22, 30, 0, 0, time.UTC), time.Date(2026, 12, 10, 9, 0, 0, 0, berlin), time.Date(2026, 12, 14, 9, 0, 0, 0, berlin)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			last, ok := monThu.Last(tc.now)
			if ok != !tc.wantLast.IsZero() || (ok && !last.Equal(tc.wantLast)) {
				t.Errorf("lastScheduled = %v, %v; want %v", last, ok, tc.wantLast)
			}
			if next := monThu.Next(tc.now); !next.Equal(tc.wantNext) {
				t.Errorf("nextScheduled = %v; want %v", next, tc.wantNext)
			}
		})
	}
}
