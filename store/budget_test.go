package store

import (
	"fmt"
	"testing"
	"time"
)

// TestWriteBudget checks that the long jobs' write transactions stop when
// they have worked txWork, whatever their counts allow: with a clock on
// which every reading is an hour later (a machine too slow for any
// batching), each transaction moves one record and the job still ends
// with the right entries; with a clock that stands still the counts alone
// bound the transactions, as before.
func TestWriteBudget(t *testing.T) {
	const n = 40
	old := weekEntries(n/8, 8, "")                    // stored, vanish from the window
	fresh := make([]Entry, 0, n)                      // new in the window
	for _, e := range weekEntries(n/8, 8, " again") { // same users and starts, new ids
		e.ID += "-new"
		fresh = append(fresh, e)
	}
	for _, tc := range []struct {
		name string
		tick time.Duration // how far the clock moves at each reading
		// the fewest and the most write transactions each job may take
		minPut, maxPut, minCommit, maxCommit, minPrune, maxPrune int
	}{
		// Commit: mark, move n, scan 2n (the vanished and the new), drop n.
		{"slow machine", time.Hour, n, n, 4*n + 1, 4*n + 1, n, n},
		{"fast machine", 0, 1, 1, 3, 4, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: old}}})
			now := at(1, 0)
			s.clock = func() time.Time { now = now.Add(tc.tick); return now }
			txs := 0
			s.onWrite = func(time.Duration) { txs++ }
			count := func(job string, lo, hi int, fn func() error) {
				t.Helper()
				txs = 0
				if err := fn(); err != nil {
					t.Fatalf("%s: %v", job, err)
				}
				if txs < lo || txs > hi {
					t.Errorf("%s took %d write transactions, want %d..%d", job, txs, lo, hi)
				}
			}
			w, err := s.BeginWindow(at(16, 0), at(23, 0))
			if err != nil {
				t.Fatal(err)
			}
			count("Put", tc.minPut, tc.maxPut, func() error { return w.Put(fresh) })
			count("Commit", tc.minCommit, tc.maxCommit, w.Commit)
			if got := allEntries(t, s); !sameEntries(got, fresh) {
				t.Errorf("entries after Commit = %v, want %v", ids(got), ids(fresh))
			}
			checkCount(t, s)
			checkNoStaging(t, s)
			count("PruneBefore", tc.minPrune, tc.maxPrune, func() error {
				pruned, err := s.PruneBefore(at(23, 0))
				if err == nil && pruned != n {
					err = fmt.Errorf("pruned %d entries, want %d", pruned, n)
				}
				return err
			})
			if got := allEntries(t, s); len(got) != 0 {
				t.Errorf("entries after PruneBefore = %v, want none", ids(got))
			}
			checkCount(t, s)
		})
	}
}
