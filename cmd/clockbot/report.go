package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
)

// reportFlags are the options of `clockbot report`.
type reportFlags struct {
	week    weekly.Week
	json    bool
	send    bool
	dryRun  bool
	offline bool
}

// parseReportFlags reads [--week last|YYYY-Www] [--json] [--send] [--offline].
func parseReportFlags(args []string, now time.Time, stderr io.Writer) (reportFlags, error) {
	var f reportFlags
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	week := fs.String("week", "last", "the ISO week: last or YYYY-Www")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
	fs.BoolVar(&f.send, "send", false, "deliver through Slack exactly as the schedule does")
	fs.BoolVar(&f.offline, "offline", false, "do not sync first; use the data already stored")
	fs.BoolVar(&f.dryRun, "dry-run", false, "with --send: show who would be messaged, in which conversation, and send nothing")
	if err := fs.Parse(args); err != nil {
		return f, &usageError{msg: "report: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return f, &usageError{msg: fmt.Sprintf("report: unexpected argument %q", fs.Arg(0))}
	}
	if f.dryRun && !f.send {
		return f, &usageError{msg: "report: --dry-run goes with --send (clockbot report --send --dry-run)"}
	}
	if f.send && f.offline {
		return f, &usageError{msg: "report: --send needs fresh data and cannot be --offline"}
	}
	if *week == "last" {
		f.week = weekly.LastWeek(now)
		return f, nil
	}
	w, err := weekly.ParseWeek(*week)
	if err != nil {
		return f, &usageError{msg: fmt.Sprintf("report: --week: %v", err)}
	}
	f.week = w
	return f, nil
}

// runReport is `clockbot report`.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	rc, _ := cfg.reportConfig() // validated by loadConfig
	now := reportNow()
	f, err := parseReportFlags(args, now.In(rc.Params.DefaultLocation), stderr)
	if err != nil {
		return err
	}
	if f.send {
		if err := checkWeekEnded(f.week, now); err != nil {
			return err
		}
	}
	if f.send && cfg.SlackBotToken.Reveal() == "" {
		return &ConfigError{Var: "SLACK_BOT_TOKEN", Reason: "required by report --send"}
	}
	a, err := setup(ctx, cfg, stderr, setupOptions{offline: f.offline, slack: true, announceWaits: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if a.slackWarning != "" {
		fmt.Fprintln(stderr, "clockbot: warning:", a.slackWarning)
	}

	if f.dryRun {
		return dryRunSend(ctx, a, f.week, stdout)
	}
	var rep report.Report
	if f.send {
		if _, err := a.runner.RunWeek(ctx, f.week); err != nil {
			return err
		}
		rep, _, err = a.runner.FreshReport(ctx, f.week)
	} else {
		if !f.offline {
			from, to := f.week.Bounds()
			if _, err := a.syncer.Sync(ctx, syncer.Options{From: from, To: to}); err != nil {
				return fmt.Errorf("sync %s: %w (use --offline to report from the stored data)", f.week, err)
			}
		}
		var warn error
		if f.offline {
			rep, warn, err = a.reporter.Build(ctx, f.week, time.Now())
		} else {
			// Online: the flagged people's managers are refreshed first.
			rep, warn, err = a.runner.FreshReport(ctx, f.week)
		}
		if warn != nil && a.slackWarning == "" {
			fmt.Fprintln(stderr, "clockbot: warning: Slack could not be reached, slackUserId fields are empty:", warn)
		}
	}
	if err != nil {
		return err
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		return enc.Encode(rep)
	}
	return printReportTable(stdout, rep)
}

// printReportTable writes the readable form of a report.
func printReportTable(w io.Writer, rep report.Report) error {
	flagged := 0
	for _, u := range rep.Users {
		if u.Flagged {
			flagged++
		}
	}
	fmt.Fprintf(w, "Week %s (%s to %s): %d people, %d flagged\n\n", rep.Week, rep.From, rep.To, len(rep.Users), flagged)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tHOURS\tTARGET\tFLAGGED\tREASONS\tDAYS OFF\tMANAGERS")
	for _, u := range rep.Users {
		mark := ""
		switch {
		case u.Excluded:
			mark = "excluded"
		case u.Flagged:
			mark = "yes"
		}
		var managers []string
		for _, m := range u.Managers {
			managers = append(managers, firstNonEmpty(m.Email, m.SlackUserID, m.ClockifyUserID))
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%s\t%s\t%s\t%s\n", clean(u.Email), clean(u.Name), u.Hours, u.TargetHours, mark,
			strings.Join(u.Reasons, ","), strings.Join(u.DaysOff, ","), clean(strings.Join(managers, ",")))
	}
	return tw.Flush()
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean keeps control characters (a name with an escape sequence) out of
// the terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
