package report

import (
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// DayTotal is one user's regular time on one local day.
type DayTotal struct {
	Total    time.Duration
	Projects []ProjectTime // most time first
	Running  *store.Entry  // the running timer, if any (whatever its day)
}

// ProjectTime is the time of one project ("" for none) in a day.
type ProjectTime struct {
	ProjectID string
	Time      time.Duration
	Running   bool
}

// DayTotals sums userID's regular time on now's day in loc from the
// store, the running timer counted up to now. /tt status, /tt today and
// the Home tab all read the day through it.
func DayTotals(st *store.Store, userID string, loc *time.Location, now time.Time) (DayTotal, error) {
	var t DayTotal
	from, to := LocalDayBounds(now, loc)
	entries, err := st.EntriesForUser(userID, from, to)
	if err != nil {
		return t, err
	}
	run, ok, err := st.RunningFor(userID)
	if err != nil {
		return t, err
	}
	if ok {
		t.Running = &run
		entries = append(entries, run)
	}
	byProject := map[string]*ProjectTime{}
	seen := map[string]bool{}
	for _, e := range entries {
		if !IsRegularEntry(e) || (e.ID != "" && seen[e.ID]) {
			continue
		}
		seen[e.ID] = true
		end := e.End
		if e.Running() || end.After(now) {
			end = now
		}
		start := e.Start
		if start.Before(from) {
			start = from
		}
		if end.After(to) {
			end = to
		}
		if !end.After(start) {
			continue
		}
		pt := byProject[e.ProjectID]
		if pt == nil {
			pt = &ProjectTime{ProjectID: e.ProjectID}
			byProject[e.ProjectID] = pt
		}
		pt.Time += end.Sub(start)
		pt.Running = pt.Running || e.Running()
		t.Total += end.Sub(start)
	}
	for _, pt := range byProject {
		t.Projects = append(t.Projects, *pt)
	}
	sort.Slice(t.Projects, func(i, j int) bool {
		if t.Projects[i].Time != t.Projects[j].Time {
			return t.Projects[i].Time > t.Projects[j].Time
		}
		return t.Projects[i].ProjectID < t.Projects[j].ProjectID
	})
	return t, nil
}

// IsRegularEntry reports whether e is worked time (not a break, holiday or
// time off).
func IsRegularEntry(e store.Entry) bool { return e.Type == "" || strings.EqualFold(e.Type, "REGULAR") }

// LocalDayBounds returns local midnight of t's day in loc and of the next day.
func LocalDayBounds(t time.Time, loc *time.Location) (from, to time.Time) {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
