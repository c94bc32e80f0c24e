package delivery

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/weekly"
)

// Retries of people a passing Slack failure held back.
const (
	pendingRetryFirst = 2 * time.Minute
	pendingRetryMax   = 30 * time.Minute
)

// endOfReportDay is midnight after now in the schedule's time zone: people
// still pending then are given up for the week.
func (r *WeeklyRunner) endOfReportDay(now time.Time) time.Time {
	loc := r.schedule.Location
	if loc == nil {
		loc = time.UTC
	}
	l := now.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
}

// pendingBackoff is the wait before retry n (1-based) of pending people.
func pendingBackoff(n int) time.Duration {
	d := pendingRetryFirst
	for i := 1; i < n && d < pendingRetryMax; i++ {
		d *= 2
	}
	return min(d, pendingRetryMax)
}

// keepPending records that week w waits on sum's pending people and
// returns when to retry them.
func (r *WeeklyRunner) keepPending(w weekly.Week, rec runRecord, sum Summary, now time.Time) time.Time {
	if rec.PendingUntil.IsZero() {
		rec.PendingUntil = r.endOfReportDay(now)
	}
	rec.Attempts++
	rec.LastError = pendingText(sum.Pending)
	r.saveRecord(w, rec)
	next := now.Add(pendingBackoff(rec.Attempts - 1))
	if next.After(rec.PendingUntil) {
		next = rec.PendingUntil
	}
	r.log.Warn("weekly messages pending after a Slack failure", "week", w.String(), "pending", len(sum.Pending), "retry_at", next, "until", rec.PendingUntil)
	return next
}

// attemptPending retries the pending people of week w, or, past the end
// of the report day, gives them up and tells the admins.
func (r *WeeklyRunner) attemptPending(ctx context.Context, w weekly.Week, rec runRecord, now time.Time) (time.Time, error) {
	if !now.Before(rec.PendingUntil) {
		rec.Done = true
		r.saveRecord(w, rec)
		if r.deliverer != nil {
			msg := fmt.Sprintf(":warning: The weekly report for %s could not reach everyone by the end of the report day; given up for:\n%s", w, slackui.EscapeMrkdwn(rec.LastError))
			if err := r.deliverer.NotifyAdmins(ctx, msg); err != nil {
				r.log.Error("notify admins", "err", err)
			}
		}
		return time.Time{}, fmt.Errorf("weekly report %s: given up for people still pending: %s", w, rec.LastError)
	}
	sum, err := r.RunWeek(ctx, w)
	if err != nil {
		rec.Attempts++
		rec.LastError = err.Error()
		r.saveRecord(w, rec)
		return now.Add(pendingBackoff(rec.Attempts)), err
	}
	if len(sum.Pending) > 0 {
		return r.keepPending(w, rec, sum, now), nil
	}
	rec.Done, rec.LastError = true, ""
	r.saveRecord(w, rec)
	return time.Time{}, nil
}

// pendingText lists pending people, one "Name (email): reason" a line.
func pendingText(people []Failure) string {
	lines := make([]string, 0, len(people))
	for _, f := range people {
		lines = append(lines, fmt.Sprintf("• %s (%s): %s", firstNonBlank(f.Name, f.UserID), f.Email, f.Reason))
	}
	return strings.Join(lines, "\n")
}

// firstNonBlank returns the first non-empty value.
func firstNonBlank(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// SetSlackUnavailable records why the runner has no deliverer although a
// Slack token is set (Slack could not be reached at startup), so that a run
// says so instead of "not configured".
func (r *WeeklyRunner) SetSlackUnavailable(reason string) { r.slackDown = reason }

// noDeliveryReason says why the runner cannot deliver.
func (r *WeeklyRunner) noDeliveryReason() string {
	if r.slackDown != "" {
		return r.slackDown
	}
	return "Slack is not configured (SLACK_BOT_TOKEN)"
}
