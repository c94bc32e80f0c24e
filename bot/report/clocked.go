package report

import (
	"fmt"
	"math"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
)

// ReasonClockGap is the reason of a week whose clocked hours (the time
// clock's shifts) and tracked hours (Clockify) differ by more than
// ClockGapHours and by more than ClockGapShare of the larger: managers
// see it in the message's reasons and in Details. It does not flag a week
// on its own.
const ReasonClockGap = "clocked_vs_tracked"

// The gap between clocked and tracked hours that is worth a reason.
const (
	ClockGapHours = 2.0
	ClockGapShare = 0.2
)

// timeClockDaysOff reads the approved time off of the time clock between
// from and to, as Clockify time off of the mapped people: it lowers their
// target exactly like Clockify's, and the report names its policy "Time
// clock".
func (r *Builder) timeClockDaysOff(from, to time.Time) ([]store.TimeOff, error) {
	tc, err := r.store.TimeClockDaysOff(from, to)
	if err != nil {
		return nil, fmt.Errorf("read time-clock time off: %w", err)
	}
	return tc, nil
}

// addClocked sets ur's clocked hours from the time clock's shifts (minus
// manual breaks) between from and to in loc, when the person has any, and
// adds ReasonClockGap when they differ much from the tracked hours.
func (r *Builder) addClocked(ur *UserReport, from, to time.Time, loc *time.Location, now time.Time) error {
	byDay, err := r.store.ClockedByDay(ur.ClockifyUserID, from, to, loc, now)
	if err != nil {
		return fmt.Errorf("read clocked hours: %w", err)
	}
	if len(byDay) == 0 {
		return nil
	}
	var total time.Duration
	for _, d := range byDay {
		total += d
	}
	h := math.Round(total.Hours()*100) / 100
	ur.ClockedHours = &h
	gap := math.Abs(h - ur.Hours)
	if gap > ClockGapHours && gap > ClockGapShare*math.Max(h, ur.Hours) {
		ur.Reasons = append(ur.Reasons, ReasonClockGap)
	}
	return nil
}

// ClockedLine compares clocked and tracked hours, "" for a person without
// time-clock shifts in the week.
func ClockedLine(u UserReport) string {
	if u.ClockedHours == nil {
		return ""
	}
	return fmt.Sprintf(":stopwatch: *Clocked in:* %s h on the time clock · *tracked:* %s h in Clockify", slackui.Hours(*u.ClockedHours), slackui.Hours(u.Hours))
}
