package weekly

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// workedTime sums userID's regular entries in the week, per day. Finished
// entries come first, so that a stale running copy of a finished entry is
// recognised by its id; running timers stop at the earlier of now and the
// week's end.
func (e *Evaluator) workedTime(userID string, entries []store.Entry, b *dayBounds, now time.Time) worked {
	e.resetPerson()
	var tot worked
	for i := range entries {
		en := &entries[i]
		if en.UserID != userID || en.Start.IsZero() || !isRegular(en.Type) {
			continue
		}
		if en.Running() {
			e.running = append(e.running, i)
			continue
		}
		if e.counted(en.ID) {
			continue
		}
		e.add(&tot, b, en, en.End)
	}
	stop := b.times[7]
	if !now.IsZero() && now.Before(stop) {
		stop = now
	}
	for _, i := range e.running {
		en := &entries[i]
		if e.counted(en.ID) {
			continue
		}
		e.add(&tot, b, en, stop)
	}
	return tot
}

// counted reports whether an entry with this id was counted already, and
// remembers it; entries without an id are always counted.
func (e *Evaluator) counted(id string) bool {
	if id == "" {
		return false
	}
	if _, dup := e.seen[id]; dup {
		return true
	}
	e.seen[id] = struct{}{}
	return false
}

// holidayNames names the holidays that apply to u on each working day of
// the week ("" when none).
func (e *Evaluator) holidayNames(holidays []store.Holiday, u *store.User, work [7]bool) [7]string {
	var names [7]string
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
				names[k] = addName(names[k], name)
			}
		}
	}
	return names
}

// daysOff is the approved time off of each day of the week, in days, the
// hours of the requests made in hours, whether a request in days applies,, and the names of its policies.
type daysOff struct {
	days   [7]float64
	hours  [7]float64
	inDays [7]bool
	policy [7]string
}

// timeOffDays is userID's approved time off on the working days that are
// not holidays.
func timeOffDays(timeOff []store.TimeOff, userID string, work [7]bool, holiday [7]string, b *dayBounds, hoursPerDay float64) daysOff {
	var off daysOff
	for i := range timeOff {
		t := &timeOff[i]
		if t.UserID != userID || !strings.EqualFold(t.Status, "APPROVED") {
			continue
		}
		for k := range 7 {
			if !work[k] || holiday[k] != "" {
				continue
			}
			if v := timeOffOn(t, b.times[k], b.times[k+1], hoursPerDay); v > 0 {
				off.days[k] += v
				if strings.EqualFold(t.Unit, "HOURS") {
					off.hours[k] += v * hoursPerDay
				} else {
					off.inDays[k] = true
				}
				off.policy[k] = addName(off.policy[k], t.PolicyName)
			}
		}
	}
	return off
}

// fillDays writes the days of the week into res, with the holidays, the
// time off and the days off (a working day that has ended with no time
// and no full day of time off), and counts the holidays and the days of
// time off.
func (e *Evaluator) fillDays(res *Result, perDay [7]time.Duration, work [7]bool, holiday [7]string, off daysOff, b *dayBounds, now time.Time) (nHoliday int, nOff float64) {
	res.Days = make([]Day, 7)
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
		d := min(off.days[k], 1)
		if d > 0 {
			nOff += d
			t := TimeOffDay{Date: e.dates[k], Days: round2(d), Policy: off.policy[k]}
			if !off.inDays[k] && off.days[k] <= 1 {
				t.Hours = round2(off.hours[k])
			}
			res.TimeOff = append(res.TimeOff, t)
		}
		ended := now.IsZero() || !now.Before(b.times[k+1])
		if d < 1 && perDay[k] == 0 && ended {
			res.DaysOff = append(res.DaysOff, e.dates[k])
		}
	}
	return nHoliday, nOff
}

// targetHours is p's target (their own, else minHours) reduced in
// proportion to the working days taken by holidays and time off; absurd
// settings give 0.
func targetHours(p Person, minHours float64, work [7]bool, nHoliday int, nOff float64) float64 {
	base := minHours
	if p.TargetHours != nil {
		base = *p.TargetHours
	}
	nWork := 0
	for _, ok := range work {
		if ok {
			nWork++
		}
	}
	target := 0.0
	if nWork > 0 {
		target = max(0, base*(float64(nWork)-float64(nHoliday)-nOff)/float64(nWork))
	}
	if !(target <= maxTarget) { // NaN or absurd settings flag nobody
		target = 0
	}
	return target
}

// fillTotals writes the week's hours and target into res and the reasons
// to flag it: days off, time off, under hours. An excluded person is never
// flagged.
func fillTotals(res *Result, tot worked, target float64, excluded bool) {
	res.Hours = hours2(tot.total)
	res.TargetHours = round2(target)
	res.BillableHours = hours2(tot.billable)
	under := tot.total < time.Duration(math.Round(target*float64(time.Hour)))-tolerance
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
	res.Flagged = len(res.Reasons) > 0 && !excluded
}

// projectHours is the time per project of the person last evaluated,
// largest first.
func (e *Evaluator) projectHours() []ProjectHours {
	if len(e.projects) == 0 {
		return nil
	}
	out := make([]ProjectHours, len(e.projects))
	for i, pt := range e.projects {
		out[i] = ProjectHours{ProjectID: pt.id, Hours: hours2(pt.total), Billable: hours2(pt.billing)}
	}
	slices.SortFunc(out, func(a, b ProjectHours) int {
		if c := cmp.Compare(b.Hours, a.Hours); c != 0 {
			return c
		}
		return strings.Compare(a.ProjectID, b.ProjectID)
	})
	return out
}
