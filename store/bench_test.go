package store

import (
	"fmt"
	"testing"
	"time"
)

// benchWeek fills s with users x perUser entries in the week of November
// 16, 2026 (eight per working day and user) and returns the week.
func benchWeek(b *testing.B, s *Store, users, perUser int) (from, to time.Time) {
	b.Helper()
	from, to = at(16, 0), at(23, 0)
	es := make([]Entry, 0, users*perUser)
	for u := range users {
		uid := fmt.Sprintf("user-%05d", u)
		for i := range perUser {
			start := from.Add(time.Duration(i/8)*24*time.Hour + time.Duration(8+i%8)*time.Hour)
			es = append(es, Entry{
				ID:          fmt.Sprintf("%s-e%02d", uid, i),
				UserID:      uid,
				ProjectID:   fmt.Sprintf("project-%02d", i%20),
				Description: "Implement the weekly report",
				Type:        "REGULAR",
				Billable:    i%2 == 0,
				Start:       start,
				End:         start.Add(50 * time.Minute),
			})
		}
	}
	mustApply(b, s, Batch{Windows: []EntryWindow{{From: from, To: to, Entries: es}}})
	return from, to
}

// BenchmarkForEachEntry reads a full week of 10,000 users and 40 entries
// each (400,000 entries), as the weekly report does.
func BenchmarkForEachEntry(b *testing.B) {
	const users, perUser = 10000, 40
	s := newTestStore(b)
	from, to := benchWeek(b, s, users, perUser)
	var n int
	for b.Loop() {
		n = 0
		if err := s.ForEachEntry(from, to, func(Entry) error {
			n++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if n != users*perUser {
			b.Fatalf("ForEachEntry() saw %d entries, want %d", n, users*perUser)
		}
	}
	b.ReportMetric(float64(n), "entries/op")
}

// BenchmarkEntriesForUser reads one user's week among 10,000 users.
func BenchmarkEntriesForUser(b *testing.B) {
	s := newTestStore(b)
	from, to := benchWeek(b, s, 10000, 40)
	for b.Loop() {
		es, err := s.EntriesForUser("user-04242", from, to)
		if err != nil || len(es) != 40 {
			b.Fatalf("EntriesForUser() = %d entries, %v; want 40", len(es), err)
		}
	}
}

// BenchmarkApplyWeekResync re-syncs a stored week of 1,000 users and 40
// entries each: one window deletes the 40,000 stored entries and inserts
// them again, as every sync pass does for the recent weeks.
func BenchmarkApplyWeekResync(b *testing.B) {
	s := newTestStore(b)
	from, to := benchWeek(b, s, 1000, 40)
	es := allEntries(b, s)
	for b.Loop() {
		mustApply(b, s, Batch{Windows: []EntryWindow{{From: from, To: to, Entries: es}}})
	}
	b.ReportMetric(float64(len(es)), "entries/op")
}
