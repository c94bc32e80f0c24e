package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// dayTotal is the regular hours userID logged on now's day in loc, the
// running timer included up to now.
func (h *Home) dayTotal(userID string, loc *time.Location, now time.Time) (float64, error) {
	t, err := dayTotals(h.store, userID, loc, now)
	if err != nil {
		return 0, err
	}
	return round2(t.Total.Hours()), nil
}

// weekReports evaluates users' week w at now from the store with the
// targets and exception list in force, by Clockify id.
func (h *Home) weekReports(users []store.User, w weekly.Week, now time.Time) (map[string]UserReport, error) {
	out := make(map[string]UserReport, len(users))
	if len(users) == 0 {
		return out, nil
	}
	minHours, exclude, targets, err := h.reporter.Settings()
	if err != nil {
		return nil, err
	}
	params := h.cfg.Params
	params.Now, params.MinHours = now, minHours
	from, to := w.Bounds()
	byUser := make(map[string][]store.Entry, len(users))
	if len(users) == 1 {
		es, err := h.store.EntriesForUser(users[0].ID, from, to)
		if err != nil {
			return nil, err
		}
		byUser[users[0].ID] = es
	} else if err := h.store.ForEachEntry(from, to, func(e store.Entry) error {
		byUser[e.UserID] = append(byUser[e.UserID], e)
		return nil
	}); err != nil {
		return nil, err
	}
	running, err := h.store.Running()
	if err != nil {
		return nil, err
	}
	for _, e := range running {
		if len(users) > 1 || e.UserID == users[0].ID {
			byUser[e.UserID] = append(byUser[e.UserID], e)
		}
	}
	holidays, err := h.store.Holidays()
	if err != nil {
		return nil, err
	}
	timeOff, err := h.store.TimeOff(from, to)
	if err != nil {
		return nil, err
	}
	offByUser := map[string][]store.TimeOff{}
	for _, t := range timeOff {
		offByUser[t.UserID] = append(offByUser[t.UserID], t)
	}
	projects, err := h.projectIndex()
	if err != nil {
		return nil, err
	}
	ev := weekly.NewEvaluator()
	for _, u := range users {
		email := strings.ToLower(u.Email)
		p := weekly.Person{User: u, Excluded: exclude[email]}
		if t, ok := targets[email]; ok {
			p.TargetHours = &t
		}
		out[u.ID] = userReport(ev.Evaluate(p, w, byUser[u.ID], holidays, offByUser[u.ID], params), projects)
	}
	return out, nil
}

// projectIndex is every stored project by id.
func (h *Home) projectIndex() (map[string]store.Project, error) {
	ps, err := h.store.Projects()
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	m := make(map[string]store.Project, len(ps))
	for _, p := range ps {
		m[p.ID] = p
	}
	return m, nil
}

// nextReportRun is the next scheduled weekly report after now, zero when none
// is scheduled.
func nextReportRun(now time.Time, sc Schedule) time.Time {
	if sc.Location == nil || len(sc.Days) == 0 {
		return time.Time{}
	}
	local := now.In(sc.Location)
	var best time.Time
	for i := 0; i <= 7; i++ {
		d := local.AddDate(0, 0, i)
		for _, wd := range sc.Days {
			if d.Weekday() != wd {
				continue
			}
			at := time.Date(d.Year(), d.Month(), d.Day(), sc.Hour, sc.Minute, 0, 0, sc.Location)
			if at.After(now) && (best.IsZero() || at.Before(best)) {
				best = at
			}
		}
	}
	return best
}
