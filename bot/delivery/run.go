package delivery

import (
	"context"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/report"
)

// Failure is one person whose weekly message could not be sent.
type Failure struct {
	UserID, Email, Name, Reason string
}

// Summary is the outcome of one delivery run.
type Summary struct {
	Week        string
	Flagged     int // flagged people in the report
	Delivered   int // messages sent (or found sent) by this run
	AlreadySent int // messages an earlier run had recorded as sent
	// Failed are the people who cannot get their message for a lasting
	// reason (no Slack account, deactivated, a rejected conversation).
	Failed []Failure
	// Pending are the people whose message waits on a passing failure
	// (Slack down, rate limited, a manager not looked up yet); a later run
	// retries them.
	Pending []Failure
	// DaysOffUnavailable: holidays and time off could not be read.
	DaysOffUnavailable bool
	// Elapsed is how long the run took, waits for Slack's rate limits
	// included.
	Elapsed time.Duration
}

// Deliver sends every flagged person of rep their weekly message, exactly
// once per week; rep's Slack accounts are already looked up
// (report.Builder.Build). Per-person Slack problems end up in the
// summary's Failed; an error is returned only when the store fails or ctx
// ends.
func (d *Deliverer) Deliver(ctx context.Context, rep report.Report) (sum Summary, err error) {
	return d.DeliverResolving(ctx, &rep, nil)
}

// DeliverResolving is Deliver for a report whose flagged people's Slack
// accounts are not looked up yet (report.Builder.BuildUnresolved): res
// looks each person and their managers up just before their message is
// sent, so the lookups of the next people overlap the conversations and
// posts of the people before them, each method paced to its own tier, and
// a run takes about as long as its slowest method rather than the lookups
// plus the delivery. The ids found are written into rep (the team digests
// group people by them); the flagged people this run did not reach get
// theirs from the cache. A nil res is Deliver.
func (d *Deliverer) DeliverResolving(ctx context.Context, rep *report.Report, res SlackResolver) (sum Summary, err error) {
	sum = Summary{Week: rep.Week, DaysOffUnavailable: rep.DaysOffUnavailable}
	var todo []*report.UserReport
	for i := range rep.Users {
		if u := &rep.Users[i]; u.Flagged {
			sum.Flagged++
			todo = append(todo, u)
		}
	}
	look := newLookups(res)
	defer look.settle(todo)
	var held []Failure // waiting on a lookup: no use retrying in this run
	prog := newProgress(d.log, d.now, rep.Week, len(todo))
	defer func() { sum.Elapsed = prog.elapsed() }()
	for pass := 0; ; pass++ {
		var again []*report.UserReport
		var retry []Failure
		limited := "" // why Slack still rate limits this pass after the transport's retries
		streak := 0   // people in a row a Slack failure held back in this pass
		for _, u := range todo {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			if limited != "" {
				held = append(held, Failure{UserID: u.ClockifyUserID, Email: u.Email, Name: u.Name, Reason: limited})
				continue
			}
			if streak >= maxFailStreak {
				// Slack is down or hanging, not failing one person: the rest
				// wait for the next pass rather than each spend the
				// transport's attempts, so a run's length does not grow with
				// the number of people.
				again = append(again, u)
				retry = append(retry, Failure{UserID: u.ClockifyUserID, Email: u.Email, Name: u.Name,
					Reason: fmt.Sprintf("not tried: Slack failed for the %d people before", streak)})
				continue
			}
			look.resolve(ctx, u)
			res, err := d.sendOnce(ctx, d.weeklyJob(rep.Week, *u, rep.DaysOffUnavailable))
			if err != nil {
				return sum, fmt.Errorf("deliver to %s: %w", u.ClockifyUserID, err)
			}
			f := Failure{UserID: u.ClockifyUserID, Email: u.Email, Name: u.Name, Reason: res.reason}
			if res.rateLimited {
				// The transport already waited out Retry-After on each of its
				// attempts: nothing more is asked of Slack in this run; the
				// weekly runner retries the pending people later.
				d.log.Warn("slack still rate limited after retries; the rest wait for the next attempt", "week", rep.Week, "user", u.ClockifyUserID, "reason", res.reason)
				limited = res.reason
				held = append(held, f)
				continue
			}
			switch res.outcome {
			case outcomeSent:
				sum.Delivered++
				d.observed(OutcomeDelivered)
				streak = 0
			case outcomeAlreadySent:
				sum.AlreadySent++
				d.observed(OutcomeAlreadySent)
				streak = 0
			case outcomePending:
				d.log.Warn("weekly message waits", "week", rep.Week, "user", u.ClockifyUserID, "reason", res.reason)
				if u.SlackPending != "" {
					held = append(held, f)
				} else {
					streak++
					again, retry = append(again, u), append(retry, f) // a Slack call failed: worth another try now
				}
			default:
				d.log.Warn("weekly message not delivered", "week", rep.Week, "user", u.ClockifyUserID, "reason", res.reason)
				sum.Failed = append(sum.Failed, f)
				d.observed(OutcomeFailed)
				streak = 0
			}
			if pass == 0 {
				prog.step(&sum)
			}
		}
		if len(again) == 0 || pass >= len(deliveryPassWaits) {
			sum.Pending = append(held, retry...)
			return sum, nil
		}
		d.log.Info("retrying weekly messages after a Slack failure", "week", rep.Week, "people", len(again), "wait", deliveryPassWaits[pass])
		if err := d.sleep(ctx, deliveryPassWaits[pass]); err != nil {
			return sum, err
		}
		todo = again
	}
}

// maxFailStreak is how many people in a row a Slack failure may hold back
// before the rest of a pass waits for the next one.
const maxFailStreak = 3

// deliveryPassWaits are the waits before the extra passes Deliver makes
// over the people a Slack failure held back.
var deliveryPassWaits = []time.Duration{5 * time.Second, 30 * time.Second}
