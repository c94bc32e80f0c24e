package commands

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
)

// busyWait is how long a start or a stop may wait for its turns in
// Clockify's rate limit and still answer in the acknowledgement: its two
// Clockify calls and the ack come on top, within Slack's few seconds and a
// person's patience. Past it, the command answers at once and confirms
// through the response_url.
const busyWait = 200 * time.Millisecond

// busyNote ends a provisional answer.
const busyNote = " Clockify is busy; I'll confirm here in a few seconds."

// book reserves the Clockify requests of a start or a stop (doing is
// timer.DoingStart or timer.DoingStop) ahead of anyone asking later. When
// they would wait longer than busyWait, the command answers at once with
// provisional (slackapp.Defer), and its result replaces it when Clockify is
// done. Use the returned context for the start or the stop, then call
// release.
func (c *Commands) book(ctx context.Context, doing, provisional string) (context.Context, func()) {
	ctx, wait, release := c.timers.Reserve(ctx, doing)
	if wait > busyWait && slackapp.Defer(ctx, cmdReply(provisional+busyNote)) {
		c.log.Info("clockify busy: answered at once, result to follow", "doing", doing, "wait", wait)
	}
	return ctx, release
}

// startingText is the provisional answer of a start on projectID.
func (c *Commands) startingText(projectID string) string {
	if name, ok := report.ProjectLabel(c.store, projectID); ok {
		return "Starting your timer on *" + name + "*…"
	}
	return "Starting a timer without a project…"
}

// stoppingText is the provisional answer of a stop.
const stoppingText = "Stopping your timer…"
