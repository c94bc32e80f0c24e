package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/syncer"
)

// progressLogEvery is the longest quiet spell between two progress log
// lines of a backfill in `clockbot run` (when windows come in that often).
const progressLogEvery = 10 * time.Second

// isTerminal reports whether w is a terminal (a character device), without
// any dependency: a pipe, a file or a buffer is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine is one line of `clockbot sync` progress.
func progressLine(p syncer.Progress) string {
	return fmt.Sprintf("sync: window %d/%d, %d entries, %d requests, %.1fs",
		p.Windows, p.Total, p.Entries, p.Requests, p.Elapsed.Seconds())
}

// terminalProgress returns the progress callback of `clockbot sync`: one
// line per report window on w when w is a terminal, else nil, so that
// scripts and logs get only the summary line.
func terminalProgress(w io.Writer) func(syncer.Progress) {
	if !writesToTerminal(w) {
		return nil
	}
	return func(p syncer.Progress) { fmt.Fprintln(w, progressLine(p)) }
}

// backfillProgressLogger returns the progress callback of `clockbot run`:
// while a pass backfills history, it logs at info level after the first
// window, then whenever progressLogEvery has passed on now since the last
// line, and after the last window. Ordinary passes log nothing here.
func backfillProgressLogger(log *slog.Logger, now func() time.Time) func(syncer.Progress) {
	var (
		mu   sync.Mutex
		last time.Time
	)
	return func(p syncer.Progress) {
		if !p.Backfill {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		t := now()
		if p.Windows != 1 && p.Windows != p.Total && t.Sub(last) < progressLogEvery {
			return
		}
		last = t
		log.Info("sync backfill progress", "windows_done", p.Windows, "windows_total", p.Total,
			"entries", p.Entries, "requests", p.Requests, "elapsed", p.Elapsed.Round(100*time.Millisecond))
	}
}

// writesToTerminal is isTerminal; tests replace it to see the lines a
// terminal would get.
var writesToTerminal = isTerminal
