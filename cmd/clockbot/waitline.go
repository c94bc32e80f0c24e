package main

import (
	"fmt"
	"time"

	"github.com/clockbot/clockbot/clockify"
)

// waitLine is what a command at a terminal prints when Clockify makes it
// wait, e.g. "clockbot: waiting 58m0s for Clockify's rate limit
// (Retry-After), until 10:58:00 UTC (GET .../users); Ctrl-C stops".
func waitLine(w clockify.Wait) string {
	return fmt.Sprintf("clockbot: waiting %s for %s, until %s (%s %s); Ctrl-C stops",
		w.Duration.Round(time.Second), w.Reason, w.Until.UTC().Format("15:04:05 MST"), w.Method, w.Path)
}
