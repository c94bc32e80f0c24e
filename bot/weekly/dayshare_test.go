package weekly

import (
	"testing"
	"time"
)

func TestDayShare(t *testing.T) {
	tests := []struct {
		name        string
		target      float64
		holidays    []HolidayDay
		timeOff     []TimeOffDay
		workdays    []time.Weekday
		date        string
		wantShare   float64
		wantWorking bool
	}{
		{name: "plain week", target: 25, date: "2026-11-17", wantShare: 5, wantWorking: true},
		{name: "saturday", target: 25, date: "2026-11-21"},
		{name: "holiday", target: 20, holidays: []HolidayDay{{Date: "2026-11-17", Name: "X"}}, date: "2026-11-17"},
		{name: "other day after a holiday", target: 20, holidays: []HolidayDay{{Date: "2026-11-17"}}, date: "2026-11-18", wantShare: 5, wantWorking: true},
		{name: "whole day off", target: 20, timeOff: []TimeOffDay{{Date: "2026-11-17", Days: 1}}, date: "2026-11-17"},
		{name: "half day off halves it", target: 22.5, timeOff: []TimeOffDay{{Date: "2026-11-17", Days: 0.5}}, date: "2026-11-17", wantShare: 2.5, wantWorking: true},
		{name: "four-day week", target: 32, workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, date: "2026-11-19", wantShare: 8, wantWorking: true},
		{name: "bad date", target: 25, date: "yesterday"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			share, working := DayShare(tc.target, tc.holidays, tc.timeOff, tc.workdays, tc.date)
			if share != tc.wantShare || working != tc.wantWorking {
				t.Errorf("DayShare = %v, %v; want %v, %v", share, working, tc.wantShare, tc.wantWorking)
			}
		})
	}
}

func TestLastWorkday(t *testing.T) {
	for _, tc := range []struct {
		days []time.Weekday
		want time.Weekday
	}{
		{nil, time.Friday},
		{[]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, time.Thursday},
		{[]time.Weekday{time.Sunday, time.Monday}, time.Sunday},
	} {
		if got := LastWorkday(tc.days); got != tc.want {
			t.Errorf("LastWorkday(%v) = %v, want %v", tc.days, got, tc.want)
		}
	}
}
