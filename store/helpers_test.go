package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// newTestStore opens a new store in a temporary directory and closes it
// when the test ends.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() error: %v", err)
		}
	})
	return s
}

func mustApply(t testing.TB, s *Store, b Batch) {
	t.Helper()
	if err := s.Apply(b); err != nil {
		t.Fatalf("Apply() error: %v", err)
	}
}

// at returns an instant of November 2026 in UTC.
func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }

// entry returns a completed entry of user from start lasting d.
func entry(id, user string, start time.Time, d time.Duration) Entry {
	return Entry{ID: id, UserID: user, ProjectID: "p1", Description: "work " + id, Start: start, End: start.Add(d)}
}

// ids lists the ids of es.
func ids(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// allEntries returns every stored entry through ForEachEntry over a wide
// range.
func allEntries(t testing.TB, s *Store) []Entry {
	t.Helper()
	var out []Entry
	if err := s.ForEachEntry(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), func(e Entry) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("ForEachEntry() error: %v", err)
	}
	return out
}

// checkCount fails when CountEntries disagrees with the entries and both
// indexes actually stored.
func checkCount(t testing.TB, s *Store) {
	t.Helper()
	n, err := s.CountEntries()
	if err != nil {
		t.Fatalf("CountEntries() error: %v", err)
	}
	var keys [3]int
	if err := s.view(func(tx *bolt.Tx) error {
		for i, name := range [][]byte{bucketEntries, bucketEntriesByStart, bucketEntriesByID} {
			keys[i] = tx.Bucket(name).Stats().KeyN
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if keys != [3]int{n, n, n} {
		t.Errorf("CountEntries() = %d, but entries/by_start/by_id hold %v keys", n, keys)
	}
}
