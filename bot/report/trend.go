package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// TrendWeeks is how many weeks the trends show: the Home tab's chart and
// the managers' table.
const TrendWeeks = 8

// TrendWeek is one person's week in a trend, evaluated by the one week
// evaluation (Users). NoData is true when the store's history does not
// cover the week (it starts before the sync's backfill): its figures are
// then unknown, not zero.
type TrendWeek struct {
	Week   weekly.Week
	NoData bool
	Report UserReport
}

// UnderTarget reports whether the week was under its target: the
// evaluation gave the under-hours reason.
func (t TrendWeek) UnderTarget() bool {
	return !t.NoData && !t.Report.Excluded && slices.Contains(t.Report.Reasons, weekly.ReasonUnderHours)
}

// WeeksBack returns the n weeks ending with last, oldest first.
func WeeksBack(last weekly.Week, n int) []weekly.Week {
	out := make([]weekly.Week, n)
	start := last.Start(time.UTC)
	for i := range n {
		out[n-1-i] = weekly.WeekOf(start.AddDate(0, 0, -7*i))
	}
	return out
}

// Trends evaluates the n weeks ending with last (oldest first) for users,
// by Clockify id, with one read of the store for all the weeks. Weeks that
// start, in a person's zone, before the sync's backfill are NoData; when
// no backfill was recorded yet, what the store holds is shown.
func (r *Builder) Trends(users []store.User, last weekly.Week, n int, now time.Time) (map[string][]TrendWeek, error) {
	weeks := WeeksBack(last, n)
	byUser := make(map[string][]UserReport, len(users))
	if err := r.evaluate(users, weeks, now, func(i int, reps []UserReport) { byUser[users[i].ID] = reps }); err != nil {
		return nil, err
	}
	status, err := r.store.SyncStatus()
	if err != nil {
		return nil, fmt.Errorf("read sync status: %w", err)
	}
	out := make(map[string][]TrendWeek, len(users))
	for _, u := range users {
		loc := r.Location(u)
		reps := byUser[u.ID]
		tw := make([]TrendWeek, len(weeks))
		for i, w := range weeks {
			tw[i] = TrendWeek{Week: w, Report: reps[i]}
			if !status.BackfilledFrom.IsZero() && w.Start(loc).Before(status.BackfilledFrom) {
				tw[i].NoData = true
			}
		}
		out[u.ID] = tw
	}
	return out, nil
}

// InARow is how many weeks in a row, ending with the last of ws, were
// under target: 0 when the last was not.
func InARow(ws []TrendWeek) int {
	n := 0
	for i := len(ws) - 1; i >= 0 && ws[i].UnderTarget(); i-- {
		n++
	}
	return n
}

// fillWeeksInARow sets WeeksInARow of rep's people under target in week w,
// from the TrendWeeks weeks ending with w, read in one store pass.
func (r *Builder) fillWeeksInARow(rep *Report, dir []store.User, w weekly.Week, now time.Time) error {
	byID := make(map[string]store.User, len(dir))
	for _, u := range dir {
		byID[u.ID] = u
	}
	var under []store.User
	for _, ur := range rep.Users {
		if u, ok := byID[ur.ClockifyUserID]; ok && ur.Flagged && slices.Contains(ur.Reasons, weekly.ReasonUnderHours) {
			under = append(under, u)
		}
	}
	if len(under) == 0 {
		return nil
	}
	trends, err := r.Trends(under, w, TrendWeeks, now)
	if err != nil {
		return err
	}
	for i, ur := range rep.Users {
		if ws, ok := trends[ur.ClockifyUserID]; ok {
			rep.Users[i].WeeksInARow = InARow(ws)
		}
	}
	return nil
}

// Ordinal is n as an English ordinal: "2nd", "3rd", "11th", "22nd".
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// InARowText is the weekly message's line for a person under target
// several weeks in a row ("This is your 3rd week in a row under
// target."); "" for a first week.
func InARowText(u UserReport) string {
	switch {
	case u.WeeksInARow < 2:
		return ""
	case u.WeeksInARow >= TrendWeeks:
		return fmt.Sprintf(":chart_with_downwards_trend: This is your %s week in a row under target (or more: I look back %d weeks).", Ordinal(u.WeeksInARow), TrendWeeks)
	}
	return fmt.Sprintf(":chart_with_downwards_trend: This is your %s week in a row under target.", Ordinal(u.WeeksInARow))
}
