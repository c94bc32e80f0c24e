package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
)

// reportNow is the clock of `clockbot report`; tests replace it.
var reportNow = time.Now

// firstZone is UTC+14 (Line Islands), the first time zone where a week
// ends.
var firstZone = time.FixedZone("UTC+14", 14*60*60)

// checkWeekEnded refuses to send a week that has not ended anywhere yet: a
// week can be sent once it has ended in UTC+14, the first zone to finish
// it (Sunday 10:00 UTC). A stricter rule would hold back teams living in
// that zone; a looser one messaged everyone "0 h logged" for a week still
// running.
func checkWeekEnded(w weekly.Week, now time.Time) error {
	end := w.End(firstZone)
	if now.Before(end) {
		return &usageError{msg: fmt.Sprintf("report: week %s has not ended yet, so it cannot be sent: it ends first in UTC+14, at %s UTC; use --week last for the last finished week",
			w, end.UTC().Format("2006-01-02 15:04"))}
	}
	return nil
}

// planner is what a dry run needs from the deliverer.
type planner interface {
	Plan(rep report.Report) []delivery.PlannedMessage
}

// dryRunSend syncs week w and prints, for each flagged person, the
// conversation their weekly message would go to. Nothing is posted: the
// Slack calls are the read-only user lookups of the report.
func dryRunSend(ctx context.Context, a *app, w weekly.Week, stdout io.Writer) error {
	p, ok := a.deliverer.(planner)
	if !ok {
		return fmt.Errorf("report --dry-run: Slack is not connected (%s)", a.slackWarning)
	}
	from, to := w.Bounds()
	if _, err := a.syncer.Sync(ctx, syncer.Options{From: from, To: to}); err != nil {
		return fmt.Errorf("sync %s: %w", w, err)
	}
	rep, _, err := a.runner.FreshReport(ctx, w)
	if err != nil {
		return err
	}
	plan := p.Plan(rep)
	fmt.Fprintf(stdout, "Dry run for week %s (%s to %s): %d flagged, %d messages would be sent, nothing was sent.\n\n",
		rep.Week, rep.From, rep.To, len(plan), countSent(plan))
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tCONVERSATION")
	for _, m := range plan {
		where := m.Conversation
		if m.Skipped != "" {
			where = "not sent: " + m.Skipped
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", clean(m.Email), clean(m.Name), clean(where))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(plan) > 0 && a.cfg.ReportAdmins != "" {
		fmt.Fprintf(stdout, "\nThe admins (%s) would then get the delivery digest.\n", strings.Join(splitList(a.cfg.ReportAdmins), ", "))
	}
	return nil
}

func countSent(plan []delivery.PlannedMessage) int {
	n := 0
	for _, m := range plan {
		if m.Skipped == "" {
			n++
		}
	}
	return n
}
