package syncer

import "time"

// Progress is how far a sync pass has come, reported after each
// detailed-report window it fetched.
type Progress struct {
	// Windows is how many report windows are done, of Total.
	Windows, Total int
	// Entries is the time entries fetched so far.
	Entries int
	// Requests is the Clockify requests of the pass so far.
	Requests int64
	// Elapsed is the time since the pass started, on the Syncer's clock.
	Elapsed time.Duration
	// Backfill is true when the pass backfills history (a first run or
	// Options.BackfillDays), the long passes worth watching.
	Backfill bool
}

// windowCount is how many report windows a plan fetches.
func windowCount(p syncPlan) int {
	n := 0
	for _, r := range p.ranges {
		n += len(split(r.From, r.To))
	}
	return n
}
