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
	byWeek, err := r.evaluate(users, []weekly.Week{w}, now)
	if err != nil {
		return nil, err
	}
	out := make(map[string]UserReport, len(users))
	for id, reps := range byWeek {
		out[id] = reps[0]
	}
	return out, nil
}

// evaluate evaluates each of weeks (oldest first, consecutive or not) for
// users, by Clockify id then in the order of weeks. The entries and time
// off of all the weeks are read in one store pass each, however many
// weeks and people there are.
func (r *Builder) evaluate(users []store.User, weeks []weekly.Week, now time.Time) (map[string][]UserReport, error) {
	out := make(map[string][]UserReport, len(users))
	if len(users) == 0 || len(weeks) == 0 {
		return out, nil
	}
	minHours, exclude, targets, err := r.Settings()
	if err != nil {
		return nil, err
	}
	params := r.cfg.Params
	params.Now, params.MinHours = now, minHours
	from, _ := weeks[0].Bounds()
	_, to := weeks[len(weeks)-1].Bounds()
	byUser, err := r.entries(users, from, to)
	if err != nil {
		return nil, err
	}
	holidays, err := r.store.Holidays()
	if err != nil {
		return nil, fmt.Errorf("read holidays: %w", err)
	}
	timeOff, err := r.store.TimeOff(from, to)
	if err != nil {
		return nil, fmt.Errorf("read time off: %w", err)
	}
	tcOff, err := r.timeClockDaysOff(from, to)
	if err != nil {
		return nil, err
	}
	timeOff = append(timeOff, tcOff...)
	offByUser := map[string][]store.TimeOff{}
	for _, t := range timeOff {
		offByUser[t.UserID] = append(offByUser[t.UserID], t)
	}
	projects, err := r.ProjectIndex()
	if err != nil {
		return nil, err
	}
	bounds := make([][2]time.Time, len(weeks))
	for i, w := range weeks {
		bounds[i][0], bounds[i][1] = w.Bounds()
	}
	persons := make([]weekly.Person, len(users))
	for j, u := range users {
		email := strings.ToLower(u.Email)
		persons[j] = weekly.Person{User: u, Excluded: exclude[email]}
		if t, ok := targets[email]; ok {
			persons[j].TargetHours = &t
		}
		out[u.ID] = make([]UserReport, len(weeks))
	}
	// Week by week, everyone in turn: the evaluator keeps one week's
	// day bounds per zone while it goes through the people.
	ev := weekly.NewEvaluator()
	var inWeek []store.Entry
	for i, w := range weeks {
		from, to := w.Bounds()
		for j, u := range users {
			es := byUser[u.ID]
			if len(weeks) > 1 {
				inWeek = entriesBetween(inWeek[:0], es, from, to, now)
				es = inWeek
			}
			ur := userReport(ev.Evaluate(persons[j], w, es, holidays, offByUser[u.ID], params), projects)
			if len(weeks) == 1 {
				if err := r.addWeekDetails(&ur, u, w, now); err != nil {
					return nil, err
				}
			}
			out[u.ID][i] = ur
		}
	}
	return out, nil
}

// addWeekDetails adds to ur what only a single week's view shows: the
// reason a flagged person gave their manager after the heads-up, and their
// clocked hours from the time clock. Trends leave them out.
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

// indexReads is the most people whose entries are read person by person
// (one range of the user index each, whatever the number of weeks); more
// are read in one pass over everyone's entries.
const indexReads = 16

// entries reads the entries of users between from and to, running timers
// included, by user: a few people's by index, more in one pass.
func (r *Builder) entries(users []store.User, from, to time.Time) (map[string][]store.Entry, error) {
	byUser := make(map[string][]store.Entry, len(users))
	if len(users) <= indexReads {
		for _, u := range users {
			es, err := r.store.EntriesForUser(u.ID, from, to)
			if err != nil {
				return nil, fmt.Errorf("read entries: %w", err)
			}
			byUser[u.ID] = es
		}
	} else if err := r.store.ForEachEntry(from, to, func(e store.Entry) error {
		byUser[e.UserID] = append(byUser[e.UserID], e)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read entries: %w", err)
	}
	running, err := r.store.Running()
	if err != nil {
		return nil, fmt.Errorf("read running timers: %w", err)
	}
	for _, e := range running {
		byUser[e.UserID] = append(byUser[e.UserID], e)
	}
	return byUser, nil
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
