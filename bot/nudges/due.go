package nudges

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// tolerance is how far under a figure still counts as reaching it, as in
// the weekly rules.
const tolerance = 1.0 / 60

// SendDue sends the daily nudges and the heads-ups that are due now in
// each person's own zone (their Clockify zone, the one their week is
// evaluated in): at their time or up to 10 minutes later. Each DM is
// claimed in the ledger before it is sent and given back when sending
// fails, so a person gets at most one nudge a day and one heads-up a week,
// even across restarts. The scheduler calls it every minute. It returns
// the problems met, after trying everyone.
func (n *Nudges) SendDue(ctx context.Context) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	def, err := DefaultOn(n.store)
	if err != nil {
		return fmt.Errorf("nudges: %w", err)
	}
	now := n.now()
	problems, err := people.ForEachReachable(ctx, n.store, func(u store.User, su store.SlackUser) error {
		p, err := LoadPrefs(n.store, su.SlackID)
		if err != nil {
			return err
		}
		local := now.In(n.weeks.Location(u))
		at := p.NudgeAt
		if at == "" {
			at = DefaultNudgeAt
		}
		var errs []error
		if p.nudgeOn(def) && due(at, local) {
			if err := n.nudge(ctx, u, su.SlackID, p, local); err != nil {
				errs = append(errs, fmt.Errorf("nudge of %s: %w", su.SlackID, err))
			}
		}
		if n.cfg.HeadsUp != "" && !p.HeadsUpOff && local.Weekday() == weekly.LastWorkday(n.weeks.Params().Workdays) && due(n.cfg.HeadsUp, local) {
			if err := n.headsUp(ctx, u, su.SlackID, local); err != nil {
				errs = append(errs, fmt.Errorf("heads-up of %s: %w", su.SlackID, err))
			}
		}
		return errors.Join(errs...)
	})
	if err != nil {
		return fmt.Errorf("nudges: %w", err)
	}
	return errors.Join(problems...)
}

// day is one local date: its noon (to find its week) and "2006-01-02".
func day(local time.Time, offset int) (noon time.Time, date string) {
	y, m, d := local.Date()
	noon = time.Date(y, m, d+offset, 12, 0, 0, 0, local.Location())
	return noon, noon.Format(time.DateOnly)
}

// evaluate is u's week containing the local day noon, evaluated at now by
// the report's one evaluation.
func (n *Nudges) evaluate(u store.User, noon, now time.Time) (report.UserReport, error) {
	reps, err := n.weeks.Users([]store.User{u}, weekly.WeekOf(noon), now)
	if err != nil {
		return report.UserReport{}, fmt.Errorf("evaluate week: %w", err)
	}
	return reps[u.ID], nil
}

// dayHours is the hours of date in a week's days.
func dayHours(r report.UserReport, date string) float64 {
	i := slices.IndexFunc(r.Days, func(d weekly.Day) bool { return d.Date == date })
	if i < 0 {
		return 0
	}
	return r.Days[i].Hours
}

// nudge sends u's daily nudge when yesterday, a working day for them, is
// under its share of the target, today is not a day off and they are not
// on the exception list or snoozed.
func (n *Nudges) nudge(ctx context.Context, u store.User, slackID string, p Prefs, local time.Time) error {
	now := n.now()
	todayNoon, today := day(local, 0)
	if p.SnoozedUntil != "" && today <= p.SnoozedUntil {
		return nil
	}
	workdays := n.weeks.Params().Workdays
	tr, err := n.evaluate(u, todayNoon, now)
	if err != nil {
		return err
	}
	if tr.Excluded {
		return nil
	}
	if _, working := weekly.DayShare(tr.TargetHours, tr.Holidays, tr.TimeOff, workdays, today); !working {
		return nil
	}
	yNoon, yesterday := day(local, -1)
	yr := tr
	if weekly.WeekOf(yNoon) != weekly.WeekOf(todayNoon) {
		if yr, err = n.evaluate(u, yNoon, now); err != nil {
			return err
		}
	}
	share, working := weekly.DayShare(yr.TargetHours, yr.Holidays, yr.TimeOff, workdays, yesterday)
	logged := dayHours(yr, yesterday)
	if !working || share <= 0 || logged >= share-tolerance {
		return nil
	}
	key := store.NudgeSentKey(slackID)
	claimed, prev, err := claim(n.store, key, today, now)
	if err != nil || !claimed {
		return err
	}
	text, blocks := nudgeMessage(yNoon, yesterday, logged, share)
	if err := n.dm(ctx, slackID, text, blocks...); err != nil {
		if undo := release(n.store, key, today, prev); undo != nil {
			n.log.Warn("nudge: give back the ledger record", "user", slackID, "err", undo)
		}
		return err
	}
	n.log.Info("nudge sent", "user", slackID, "date", yesterday)
	return nil
}

// headsUp sends u the heads-up when their week, as it stands, would be
// flagged on Monday for something they can still change (hours under
// target or a day without time).
func (n *Nudges) headsUp(ctx context.Context, u store.User, slackID string, local time.Time) error {
	now := n.now()
	noon, _ := day(local, 0)
	r, err := n.evaluate(u, noon, now)
	if err != nil {
		return err
	}
	if !r.Flagged || !(slices.Contains(r.Reasons, weekly.ReasonUnderHours) || slices.Contains(r.Reasons, weekly.ReasonDayOff)) {
		return nil
	}
	week := weekly.WeekOf(noon).String()
	key := store.HeadsUpSentKey(slackID)
	claimed, prev, err := claim(n.store, key, week, now)
	if err != nil || !claimed {
		return err
	}
	text, blocks := headsUpMessage(r, week, noon.Format(time.DateOnly))
	if err := n.dm(ctx, slackID, text, blocks...); err != nil {
		if undo := release(n.store, key, week, prev); undo != nil {
			n.log.Warn("heads-up: give back the ledger record", "user", slackID, "err", undo)
		}
		return err
	}
	n.log.Info("heads-up sent", "user", slackID, "week", week)
	return nil
}
