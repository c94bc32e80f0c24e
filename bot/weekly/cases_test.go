package weekly

import (
	"fmt"
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

// w46 is Monday 2026-11-09 to Sunday 2026-11-15.
var w46 = Week{2026, 46}

// reg is a finished REGULAR entry of u1 starting on November day at
// hour:min UTC.
func reg(day, hour, min int, d time.Duration) store.Entry {
	start := at(day, hour, min)
	return store.Entry{ID: fmt.Sprintf("r%02d%02d%02d", day, hour, min), UserID: "u1", Start: start, End: start.Add(d)}
}

// running is a running timer of u1 started on November day at hour:00 UTC.
func running(day, hour int) store.Entry {
	return store.Entry{ID: fmt.Sprintf("run%02d%02d", day, hour), UserID: "u1", Start: at(day, hour, 0)}
}

// typed returns e with its type set.
func typed(e store.Entry, typ string) store.Entry { e.Type = typ; e.ID += typ; return e }

// daily returns 09:00 UTC entries of d on each of the given days.
func daily(d time.Duration, days ...int) []store.Entry {
	out := make([]store.Entry, 0, len(days))
	for _, day := range days {
		out = append(out, reg(day, 9, 0, d))
	}
	return out
}

// fullWeek is 5 hours on each weekday of W46.
func fullWeek() []store.Entry { return daily(5*time.Hour, 9, 10, 11, 12, 13) }

func join(lists ...[]store.Entry) []store.Entry {
	var out []store.Entry
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// off is an approved time-off request of u1.
func off(unit string, half bool, policy string, start, end time.Time) store.TimeOff {
	return store.TimeOff{ID: policy + start.String(), UserID: "u1", PolicyName: policy, Status: "APPROVED", Unit: unit, HalfDay: half, Start: start, End: end}
}

// summary is the part of a Result most tests check.
type summary struct {
	TimeZone string
	Hours    float64
	Target   float64
	Flagged  bool
	Excluded bool
	Reasons  []string
	Days     [7]float64
	DaysOff  []string
	Holidays []HolidayDay
	TimeOff  []TimeOffDay
}

func summarize(r Result) summary {
	s := summary{
		TimeZone: r.TimeZone, Hours: r.Hours, Target: r.TargetHours, Flagged: r.Flagged, Excluded: r.Excluded,
		Reasons: r.Reasons, DaysOff: r.DaysOff, Holidays: r.Holidays, TimeOff: r.TimeOff,
	}
	for i, d := range r.Days {
		s.Days[i] = d.Hours
	}
	return s
}

func days(h ...float64) [7]float64 {
	var d [7]float64
	copy(d[:], h)
	return d
}

// evalCase is one Evaluate case for u1 in W46, evaluated at Monday
// 2026-11-16 09:00 UTC unless params says otherwise.
type evalCase struct {
	name     string
	person   func(*Person)
	entries  []store.Entry
	holidays []store.Holiday
	timeOff  []store.TimeOff
	params   func(*Params)
	want     summary // TimeZone "" means UTC
}

// runEvalCases runs tests with a fresh Evaluator and with one shared by
// all cases, which must give the same results.
func runEvalCases(t *testing.T, tests []evalCase) {
	t.Helper()
	u1 := store.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC", GroupIDs: []string{"g1"}}
	shared := NewEvaluator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Person{User: u1}
			if tt.person != nil {
				tt.person(&p)
			}
			params := DefaultParams()
			params.Now = at(16, 9, 0)
			if tt.params != nil {
				tt.params(&params)
			}
			want := tt.want
			if want.TimeZone == "" {
				want.TimeZone = "UTC"
			}
			got := summarize(Evaluate(p, w46, tt.entries, tt.holidays, tt.timeOff, params))
			if d := diff(t, want, got); d != "" {
				t.Errorf("Evaluate() mismatch (-want +got):\n%s", d)
			}
			again := summarize(shared.Evaluate(p, w46, tt.entries, tt.holidays, tt.timeOff, params))
			if d := diff(t, got, again); d != "" {
				t.Errorf("reused Evaluator.Evaluate() mismatch (-fresh +reused):\n%s", d)
			}
		})
	}
}
