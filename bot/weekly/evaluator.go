package weekly

import (
	"time"
)

// Evaluator evaluates weeks and keeps what does not change from one person
// to the next: loaded time zones, the dates and day boundaries of the last
// week asked for, and scratch space. Reusing one Evaluator for everyone in
// a report avoids loading a zone per person. An Evaluator is not safe for
// concurrent use; its results never depend on what it evaluated before.
type Evaluator struct {
	zones map[string]*time.Location // nil value: the name did not load

	week   Week
	weekOK bool
	dates  [7]string                     // local dates of the week's days
	civil  [7]civil                      // the same dates as yyyymmdd
	bounds map[*time.Location]*dayBounds // of e.week, per zone

	seen     map[string]struct{} // entry ids counted for the current person
	running  []int               // indexes of the current person's running timers
	projects []projectTotal      // per-project totals of the current person
}

// projectTotal accumulates one project's regular time.
type projectTotal struct {
	id             string
	total, billing time.Duration
}

// maxSeen is the size above which the id set is dropped rather than
// cleared, so that one person with many entries does not slow down the
// clearing for everyone after them.
const maxSeen = 4096

// NewEvaluator returns an empty Evaluator.
func NewEvaluator() *Evaluator {
	return &Evaluator{
		zones:  make(map[string]*time.Location),
		bounds: make(map[*time.Location]*dayBounds),
		seen:   make(map[string]struct{}),
	}
}

// location returns the zone named name, or def (UTC when nil) when name is
// empty, "Local" (the host's zone, which would make results depend on the
// machine) or not a zone this system can load.
func (e *Evaluator) location(name string, def *time.Location) *time.Location {
	if def == nil {
		def = time.UTC
	}
	if name == "" || name == "Local" {
		return def
	}
	loc, ok := e.zones[name]
	if !ok {
		l, err := time.LoadLocation(name)
		if err != nil {
			l = nil
		}
		e.zones[name] = l
		loc = l
	}
	if loc == nil {
		return def
	}
	return loc
}

// setWeek makes w the current week, computing its dates.
func (e *Evaluator) setWeek(w Week) {
	if e.weekOK && e.week == w {
		return
	}
	e.week, e.weekOK = w, true
	clear(e.bounds)
	y, m, d := w.monday()
	for i := range 7 {
		t := time.Date(y, m, d+i, 12, 0, 0, 0, time.UTC)
		e.dates[i] = t.Format(time.DateOnly)
		ty, tm, td := t.Date()
		e.civil[i] = civilOf(ty, tm, td)
	}
}

// dayBounds holds the local midnights of a week's days in one zone:
// [i] starts day i (0 = Monday) and [7] is the week's end.
type dayBounds struct {
	times [8]time.Time
	// offset holds the same boundaries as durations since times[0].
	offset [8]time.Duration
}

// dayBounds returns the day boundaries of the current week in loc.
func (e *Evaluator) dayBounds(loc *time.Location) *dayBounds {
	if b, ok := e.bounds[loc]; ok {
		return b
	}
	b := new(dayBounds)
	for i := range b.times {
		b.times[i] = e.week.day(i, loc)
		b.offset[i] = b.times[i].Sub(b.times[0])
	}
	e.bounds[loc] = b
	return b
}

// resetPerson empties the scratch space used for one person.
func (e *Evaluator) resetPerson() {
	if len(e.seen) > maxSeen {
		e.seen = make(map[string]struct{})
	} else {
		clear(e.seen)
	}
	e.projects = e.projects[:0]
	e.running = e.running[:0]
}

// addProject adds d of regular time to project id.
func (e *Evaluator) addProject(id string, d time.Duration, billable bool) {
	var b time.Duration
	if billable {
		b = d
	}
	for i := range e.projects {
		if e.projects[i].id == id {
			e.projects[i].total += d
			e.projects[i].billing += b
			return
		}
	}
	e.projects = append(e.projects, projectTotal{id: id, total: d, billing: b})
}
