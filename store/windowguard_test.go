package store

import (
	"slices"
	"testing"
	"time"
)

// streamWindow replaces [16, 17) through a Window fetched at asOf.
func streamWindow(t *testing.T, s *Store, asOf time.Time, es ...Entry) {
	t.Helper()
	w, err := s.BeginWindowAsOf(at(16, 0), at(17, 0), asOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(es); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestWindowTombstoneVersusStalePoll checks that a Window committed with
// data fetched before webhook changes neither resurrects a deleted entry,
// overwrites an updated one nor deletes a created one, as Apply's Batch.At.
func TestWindowTombstoneVersusStalePoll(t *testing.T) {
	e1 := entry("e1", "u1", at(16, 9), time.Hour)
	e2 := entry("e2", "u1", at(16, 12), time.Hour)
	s := newTestStore(t)
	streamWindow(t, s, at(16, 13), e1, e2)
	applyEntry(t, s, EntryEvent{Kind: EntryDeleted, Entry: Entry{ID: "e1", UserID: "u1"}, At: at(16, 14)})
	e2b := e2
	e2b.Description = "changed by webhook"
	applyEntry(t, s, EntryEvent{Kind: EntryUpdated, Entry: e2b, At: at(16, 14)})
	e3 := entry("e3", "u1", at(16, 15), time.Hour)
	applyEntry(t, s, EntryEvent{Kind: EntryCreated, Entry: e3, At: at(16, 16)})

	streamWindow(t, s, at(16, 13).Add(30*time.Minute), e1, e2) // fetched before the changes
	es := storedEntries(t, s, "u1")
	if !slices.Equal(ids(es), []string{"e2", "e3"}) {
		t.Fatalf("after a stale window: entries %v, want [e2 e3]", ids(es))
	}
	if es[0].Description != "changed by webhook" {
		t.Errorf("a stale window overwrote e2: %q", es[0].Description)
	}
	checkCount(t, s)

	streamWindow(t, s, at(16, 17), e1, e2) // fetched after: the truth again
	if es := storedEntries(t, s, "u1"); !slices.Equal(ids(es), []string{"e1", "e2"}) {
		t.Errorf("after a fresh window: entries %v, want [e1 e2]", ids(es))
	}
	checkCount(t, s)
}

// TestWindowMissing checks that Missing counts the stored entries of the
// range no Put has staged, those Commit would delete.
func TestWindowMissing(t *testing.T) {
	s := newTestStore(t)
	streamWindow(t, s, time.Time{}, entry("a", "u1", at(16, 9), time.Hour), entry("b", "u1", at(16, 10), time.Hour),
		entry("c", "u1", at(16, 11), time.Hour))
	w, err := s.BeginWindow(at(16, 0), at(17, 0))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, tc := range []struct {
		name string
		put  []Entry
		want int
	}{
		{"nothing put", nil, 3},
		{"one put", []Entry{entry("b", "u1", at(16, 10), time.Hour)}, 2},
		{"a new one put", []Entry{entry("d", "u1", at(16, 12), time.Hour)}, 2},
		{"all put", []Entry{entry("a", "u1", at(16, 9), time.Hour), entry("c", "u1", at(16, 11), time.Hour)}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := w.Put(tc.put); err != nil {
				t.Fatal(err)
			}
			if n, err := w.Missing(); err != nil || n != tc.want {
				t.Errorf("Missing() = %d, %v; want %d", n, err, tc.want)
			}
		})
	}
}
