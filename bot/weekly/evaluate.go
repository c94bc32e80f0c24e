package weekly

import (
	"math"
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// tolerance is how far below target the hours may be before they count as
// under hours.
const tolerance = time.Minute

// maxTarget bounds the target so that it converts to a Duration; a larger
// or undefined target (from nonsense settings) is treated as 0.
const maxTarget = 1e6

// Evaluate evaluates p's week w with a fresh Evaluator. Prefer
// Evaluator.Evaluate when evaluating many people.
func Evaluate(p Person, w Week, entries []store.Entry, holidays []store.Holiday, timeOff []store.TimeOff, params Params) Result {
	return NewEvaluator().Evaluate(p, w, entries, holidays, timeOff, params)
}

// Evaluate evaluates p's week w. entries and timeOff may hold other
// people's items and items outside the week: only p's are used, clipped to
// the week in p's zone. Entries with the same non-empty id are counted
// once, a finished copy winning over a running one.
//
// It reads as its steps: the time worked, the holidays and the approved
// time off on working days, the days of the week (with the days off), the
// target those leave, the reasons to flag, and the time per project.
func (e *Evaluator) Evaluate(p Person, w Week, entries []store.Entry, holidays []store.Holiday, timeOff []store.TimeOff, params Params) Result {
	u := &p.User
	loc := e.location(u.TimeZone, params.DefaultLocation)
	e.setWeek(w)
	b := e.dayBounds(loc)
	res := Result{
		UserID: u.ID, Email: u.Email, Name: u.Name, TimeZone: loc.String(),
		Excluded: p.Excluded,
	}
	work := workdaysOfWeek(params.Workdays)
	tot := e.workedTime(u.ID, entries, b, params.Now)
	holiday := e.holidayNames(holidays, u, work)
	off := timeOffDays(timeOff, u.ID, work, holiday, b, params.hoursPerDay())
	nHoliday, nOff := e.fillDays(&res, tot.perDay, work, holiday, off, b, params.Now)
	target := targetHours(p, params.MinHours, work, nHoliday, nOff)
	fillTotals(&res, tot, target, p.Excluded)
	res.Projects = e.projectHours()
	return res
}

// worked is the regular time of one person.
type worked struct {
	perDay          [7]time.Duration
	total, billable time.Duration
}

// add adds entry en, ending at end, clipped to the week, to w.
func (e *Evaluator) add(w *worked, b *dayBounds, en *store.Entry, end time.Time) {
	if !en.Start.Before(b.times[7]) || !end.After(b.times[0]) || !en.Start.Before(end) {
		return
	}
	// Offsets from the week's start, which always fit a Duration.
	from, to := later(en.Start, b.times[0]).Sub(b.times[0]), earlier(end, b.times[7]).Sub(b.times[0])
	d := to - from
	w.total += d
	if en.Billable {
		w.billable += d
	}
	e.addProject(en.ProjectID, d, en.Billable)
	for k := range 7 {
		if from >= b.offset[k+1] {
			continue
		}
		if to <= b.offset[k+1] {
			w.perDay[k] += to - from
			return
		}
		w.perDay[k] += b.offset[k+1] - from
		from = b.offset[k+1]
	}
}

// workdaysOfWeek maps the working weekdays onto the week's days, Monday
// first. No days means Monday to Friday.
func workdaysOfWeek(days []time.Weekday) [7]bool {
	if len(days) == 0 {
		return [7]bool{true, true, true, true, true, false, false}
	}
	var work [7]bool
	for _, d := range days {
		if d >= time.Sunday && d <= time.Saturday {
			work[(int(d)+6)%7] = true
		}
	}
	return work
}

// isRegular reports whether an entry type is worked time.
func isRegular(typ string) bool { return typ == "" || strings.EqualFold(typ, "REGULAR") }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// hours2 returns d in hours rounded half up to 2 decimals, computed on
// whole durations so that 2h00m18s is exactly 2.01.
func hours2(d time.Duration) float64 {
	const hundredth = 36 * time.Second
	if d < 0 {
		return -hours2(-d)
	}
	return float64((d+hundredth/2)/hundredth) / 100
}

// round2 rounds v to 2 decimals.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
