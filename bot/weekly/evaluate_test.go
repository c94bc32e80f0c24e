package weekly

import (
	"math"
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

func TestEvaluate(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	under := []string{ReasonDayOff, ReasonUnderHours}
	runEvalCases(t, []evalCase{
		{
			name:    "full week",
			entries: fullWeek(),
			want:    summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name: "nothing logged",
			want: summary{Target: 25, Flagged: true, Reasons: under,
				DaysOff: []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"}},
		},
		{
			name:    "entries across Sunday midnight count only their part in the week",
			entries: join(fullWeek(), []store.Entry{reg(15, 22, 0, 4*time.Hour), reg(8, 22, 0, 3*time.Hour)}),
			want:    summary{Hours: 28, Target: 25, Days: days(6, 5, 5, 5, 5, 0, 2)},
		},
		{
			name:    "entry across a weekday midnight is split over both days",
			entries: join(daily(5*time.Hour, 9, 12, 13), []store.Entry{reg(10, 20, 0, 10*time.Hour)}),
			want:    summary{Hours: 25, Target: 25, Days: days(5, 4, 6, 5, 5)},
		},
		{
			name:    "running timer counts until now mid-week",
			entries: join(daily(5*time.Hour, 9, 10), []store.Entry{running(11, 9)}),
			params:  func(p *Params) { p.Now = at(11, 12, 0) },
			want:    summary{Hours: 13, Target: 25, Flagged: true, Reasons: []string{ReasonUnderHours}, Days: days(5, 5, 3)},
		},
		{
			name:    "running timer counts until the week's end when now is later",
			entries: join(daily(5*time.Hour, 9, 10, 11, 12), []store.Entry{running(13, 9)}),
			params:  func(p *Params) { p.Now = at(17, 9, 0) },
			want:    summary{Hours: 83, Target: 25, Days: days(5, 5, 5, 5, 15, 24, 24)},
		},
		{
			name:    "running timer with a zero now counts until the week's end",
			entries: join(daily(5*time.Hour, 9, 10, 11, 12), []store.Entry{running(13, 9)}),
			params:  func(p *Params) { p.Now = time.Time{} },
			want:    summary{Hours: 83, Target: 25, Days: days(5, 5, 5, 5, 15, 24, 24)},
		},
		{
			name:    "running timer started after now counts nothing",
			entries: join(fullWeek(), []store.Entry{running(13, 18)}),
			params:  func(p *Params) { p.Now = at(13, 17, 0) },
			want:    summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name: "a stale running copy of a finished entry is not counted twice",
			entries: join(fullWeek(), []store.Entry{
				{ID: reg(9, 9, 0, 0).ID, UserID: "u1", Start: at(9, 9, 0)},
				reg(10, 9, 0, 5*time.Hour),
			}),
			want: summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name: "break, holiday and time-off entries are not worked time",
			entries: join(fullWeek(), []store.Entry{
				typed(reg(9, 14, 0, time.Hour), "BREAK"),
				typed(reg(14, 9, 0, 8*time.Hour), "HOLIDAY"),
				typed(reg(15, 9, 0, 8*time.Hour), "TIME_OFF"),
				typed(reg(14, 20, 0, time.Hour), "REGULAR"),
			}),
			want: summary{Hours: 26, Target: 25, Days: days(5, 5, 5, 5, 5, 1)},
		},
		{
			name: "other users' entries are ignored",
			entries: join(fullWeek(), []store.Entry{
				{ID: "x", UserID: "u2", Start: at(14, 9, 0), End: at(14, 17, 0)},
				{ID: "y", UserID: "u2", Start: at(12, 9, 0)},
			}),
			want: summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:    "custom workdays Sunday to Thursday",
			entries: daily(5*time.Hour, 9, 10, 11, 12, 15),
			params:  func(p *Params) { p.Workdays, _ = ParseWorkdays("Sun,Mon,Tue,Wed,Thu") },
			want:    summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 0, 0, 5)},
		},
		{
			name:    "custom workdays make Sunday a day off",
			entries: fullWeek(),
			params:  func(p *Params) { p.Workdays, _ = ParseWorkdays("Sun-Thu") },
			want: summary{Hours: 25, Target: 25, Flagged: true, Reasons: []string{ReasonDayOff}, Days: days(5, 5, 5, 5, 5),
				DaysOff: []string{"2026-11-15"}},
		},
		{
			name:   "excluded people keep their reasons but are not flagged",
			person: func(p *Person) { p.Excluded = true },
			want: summary{Target: 25, Excluded: true, Reasons: under,
				DaysOff: []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"}},
		},
		{
			// 23:30 UTC on Monday is 00:30 on Tuesday in Berlin.
			name:    "no zone uses the default location",
			person:  func(p *Person) { p.User.TimeZone = "" },
			entries: join(daily(5*time.Hour, 9, 11, 12, 13), []store.Entry{reg(9, 23, 30, 5*time.Hour)}),
			params:  func(p *Params) { p.DefaultLocation = berlin },
			want:    summary{TimeZone: "Europe/Berlin", Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:    "an unknown zone uses the default location",
			person:  func(p *Person) { p.User.TimeZone = "Mars/Olympus_Mons" },
			entries: join(daily(5*time.Hour, 9, 11, 12, 13), []store.Entry{reg(9, 23, 30, 5*time.Hour)}),
			params:  func(p *Params) { p.DefaultLocation = berlin },
			want:    summary{TimeZone: "Europe/Berlin", Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:    "no zone and no default location is UTC",
			person:  func(p *Person) { p.User.TimeZone = "" },
			entries: fullWeek(),
			params:  func(p *Params) { p.DefaultLocation = nil },
			want:    summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:    "target override",
			person:  func(p *Person) { p.TargetHours = ptr(10.0) },
			entries: daily(2*time.Hour, 9, 10, 11, 12, 13),
			want:    summary{Hours: 10, Target: 10, Days: days(2, 2, 2, 2, 2)},
		},
		{
			name:    "target override above the default",
			person:  func(p *Person) { p.TargetHours = ptr(40.0) },
			entries: fullWeek(),
			want:    summary{Hours: 25, Target: 40, Flagged: true, Reasons: []string{ReasonUnderHours}, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:   "target override of zero still reports days off",
			person: func(p *Person) { p.TargetHours = ptr(0.0) },
			want: summary{Flagged: true, Reasons: []string{ReasonDayOff},
				DaysOff: []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"}},
		},
		{
			name:    "an undefined target flags nobody for hours",
			person:  func(p *Person) { p.TargetHours = ptr(math.NaN()) },
			entries: daily(time.Hour, 9, 10, 11, 12, 13),
			want:    summary{Hours: 5, Target: 0, Days: days(1, 1, 1, 1, 1)},
		},
		{
			name:    "no workdays means Monday to Friday",
			entries: daily(5*time.Hour, 9, 10, 11, 12),
			params:  func(p *Params) { p.Workdays = []time.Weekday{} },
			want: summary{Hours: 20, Target: 25, Flagged: true, Reasons: under, Days: days(5, 5, 5, 5),
				DaysOff: []string{"2026-11-13"}},
		},
		{
			name:    "minimum hours from params",
			entries: daily(4*time.Hour, 9, 10, 11, 12, 13),
			params:  func(p *Params) { p.MinHours = 20 },
			want:    summary{Hours: 20, Target: 20, Days: days(4, 4, 4, 4, 4)},
		},
		{
			name:    "24h59m30s is within a minute of 25h",
			entries: join(daily(5*time.Hour, 9, 10, 11, 12), []store.Entry{reg(13, 9, 0, 5*time.Hour-30*time.Second)}),
			want:    summary{Hours: 24.99, Target: 25, Days: days(5, 5, 5, 5, 4.99)},
		},
		{
			name:    "24h59m is exactly a minute short and not under",
			entries: join(daily(5*time.Hour, 9, 10, 11, 12), []store.Entry{reg(13, 9, 0, 5*time.Hour-time.Minute)}),
			want:    summary{Hours: 24.98, Target: 25, Days: days(5, 5, 5, 5, 4.98)},
		},
		{
			name:    "24h58m is under",
			entries: join(daily(5*time.Hour, 9, 10, 11, 12), []store.Entry{reg(13, 9, 0, 5*time.Hour-2*time.Minute)}),
			want:    summary{Hours: 24.97, Target: 25, Flagged: true, Reasons: []string{ReasonUnderHours}, Days: days(5, 5, 5, 5, 4.97)},
		},
		{
			name:    "days after now are not days off",
			entries: daily(5*time.Hour, 9),
			params:  func(p *Params) { p.Now = at(11, 12, 0) },
			want: summary{Hours: 5, Target: 25, Flagged: true, Reasons: under, Days: days(5),
				DaysOff: []string{"2026-11-10"}},
		},
		{
			name:    "a day is a day off once it has ended",
			entries: daily(5*time.Hour, 9),
			params:  func(p *Params) { p.Now = at(11, 0, 0) },
			want: summary{Hours: 5, Target: 25, Flagged: true, Reasons: under, Days: days(5),
				DaysOff: []string{"2026-11-10"}},
		},
		{
			name:    "a day is not a day off a minute before it ends",
			entries: daily(5*time.Hour, 9),
			params:  func(p *Params) { p.Now = at(10, 23, 59) },
			want:    summary{Hours: 5, Target: 25, Flagged: true, Reasons: []string{ReasonUnderHours}, Days: days(5)},
		},
		{
			name: "hours are rounded to 2 decimals and any time avoids a day off",
			entries: []store.Entry{
				reg(9, 9, 0, 80*time.Minute),
				reg(10, 9, 0, 2*time.Hour+18*time.Second),
				reg(11, 9, 0, 40*time.Second),
				reg(12, 9, 0, 17*time.Second),
				reg(13, 9, 0, 10*time.Minute),
			},
			want: summary{Hours: 3.52, Target: 25, Flagged: true, Reasons: []string{ReasonUnderHours}, Days: days(1.33, 2.01, 0.01, 0, 0.17)},
		},
	})
}
