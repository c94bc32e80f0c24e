package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// weekEntries returns users x perUser entries in the week of November 16,
// 2026, with descriptions ending in tag.
func weekEntries(users, perUser int, tag string) []Entry {
	es := make([]Entry, 0, users*perUser)
	for u := range users {
		uid := fmt.Sprintf("user-%05d", u)
		for i := range perUser {
			start := at(16, 0).Add(time.Duration(i/8)*24*time.Hour + time.Duration(8+i%8)*time.Hour)
			es = append(es, Entry{ID: fmt.Sprintf("%s-e%02d", uid, i), UserID: uid, ProjectID: "p1",
				Description: "Implement the weekly report" + tag, Type: "REGULAR", Start: start, End: start.Add(50 * time.Minute)})
		}
	}
	return es
}

// putWindow stages es in a new window of the week in pages of page
// entries, then commits (or aborts) it.
func putWindow(t testing.TB, s *Store, es []Entry, page int, commit bool) {
	t.Helper()
	w, err := s.BeginWindow(at(16, 0), at(23, 0))
	if err != nil {
		t.Fatal(err)
	}
	for p := range slices.Chunk(es, page) {
		if err := w.Put(p); err != nil {
			t.Fatalf("Put() error: %v", err)
		}
	}
	if commit {
		err = w.Commit()
	} else {
		err = w.Abort()
	}
	if err != nil {
		t.Fatalf("Commit/Abort() error: %v", err)
	}
}

// TestWindowReplaces checks the outcome of a committed and an aborted
// window: kept, changed, new, vanished and outside entries.
func TestWindowReplaces(t *testing.T) {
	outside := entry("x", "u1", at(9, 9), time.Hour)
	stored := []Entry{entry("a", "u1", at(16, 9), time.Hour), entry("b", "u1", at(17, 9), time.Hour),
		entry("c", "u2", at(18, 9), time.Hour), outside}
	changed := entry("b", "u1", at(17, 10), 2*time.Hour) // moved within the week
	moved := entry("x", "u1", at(19, 9), time.Hour)      // moved into the week
	fetched := []Entry{stored[0], changed, entry("d", "u3", at(20, 9), time.Hour), moved}
	for _, tc := range []struct {
		name   string
		commit bool
		page   int
		want   []Entry
	}{
		{"commit in pages of 1", true, 1, []Entry{stored[0], changed, moved, entry("d", "u3", at(20, 9), time.Hour)}},
		{"commit in one page", true, 10, []Entry{stored[0], changed, moved, entry("d", "u3", at(20, 9), time.Hour)}},
		{"abort", false, 2, stored},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(30, 0), Entries: stored}}})
			putWindow(t, s, fetched, tc.page, tc.commit)
			got := allEntries(t, s)
			if !sameEntries(got, tc.want) {
				t.Errorf("entries = %v, want %v", ids(got), ids(tc.want))
			}
			checkCount(t, s)
			checkNoStaging(t, s)
		})
	}
}

// sameEntries compares two entry lists regardless of order.
func sameEntries(a, b []Entry) bool {
	key := func(e Entry) string {
		return fmt.Sprintf("%s|%s|%s|%v|%v", e.ID, e.UserID, e.Description, e.Start.UnixNano(), e.End.UnixNano())
	}
	ka, kb := []string{}, []string{}
	for _, e := range a {
		ka = append(ka, key(e))
	}
	for _, e := range b {
		kb = append(kb, key(e))
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// checkNoStaging fails when a window's staging is left in the file.
func checkNoStaging(t testing.TB, s *Store) {
	t.Helper()
	if err := s.view(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketEntryWindows).Stats().BucketN; n != 1 {
			t.Errorf("%d staging buckets left, want none", n-1)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestWindowLargeChunks checks a window of several transactions' worth of
// entries: 2,500 stored, 2,000 of them fetched again (500 changed) with
// 1,200 new, in pages of 1,000.
func TestWindowLargeChunks(t *testing.T) {
	s := newTestStore(t)
	old := weekEntries(50, 50, "")
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: old}}})
	fetched := slices.Clone(old[:2000])
	for i := range 500 {
		fetched[i].Description = "changed"
	}
	fetched = append(fetched, weekEntries(74, 50, "")[2500:]...)
	putWindow(t, s, fetched, 1000, true)
	if got := allEntries(t, s); !sameEntries(got, fetched) {
		t.Errorf("%d entries stored, want the %d fetched", len(got), len(fetched))
	}
	checkCount(t, s)
	checkNoStaging(t, s)
}

