package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// Users evaluates the week w of users at now from the store, with the
// targets and exception list in force, by Clockify id. It is the one
// evaluation of a week: the weekly report, /tt week and the Home tab all
// read a person's week through it, so they show the same numbers. Each
// person's week is evaluated in their Clockify zone (Location). Entries
// are read per person in one walk of the store and each person is
// evaluated as their entries stream past, in one reused buffer, decoding
// only the fields the rules read (store.ForEachUserEntries).
func (r *Builder) Users(users []store.User, w weekly.Week, now time.Time) (map[string]UserReport, error) {
	out := make(map[string]UserReport, len(users))
	err := r.evaluate(users, w, now, func(i int, ur UserReport) { out[users[i].ID] = ur })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// evaluate is Users handing each person's week to emit, with the person's
// index in users, as it is evaluated.
func (r *Builder) evaluate(users []store.User, w weekly.Week, now time.Time, emit func(i int, ur UserReport)) error {
	if len(users) == 0 {
		return nil
	}
	minHours, exclude, targets, err := r.Settings()
	if err != nil {
		return err
	}
	params := r.cfg.Params
	params.Now, params.MinHours = now, minHours
	from, to := w.Bounds()
	holidays, err := r.store.Holidays()
	if err != nil {
		return fmt.Errorf("read holidays: %w", err)
	}
	timeOff, err := r.store.TimeOff(from, to)
	if err != nil {
		return fmt.Errorf("read time off: %w", err)
	}
	offByUser := map[string][]store.TimeOff{}
	for _, t := range timeOff {
		offByUser[t.UserID] = append(offByUser[t.UserID], t)
	}
	projects, err := r.ProjectIndex()
	if err != nil {
		return err
	}
	running, err := r.store.Running()
	if err != nil {
		return fmt.Errorf("read running timers: %w", err)
	}
	runByUser := map[string][]store.Entry{}
	for _, e := range running {
		runByUser[e.UserID] = append(runByUser[e.UserID], e)
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	ev := weekly.NewEvaluator()
	var buf []store.Entry
	err = r.store.ForEachUserEntries(ids, from, to, func(i int, es []store.LeanEntry) error {
		u := users[i]
		buf = personEntries(buf[:0], u.ID, es, runByUser[u.ID])
		email := strings.ToLower(u.Email)
		p := weekly.Person{User: u, Excluded: exclude[email]}
		if t, ok := targets[email]; ok {
			p.TargetHours = &t
		}
		emit(i, userReport(ev.Evaluate(p, w, buf, holidays, offByUser[u.ID], params), projects))
		return nil
	})
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return nil
}

// personEntries appends to buf the entries of user userID the rules read:
// the stored ones (es) and the running timers. Ids only tell a running
// timer from its finished copy (the stored ids are unique), so a stored
// entry gets its id only when the person has a running timer or the entry
// is itself running; the others need no copy of it.
func personEntries(buf []store.Entry, userID string, es []store.LeanEntry, running []store.Entry) []store.Entry {
	for _, le := range es {
		e := store.Entry{UserID: userID, ProjectID: le.ProjectID, Type: le.Type, Billable: le.Billable, Start: le.Start, End: le.End}
		if len(running) > 0 || le.End.IsZero() {
			e.ID = string(le.ID)
		}
		buf = append(buf, e)
	}
	return append(buf, running...)
}

// Location is the zone a person's week is evaluated in: their Clockify
// zone, else the default (REPORT_TIMEZONE).
func (r *Builder) Location(u store.User) *time.Location {
	if u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	if r.cfg.Params.DefaultLocation != nil {
		return r.cfg.Params.DefaultLocation
	}
	return time.UTC
}
