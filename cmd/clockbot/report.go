package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
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
	// flaggedOnly and csv change the readable form: only the flagged
	// people, and CSV instead of a table.
	flaggedOnly bool
	csv         bool
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
	fs.BoolVar(&f.flaggedOnly, "flagged-only", false, "list only the flagged people")
	fs.BoolVar(&f.csv, "csv", false, "print CSV (RFC 4180), hours as decimals, instead of a table")
	if err := fs.Parse(args); err != nil {
		return f, &usageError{msg: "report: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return f, &usageError{msg: fmt.Sprintf("report: unexpected argument %q", fs.Arg(0))}
	}
	if f.csv && f.json {
		return f, &usageError{msg: "report: --csv and --json are two different outputs; give one"}
	}
	if f.flaggedOnly && f.json {
		return f, &usageError{msg: "report: --flagged-only goes with the table or --csv; --json always has everyone"}
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
		return &ConfigError{Var: "SLACK_BOT_TOKEN", Reason: "required by report --send (or SLACK_BOT_TOKEN_FILE)"}
	}
	a, err := setup(ctx, cfg, stderr, setupOptions{offline: f.offline, slack: true, announceWaits: true})
	if err != nil {
		return err
	}
	defer a.Close()
	// Only JSON shows Slack ids: the table and CSV need no warning about them.
	if a.slackWarning != "" && f.json {
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
		if warn != nil && a.slackWarning == "" && f.json {
			fmt.Fprintln(stderr, "clockbot: warning: Slack could not be reached, slackUserId fields are empty:", warn)
		}
	}
	if err != nil {
		return err
	}
	if err := checkHasData(a, rep); err != nil {
		return err
	}
	switch {
	case f.json:
		return json.NewEncoder(stdout).Encode(rep)
	case f.csv:
		return printReportCSV(stdout, rep, f.flaggedOnly)
	}
	return printReportTable(stdout, rep, f.flaggedOnly)
}

// checkHasData fails a report without people from a database that was
// never synced: an empty table would look like a week without problems.
func checkHasData(a *app, rep report.Report) error {
	if len(rep.Users) > 0 {
		return nil
	}
	status, err := a.store.SyncStatus()
	if err != nil {
		return fmt.Errorf("read sync status: %w", err)
	}
	if len(status.LastSuccess) == 0 {
		return fmt.Errorf("%s holds no synced data yet: run `clockbot sync` first (or report without --offline)", a.cfg.DB)
	}
	return nil
}
