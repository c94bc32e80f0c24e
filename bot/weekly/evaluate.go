package weekly

import (
	"cmp"
	"math"
	"slices"
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
	nWork := 0
	for _, ok := range work {
		if ok {
			nWork++
		}
	}

	// Worked time. Finished entries first, so that a stale running copy of
	// a finished entry is recognised by its id.
	e.resetPerson()
	var tot worked
	for i := range entries {
		en := &entries[i]
		if en.UserID != u.ID || en.Start.IsZero() || !isRegular(en.Type) {
			continue
		}
		if en.Running() {
			e.running = append(e.running, i)
			continue
		}
		if en.ID != "" {
			if _, dup := e.seen[en.ID]; dup {
				continue
			}
			e.seen[en.ID] = struct{}{}
		}
		e.add(&tot, b, en, en.End)
	}
	stop := b.times[7] // running timers stop at the earlier of now and the week's end
	if !params.Now.IsZero() && params.Now.Before(stop) {
		stop = params.Now
	}
	for _, i := range e.running {
		en := &entries[i]
		if en.ID != "" {
			if _, dup := e.seen[en.ID]; dup {
				continue
			}
			e.seen[en.ID] = struct{}{}
		}
		e.add(&tot, b, en, stop)
	}
	perDay, total, billable := tot.perDay, tot.total, tot.billable

	// Holidays on working days.
	var holiday [7]string // names; "" when not a holiday
	for i := range holidays {
		h := &holidays[i]
		if !holidayApplies(h, u) {
			continue
		}
		rule, ok := parseHoliday(h)
		if !ok {
			continue
		}
		for k := range 7 {
			if work[k] && rule.covers(e.civil[k]) {
				name := h.Name
				if name == "" {
					name = "Holiday"
				}
				holiday[k] = addName(holiday[k], name)
			}
		}
	}

	// Approved time off on working days that are not holidays.
	var off [7]float64
	var policy [7]string
	hoursPerDay := params.HoursPerDay
	if hoursPerDay <= 0 {
		hoursPerDay = DefaultHoursPerDay
	}
	for i := range timeOff {
		t := &timeOff[i]
		if t.UserID != u.ID || !strings.EqualFold(t.Status, "APPROVED") {
			continue
		}
		for k := range 7 {
			if !work[k] || holiday[k] != "" {
				continue
			}
			if v := timeOffOn(t, b.times[k], b.times[k+1], hoursPerDay); v > 0 {
				off[k] += v
				policy[k] = addName(policy[k], t.PolicyName)
			}
		}
	}

	// Days, holidays, time off and days off.
	res.Days = make([]Day, 7)
	var nHoliday int
	var nOff float64
	for k := range 7 {
		res.Days[k] = Day{Date: e.dates[k], Hours: hours2(perDay[k])}
		if !work[k] {
			continue
		}
		if holiday[k] != "" {
			nHoliday++
			res.Holidays = append(res.Holidays, HolidayDay{Date: e.dates[k], Name: holiday[k]})
			continue
		}
		off[k] = min(off[k], 1)
		if off[k] > 0 {
			nOff += off[k]
			res.TimeOff = append(res.TimeOff, TimeOffDay{Date: e.dates[k], Days: round2(off[k]), Policy: policy[k]})
		}
		ended := params.Now.IsZero() || !params.Now.Before(b.times[k+1])
		if off[k] < 1 && perDay[k] == 0 && ended {
			res.DaysOff = append(res.DaysOff, e.dates[k])
		}
	}

	// Target and reasons.
	base := params.MinHours
	if p.TargetHours != nil {
		base = *p.TargetHours
	}
	target := 0.0
	if nWork > 0 {
		target = max(0, base*(float64(nWork)-float64(nHoliday)-nOff)/float64(nWork))
	}
	if !(target <= maxTarget) { // NaN or absurd settings flag nobody
		target = 0
	}
	res.Hours = hours2(total)
	res.TargetHours = round2(target)
	res.BillableHours = hours2(billable)
	under := total < time.Duration(math.Round(target*float64(time.Hour)))-tolerance
	if len(res.DaysOff) > 0 || len(res.TimeOff) > 0 || under {
		res.Reasons = make([]string, 0, 3)
		if len(res.DaysOff) > 0 {
			res.Reasons = append(res.Reasons, ReasonDayOff)
		}
		if len(res.TimeOff) > 0 {
			res.Reasons = append(res.Reasons, ReasonTimeOff)
		}
		if under {
			res.Reasons = append(res.Reasons, ReasonUnderHours)
		}
	}
	res.Flagged = len(res.Reasons) > 0 && !p.Excluded

	// Projects.
	if len(e.projects) > 0 {
		res.Projects = make([]ProjectHours, len(e.projects))
		for i, pt := range e.projects {
			res.Projects[i] = ProjectHours{ProjectID: pt.id, Hours: hours2(pt.total), Billable: hours2(pt.billing)}
		}
		slices.SortFunc(res.Projects, func(a, b ProjectHours) int {
			if c := cmp.Compare(b.Hours, a.Hours); c != 0 {
				return c
			}
			return strings.Compare(a.ProjectID, b.ProjectID)
		})
	}
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
