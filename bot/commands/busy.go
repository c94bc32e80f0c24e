package commands

import (
	"context"
	"errors"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/timer"
)

// busyWait is how long a start or a stop may wait for its turns in
// Clockify's rate limit and still answer in the acknowledgement: its two
// Clockify calls and the ack come on top, within Slack's few seconds and a
// person's patience. Past it, the command answers at once and confirms
// through the response_url.
const busyWait = 100 * time.Millisecond

// requestsTime is what a start's or a stop's own Clockify requests may take
// once their turns have come, for the deadline check of book.
const requestsTime = 5 * time.Second

// busyNote ends a provisional answer.
const busyNote = " Clockify is busy; I'll confirm here in a few seconds."

// book reserves the Clockify requests of a start or a stop (doing is
// timer.DoingStart or timer.DoingStop) ahead of anyone asking later. When
// they would wait longer than busyWait, the command answers at once with
// provisional (slackapp.Defer), and its result replaces it when Clockify is
// done. Use the returned context for the start or the stop, then call
// release.
//
// When the turns would come too late for the command's deadline
// (timer.ErrTooBusy), nothing is done and tooBusy is the answer.
func (c *Commands) book(ctx context.Context, doing, provisional string) (_ context.Context, release func(), tooBusy string) {
	ctx, wait, release, err := c.timers.Book(ctx, doing, busyWait, requestsTime)
	if errors.Is(err, timer.ErrTooBusy) {
		return ctx, release, tooBusyText
	}
	if wait > busyWait && slackapp.Defer(ctx, cmdReply(provisional+busyNote)) {
		c.log.Info("clockify busy: answered at once, result to follow", "doing", doing, "wait", wait)
	}
	return ctx, release, ""
}

// tooBusyText answers a start or a stop that Clockify's rate limit would
// delay past the command's deadline.
const tooBusyText = "Clockify is too busy right now to take this in time, so I changed nothing. Please try again in a minute."

// startingText is the provisional answer of a start on projectID.
func (c *Commands) startingText(projectID string) string {
	if name, ok := report.ProjectLabel(c.store, projectID); ok {
		return "Starting your timer on *" + name + "*…"
	}
	return "Starting a timer without a project…"
}

// stoppingText is the provisional answer of a stop.
const stoppingText = "Stopping your timer…"
