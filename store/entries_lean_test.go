package store

import (
	"errors"

	"slices"
	"testing"
	"time"
)

// leanStore holds entries of u1, u10 (whose id extends u1's), u2 (one
// before the lookback, one after the range) and a running copy in the
// entries bucket.
func leanStore(t *testing.T) (*Store, time.Time, time.Time) {
	t.Helper()
	s := newTestStore(t)
	from, to := at(16, 0), at(23, 0)
	billable := entry("b", "u1", at(17, 9), time.Hour)
	billable.Billable, billable.ProjectID, billable.Type, billable.Description = true, "p1", "REGULAR", "a long description"
	running := entry("run", "u10", at(18, 9), 0)
	running.End = time.Time{}
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(30, 0), Entries: []Entry{
		entry("a", "u1", at(16, 9), time.Hour),
		billable,
		entry("late-sunday", "u1", at(15, 23), 2*time.Hour), // starts before, overlaps
		entry("x", "u10", at(17, 9), time.Hour),
		running,
		entry("old", "u2", at(5, 9), time.Hour),
		entry("after", "u2", at(24, 9), time.Hour),
		entry("in", "u2", at(20, 9), time.Hour),
	}}}})
	return s, from, to
}

func TestForEachUserEntriesMatchesForEachEntry(t *testing.T) {
	s, from, to := leanStore(t)
	want := map[string][]Entry{}
	if err := s.ForEachEntry(from, to, func(e Entry) error {
		want[e.UserID] = append(want[e.UserID], e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		users []string
	}{
		{"every user", []string{"u1", "u10", "u2"}},
		{"another order, unknown and repeated users", []string{"u2", "nobody", "u1", "u2"}},
		{"one user", []string{"u10"}},
		{"none", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var seen []int
			err := s.ForEachUserEntries(tc.users, from, to, func(i int, es []LeanEntry) error {
				seen = append(seen, i)
				w := want[tc.users[i]]
				if len(es) != len(w) {
					t.Fatalf("user %s: %d entries, want %d", tc.users[i], len(es), len(w))
				}
				for j, e := range es {
					got := Entry{ID: string(e.ID), UserID: w[j].UserID, ProjectID: e.ProjectID, Description: w[j].Description,
						Type: e.Type, Billable: e.Billable, Start: e.Start, End: e.End}
					if got != w[j] {
						t.Errorf("user %s entry %d = %+v, want %+v", tc.users[i], j, got, w[j])
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if wantSeen := seq(len(tc.users)); !slices.Equal(seen, wantSeen) {
				t.Errorf("fn called for %v, want %v", seen, wantSeen)
			}
		})
	}
}

func TestForEachUserEntriesStops(t *testing.T) {
	s, from, to := leanStore(t)
	stop := errors.New("enough")
	var calls int
	err := s.ForEachUserEntries([]string{"u1", "u10", "u2"}, from, to, func(int, []LeanEntry) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Errorf("ForEachUserEntries() = %v after %d calls, want the callback's error after 1", err, calls)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the callback's panic", r)
			}
		}()
		_ = s.ForEachUserEntries([]string{"u1"}, from, to, func(int, []LeanEntry) error { panic("boom") })
	}()
	if d := s.Damaged(); d != nil {
		t.Errorf("a panic in the callback marked the store damaged: %v", d)
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