// TestWindowRecoveredAtOpen checks what Open does with windows left
// behind: one whose Commit had begun is applied, an open one dropped.
func TestWindowRecoveredAtOpen(t *testing.T) {
	stored := []Entry{entry("a", "u1", at(16, 9), time.Hour), entry("b", "u1", at(17, 9), time.Hour)}
	fetched := []Entry{entry("a", "u1", at(16, 9), 3*time.Hour), entry("c", "u1", at(18, 9), time.Hour)}
	for _, tc := range []struct {
		name       string
		committing bool
		want       []Entry
	}{
		{"committing", true, fetched},
		{"open", false, stored},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: stored}}})
			w, err := s.BeginWindow(at(16, 0), at(23, 0))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Put(fetched); err != nil {
				t.Fatal(err)
			}
			if tc.committing { // a crash right after Commit's first step
				if err := s.update(func(tx *bolt.Tx) error {
					return tx.Bucket(bucketEntryWindows).Bucket(w.key).Put(keyWindowState, []byte{windowCommitting})
				}); err != nil {
					t.Fatal(err)
				}
			}
			s.Close()
			s, err = Open(path)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer s.Close()
			if got := allEntries(t, s); !sameEntries(got, tc.want) {
				t.Errorf("entries after reopen = %v, want %v", got, tc.want)
			}
			checkCount(t, s)
			checkNoStaging(t, s)
		})
	}
}

// TestWindowRejects checks an invalid entry, a reversed range and a closed
// window.
func TestWindowRejects(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.BeginWindow(at(23, 0), at(16, 0)); err == nil {
		t.Error("BeginWindow(reversed) succeeded")
	}
	w, err := s.BeginWindow(at(16, 0), at(23, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put([]Entry{{ID: "", UserID: "u1", Start: at(16, 9)}}); err == nil {
		t.Error("Put(entry without id) succeeded")
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := w.Put([]Entry{entry("a", "u1", at(16, 9), time.Hour)}); err != ErrWindowClosed {
		t.Errorf("Put after Abort = %v, want ErrWindowClosed", err)
	}
	if n, _ := s.CountEntries(); n != 0 {
		t.Errorf("%d entries stored, want 0", n)
	}
}

// TestWindowResyncKeepsFileSize checks that re-syncing unchanged data
// through windows grows the file by at most 20%, where the old
// delete-and-insert grew it 1.8 times.
func TestWindowResyncKeepsFileSize(t *testing.T) {
	s := newTestStore(t)
	es := weekEntries(300, 40, "")
	putWindow(t, s, es, 1000, true)
	before := fileSize(t, s)
	for range 3 {
		putWindow(t, s, es, 1000, true)
	}
	after := fileSize(t, s)
	if float64(after) > 1.2*float64(before) {
		t.Errorf("file grew from %d to %d bytes re-syncing unchanged data, want at most +20%%", before, after)
	}
	checkCount(t, s)
}

func fileSize(t testing.TB, s *Store) int64 {
	t.Helper()
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestPruneBefore checks that entries older than the cutoff go, in several
// transactions, and the others stay.
func TestPruneBefore(t *testing.T) {
	s := newTestStore(t)
	old := weekEntries(30, 40, "")                   // the week of November 16
	recent := entry("r", "u1", at(24, 9), time.Hour) // after the cutoff
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(30, 0), Entries: append(slices.Clone(old), recent)}}})
	n, err := s.PruneBefore(at(23, 0))
	if err != nil || n != len(old) {
		t.Fatalf("PruneBefore() = %d, %v; want %d", n, err, len(old))
	}
	if got := allEntries(t, s); len(got) != 1 || got[0].ID != "r" {
		t.Errorf("entries after prune = %v, want [r]", ids(got))
	}
	checkCount(t, s)
}
