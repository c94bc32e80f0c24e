package store

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// writeTimes collects the length of every write transaction of a Store.
type writeTimes struct{ d []time.Duration }

func (w *writeTimes) reset()               { w.d = w.d[:0] }
func (w *writeTimes) note(d time.Duration) { w.d = append(w.d, d) }
func (w *writeTimes) report(b *testing.B) {
	if len(w.d) == 0 {
		return
	}
	slices.Sort(w.d)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(w.d[len(w.d)/2]), "p50_tx_ms")
	b.ReportMetric(ms(w.d[(len(w.d)*99+99)/100-1]), "p99_tx_ms")
	b.ReportMetric(ms(w.d[len(w.d)-1]), "longest_tx_ms")
	b.ReportMetric(float64(len(w.d)), "tx/op")
}

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
			s = reopen(b, s)
			before := fileSize(b, s)
			var wt writeTimes
			s.onWrite = wt.note
			round := 0
			for b.Loop() {
				round++
				next := slices.Clone(es)
				for i := range next {
					if i%100 < changed {
						next[i].Description = fmt.Sprintf("changed in round %d", round)
					}
				}
				wt.reset()
				putWindow(b, s, next, 1000, true)
			}
			wt.report(b)
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
	var wt writeTimes
	s.onWrite = wt.note
	for b.Loop() {
		wt.reset()
		mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
	}
	wt.report(b)
	b.ReportMetric(float64(fileSize(b, s))/float64(before), "file_growth")
}

// BenchmarkPruneBefore deletes a stored week of 400,000 entries with
// PruneBefore and reports its longest write transaction.
func BenchmarkPruneBefore(b *testing.B) {
	s := newTestStore(b)
	es := weekEntries(10000, 40, "")
	var wt writeTimes
	for b.Loop() {
		b.StopTimer()
		mustApply(b, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
		s = reopen(b, s)
		s.onWrite = wt.note
		wt.reset()
		b.StartTimer()
		n, err := s.PruneBefore(at(23, 0))
		if err != nil || n != len(es) {
			b.Fatalf("PruneBefore() = %d, %v; want %d", n, err, len(es))
		}
	}
	wt.report(b)
}

// reopen closes s and opens its file again, as a restarted bot does: the
// store maps the file with room to grow (initialMmapSize).
func reopen(b *testing.B, s *Store) *Store {
	b.Helper()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	s2, err := Open(s.Path())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s2.Close() })
	return s2
}
