package weekly

import (
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

func TestEvaluateAbsences(t *testing.T) {
	under := []string{ReasonDayOff, ReasonUnderHours}
	runEvalCases(t, []evalCase{
		{
			name:     "group holiday",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Founders", StartDate: "2026-11-11", EndDate: "2026-11-11", GroupIDs: []string{"g0", "g1"}}},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Founders"}}},
		},
		{
			name:     "user holiday",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Birthday", StartDate: "2026-11-11", EndDate: "2026-11-11", UserIDs: []string{"u1"}}},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Birthday"}}},
		},
		{
			name:     "everyone holiday",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Armistice", StartDate: "2026-11-11", EndDate: "2026-11-11", Everyone: true}},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Armistice"}}},
		},
		{
			name:    "two holidays on one day are one holiday day",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{
				{ID: "a", Name: "Armistice", StartDate: "2026-11-11", EndDate: "2026-11-11", Everyone: true},
				{ID: "b", Name: "Birthday", StartDate: "2026-11-11", EndDate: "2026-11-11", UserIDs: []string{"u1"}},
			},
			want: summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Armistice, Birthday"}}},
		},
		{
			name:    "holidays of other users and groups do not apply",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Theirs", StartDate: "2026-11-11", EndDate: "2026-11-11",
				UserIDs: []string{"u2"}, GroupIDs: []string{"g2"}}},
			want: summary{Hours: 20, Target: 25, Flagged: true, Reasons: under, Days: days(5, 5, 0, 5, 5), DaysOff: []string{"2026-11-11"}},
		},
		{
			name:     "annual holiday from a previous year",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Armistice", StartDate: "2019-11-11", EndDate: "2019-11-11", OccursAnnually: true, Everyone: true}},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Armistice"}}},
		},
		{
			name:     "one-off holiday from a previous year does not apply",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Armistice", StartDate: "2019-11-11", EndDate: "2019-11-11", Everyone: true}},
			want:     summary{Hours: 20, Target: 25, Flagged: true, Reasons: under, Days: days(5, 5, 0, 5, 5), DaysOff: []string{"2026-11-11"}},
		},
		{
			name:     "holiday on a Saturday does not count",
			entries:  fullWeek(),
			holidays: []store.Holiday{{ID: "h", Name: "Sat", StartDate: "2026-11-14", EndDate: "2026-11-14", Everyone: true}},
			want:     summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:     "holiday over a weekend counts its working days",
			entries:  daily(5*time.Hour, 9, 10, 11, 12),
			holidays: []store.Holiday{{ID: "h", Name: "Long", StartDate: "2026-11-13", EndDate: "2026-11-16", Everyone: true}},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 5, 5), Holidays: []HolidayDay{{"2026-11-13", "Long"}}},
		},
		{
			name:    "half day off",
			entries: join(daily(5*time.Hour, 9, 10, 12, 13), daily(150*time.Minute, 11)),
			timeOff: []store.TimeOff{off("DAYS", true, "Vacation", at(11, 9, 0), at(11, 13, 0))},
			want: summary{Hours: 22.5, Target: 22.5, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 2.5, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 0.5, Policy: "Vacation"}}},
		},
		{
			name:    "half day off without any work that day is a day off",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{off("DAYS", true, "Vacation", at(11, 9, 0), at(11, 13, 0))},
			want: summary{Hours: 20, Target: 22.5, Flagged: true, Reasons: []string{ReasonDayOff, ReasonTimeOff, ReasonUnderHours},
				Days: days(5, 5, 0, 5, 5), DaysOff: []string{"2026-11-11"}, TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 0.5, Policy: "Vacation"}}},
		},
		{
			name:    "full days off",
			entries: daily(5*time.Hour, 9, 10, 13),
			timeOff: []store.TimeOff{off("DAYS", false, "Vacation", at(11, 0, 0), at(13, 0, 0))},
			want: summary{Hours: 15, Target: 15, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 0, 0, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 1, Policy: "Vacation"}, {Date: "2026-11-12", Days: 1, Policy: "Vacation"}}},
		},
		{
			name:    "a day off given as an instant covers its day",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{off("DAYS", false, "Vacation", at(11, 0, 0), at(11, 0, 0))},
			want: summary{Hours: 20, Target: 20, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 0, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 1, Policy: "Vacation"}}},
		},
		{
			name:    "4 hours off is half a day",
			entries: join(daily(5*time.Hour, 9, 10, 12, 13), daily(150*time.Minute, 11)),
			timeOff: []store.TimeOff{off("HOURS", false, "Doctor", at(11, 13, 0), at(11, 17, 0))},
			want: summary{Hours: 22.5, Target: 22.5, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 2.5, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 0.5, Hours: 4, Policy: "Doctor"}}},
		},
		{
			name:    "10 hours off is capped at a day",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{off("HOURS", false, "Doctor", at(11, 8, 0), at(11, 18, 0))},
			want: summary{Hours: 20, Target: 20, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 0, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 1, Hours: 8, Policy: "Doctor"}}},
		},
		{
			name:    "hours off are split over the days they cover",
			entries: fullWeek(),
			timeOff: []store.TimeOff{off("HOURS", false, "Travel", at(10, 22, 0), at(11, 4, 0))},
			params:  func(p *Params) { p.HoursPerDay = 4 },
			want: summary{Hours: 25, Target: 17.5, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 5, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-10", Days: 0.5, Hours: 2, Policy: "Travel"}, {Date: "2026-11-11", Days: 1, Hours: 4, Policy: "Travel"}}},
		},
		{
			name:    "pending and rejected time off is ignored",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{
				{ID: "p", UserID: "u1", Status: "PENDING", Unit: "DAYS", Start: at(11, 0, 0), End: at(12, 0, 0)},
				{ID: "r", UserID: "u1", Status: "REJECTED", Unit: "DAYS", Start: at(11, 0, 0), End: at(12, 0, 0)},
			},
			want: summary{Hours: 20, Target: 25, Flagged: true, Reasons: under, Days: days(5, 5, 0, 5, 5), DaysOff: []string{"2026-11-11"}},
		},
		{
			name:    "other users' time off is ignored",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{{ID: "o", UserID: "u2", Status: "APPROVED", Unit: "DAYS", Start: at(11, 0, 0), End: at(12, 0, 0)}},
			want:    summary{Hours: 20, Target: 25, Flagged: true, Reasons: under, Days: days(5, 5, 0, 5, 5), DaysOff: []string{"2026-11-11"}},
		},
		{
			name:    "time off on a weekend does not count",
			entries: fullWeek(),
			timeOff: []store.TimeOff{off("DAYS", false, "Vacation", at(14, 0, 0), at(16, 0, 0))},
			want:    summary{Hours: 25, Target: 25, Days: days(5, 5, 5, 5, 5)},
		},
		{
			name:     "time off on a holiday counts as the holiday only",
			entries:  daily(5*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Armistice", StartDate: "2026-11-11", EndDate: "2026-11-11", Everyone: true}},
			timeOff:  []store.TimeOff{off("DAYS", false, "Vacation", at(11, 0, 0), at(12, 0, 0))},
			want:     summary{Hours: 20, Target: 20, Days: days(5, 5, 0, 5, 5), Holidays: []HolidayDay{{"2026-11-11", "Armistice"}}},
		},
		{
			name:    "time off on one day is capped at one day",
			entries: daily(5*time.Hour, 9, 10, 12, 13),
			timeOff: []store.TimeOff{
				off("DAYS", false, "Vacation", at(11, 0, 0), at(12, 0, 0)),
				off("HOURS", false, "Doctor", at(11, 9, 0), at(11, 13, 0)),
			},
			want: summary{Hours: 20, Target: 20, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 0, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 1, Policy: "Vacation, Doctor"}}},
		},
		{
			name:     "target override scales with holidays",
			person:   func(p *Person) { p.TargetHours = ptr(10.0) },
			entries:  daily(2*time.Hour, 9, 10, 12, 13),
			holidays: []store.Holiday{{ID: "h", Name: "Armistice", StartDate: "2026-11-11", EndDate: "2026-11-11", Everyone: true}},
			want:     summary{Hours: 8, Target: 8, Days: days(2, 2, 0, 2, 2), Holidays: []HolidayDay{{"2026-11-11", "Armistice"}}},
		},
		{
			name:     "a whole week of holidays is a target of zero",
			holidays: []store.Holiday{{ID: "h", Name: "Closed", StartDate: "2026-11-09", EndDate: "2026-11-13", Everyone: true}},
			want: summary{Target: 0, Holidays: []HolidayDay{{"2026-11-09", "Closed"}, {"2026-11-10", "Closed"},
				{"2026-11-11", "Closed"}, {"2026-11-12", "Closed"}, {"2026-11-13", "Closed"}}},
		},
		{
			name:    "target and time off are rounded to 2 decimals",
			entries: fullWeek(),
			timeOff: []store.TimeOff{off("HOURS", false, "Doctor", at(11, 15, 0), at(11, 16, 0))},
			want: summary{Hours: 25, Target: 24.38, Flagged: true, Reasons: []string{ReasonTimeOff}, Days: days(5, 5, 5, 5, 5),
				TimeOff: []TimeOffDay{{Date: "2026-11-11", Days: 0.13, Hours: 1, Policy: "Doctor"}}},
		},
	})
}
