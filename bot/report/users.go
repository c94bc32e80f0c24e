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
// person's week is evaluated in their Clockify zone (Location).
func (r *Builder) Users(users []store.User, w weekly.Week, now time.Time) (map[string]UserReport, error) {
	reps, err := r.week(users, w, now)
	if err != nil {
		return nil, err
	}
	out := make(map[string]UserReport, len(users))
	for i, u := range users {
		out[u.ID] = reps[i]
	}
	return out, nil
}

// week is Users in the order of users: the evaluation of w, then what
// only a single week's view shows (addWeekDetails).
func (r *Builder) week(users []store.User, w weekly.Week, now time.Time) ([]UserReport, error) {
	out := make([]UserReport, len(users))
	if err := r.evaluate(users, []weekly.Week{w}, now, func(i int, reps []UserReport) { out[i] = reps[0] }); err != nil {
		return nil, err
	}
	for i, u := range users {
		if err := r.addWeekDetails(&out[i], u, w, now); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// evaluate evaluates each of weeks (oldest first) for users and hands each
// person's weeks to emit, with the person's index in users, in the order of
// weeks. Entries are read per person in one walk of the store over all the
// weeks (store.ForEachUserEntries: one Seek each, only the fields the rules
// read) and each person is evaluated as their entries stream past, in one
// reused buffer; holidays and time off are read once for all the weeks.
func (r *Builder) evaluate(users []store.User, weeks []weekly.Week, now time.Time, emit func(i int, reps []UserReport)) error {
	if len(users) == 0 || len(weeks) == 0 {
		return nil
	}
	minHours, exclude, targets, err := r.Settings()
	if err != nil {
		return err
	}
	params := r.cfg.Params
	params.Now, params.MinHours = now, minHours
	from, _ := weeks[0].Bounds()
	_, to := weeks[len(weeks)-1].Bounds()
	holidays, err := r.store.Holidays()
	if err != nil {
		return fmt.Errorf("read holidays: %w", err)
	}
	offByUser, err := r.timeOffByUser(from, to)
	if err != nil {
		return err
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
	var buf, inWeek []store.Entry
	err = r.store.ForEachUserEntries(ids, from, to, func(i int, es []store.LeanEntry) error {
		u := users[i]
		buf = personEntries(buf[:0], u.ID, es, runByUser[u.ID])
		email := strings.ToLower(u.Email)
		p := weekly.Person{User: u, Excluded: exclude[email]}
		if t, ok := targets[email]; ok {
			p.TargetHours = &t
		}
		reps := make([]UserReport, len(weeks))
		for k, w := range weeks {
			wes := buf
			if len(weeks) > 1 {
				wf, wt := w.Bounds()
				inWeek = entriesBetween(inWeek[:0], buf, wf, wt, now)
				wes = inWeek
			}
			reps[k] = userReport(ev.Evaluate(p, w, wes, holidays, offByUser[u.ID], params), projects)
		}
		emit(i, reps)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return nil
}

// timeOffByUser is the time off between from and to, Clockify's and the
// time clock's, by Clockify user id.
func (r *Builder) timeOffByUser(from, to time.Time) (map[string][]store.TimeOff, error) {
	timeOff, err := r.store.TimeOff(from, to)
	if err != nil {
		return nil, fmt.Errorf("read time off: %w", err)
	}
	tcOff, err := r.timeClockDaysOff(from, to)
	if err != nil {
		return nil, err
	}
	byUser := map[string][]store.TimeOff{}
	for _, t := range append(timeOff, tcOff...) {
		byUser[t.UserID] = append(byUser[t.UserID], t)
	}
	return byUser, nil
}

// addWeekDetails adds to ur what only a single week's view shows: the
// reason a flagged person gave their manager after the heads-up, and their
// clocked hours from the time clock. Trends leave them out. It reads the
// store, so it runs after the entries walk, never inside it.
func (r *Builder) addWeekDetails(ur *UserReport, u store.User, w weekly.Week, now time.Time) error {
	if ur.Flagged {
		reason, _, err := LoadPersonReason(r.store, w.String(), u.ID)
		if err != nil {
			return err
		}
		ur.PersonReason = reason.Text
	}
	from, to := w.Bounds()
	return r.addClocked(ur, from, to, r.Location(u), now)
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

// entriesBetween appends to dst the entries of es that overlap [from, to),
// a running one counted up to now: each week of a trend evaluates only
// its own entries.
func entriesBetween(dst, es []store.Entry, from, to, now time.Time) []store.Entry {
	for _, e := range es {
		end := e.End
		if e.Running() {
			end = now
		}
		if e.Start.Before(to) && end.After(from) {
			dst = append(dst, e)
		}
	}
	return dst
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
