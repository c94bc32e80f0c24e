package store

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkWindowResync re-syncs a stored week of 10,000 users and 40
// entries each (400,000 entries) through a Window in pages of 1,000, as
// the streaming sync does: unchanged, with 10% and with all of the entries
// changed.
// It reports the longest write transaction (what a /tt write could wait
// behind; the goal is 100 ms) and the file's growth over the first re-sync
// (the goal is at most 20%) of a file written in one batch, as the old sync
// left it.
func BenchmarkWindowResync(b *testing.B) {
	for _, changed := range []int{0, 10, 100} {
		b.Run(fmt.Sprintf("changed=%d%%", changed), func(b *testing.B) {
			s := newTestStore(b)
			es := weekEntries(10000, 40, "")
			mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
			before := fileSize(b, s)
			var longest time.Duration
			round := 0
			for b.Loop() {
				round++
				next := slices.Clone(es)
				for i := range next {
					if i%100 < changed {
						next[i].Description = fmt.Sprintf("changed in round %d", round)
					}
				}
				s.longestWrite.Store(0)
				putWindow(b, s, next, 1000, true)
				longest = max(longest, s.LongestWrite())
			}
			b.ReportMetric(float64(longest.Microseconds())/1000, "longest_tx_ms")
			b.ReportMetric(float64(fileSize(b, s))/float64(before), "file_growth")
			checkCount(b, s)
		})
	}
}

// BenchmarkApplyWindowResync10k is the old way for comparison: one
// Batch.Windows replace of the same 400,000 entries, in one transaction.
func BenchmarkApplyWindowResync10k(b *testing.B) {
	s := newTestStore(b)
	es := weekEntries(10000, 40, "")
	mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
	before := fileSize(b, s)
	var longest time.Duration
	for b.Loop() {
		s.longestWrite.Store(0)
		mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
		longest = max(longest, s.LongestWrite())
	}
	b.ReportMetric(float64(longest.Microseconds())/1000, "longest_tx_ms")
	b.ReportMetric(float64(fileSize(b, s))/float64(before), "file_growth")
}

// BenchmarkPruneBefore deletes a stored week of 400,000 entries with
// PruneBefore and reports its longest write transaction.
func BenchmarkPruneBefore(b *testing.B) {
	s := newTestStore(b)
	es := weekEntries(10000, 40, "")
	var longest time.Duration
	for b.Loop() {
		b.StopTimer()
		mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
		s.longestWrite.Store(0)
		b.StartTimer()
		n, err := s.PruneBefore(at(23, 0))
		if err != nil || n != len(es) {
			b.Fatalf("PruneBefore() = %d, %v; want %d", n, err, len(es))
		}
		longest = max(longest, s.LongestWrite())
	}
	b.ReportMetric(float64(longest.Microseconds())/1000, "longest_tx_ms")
}
