package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/clockbot/clockbot/bot/syncer"
)

// parseSyncFlags reads [--days N]; 0 means no extra backfill.
func parseSyncFlags(args []string, stderr io.Writer) (days int, err error) {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&days, "days", 0, "backfill this many days (1-365) in this pass")
	if err := fs.Parse(args); err != nil {
		return 0, &usageError{msg: "sync: " + err.Error()}
	}
	if fs.NArg() > 0 {
		return 0, &usageError{msg: fmt.Sprintf("sync: unexpected argument %q", fs.Arg(0))}
	}
	if days < 0 || days > 365 {
		return 0, &usageError{msg: fmt.Sprintf("sync: --days %d is out of range 1-365", days)}
	}
	return days, nil
}

// runSync is `clockbot sync [--days N]`: one pass, one summary line.
func runSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	days, err := parseSyncFlags(args, stderr)
	if err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a, err := setup(ctx, cfg, stderr, setupOptions{announceWaits: true, progress: terminalProgress(stderr)})
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.syncer.Sync(ctx, syncer.Options{BackfillDays: days})
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	a.pruneOld(time.Now())
	// Every request of the command, the workspace check of setup included.
	requests := a.api.Requests()
	fmt.Fprintf(stdout, "synced users=%d projects=%d entries=%d holidays=%d timeoff=%d requests=%d in=%.1fs\n",
		res.Users, res.Projects, res.Entries, res.Holidays, res.TimeOff, requests, res.Took.Seconds())
	return nil
}
