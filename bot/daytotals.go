package bot

import (
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// dayTotal is one user's regular time on one local day.
type dayTotal struct {
	Total    time.Duration
	Projects []projectTime // most time first
	Running  *store.Entry  // the running timer, if any (whatever its day)
}

// projectTime is the time of one project ("" for none) in a day.
type projectTime struct {
	ProjectID string
	Time      time.Duration
	Running   bool
}

// dayTotals sums userID's regular time on now's day in loc from the
// store, the running timer counted up to now. /tt status, /tt today and
// the Home tab all read the day through it.
func dayTotals(st *store.Store, userID string, loc *time.Location, now time.Time) (dayTotal, error) {
	var t dayTotal
	from, to := localDayBounds(now, loc)
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
	byProject := map[string]*projectTime{}
	seen := map[string]bool{}
	for _, e := range entries {
		if !isRegularEntry(e) || (e.ID != "" && seen[e.ID]) {
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
			pt = &projectTime{ProjectID: e.ProjectID}
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

// isRegularEntry reports whether e is worked time (not a break, holiday or
// time off).
func isRegularEntry(e store.Entry) bool { return e.Type == "" || strings.EqualFold(e.Type, "REGULAR") }
