package store

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestApplyWindowReplacesEntries(t *testing.T) {
	s := newTestStore(t)
	w0From, w0To := at(9, 0), at(16, 0) // the week before
	w1From, w1To := at(16, 0), at(23, 0)
	mustApply(t, s, Batch{Windows: []EntryWindow{
		{From: w0From, To: w0To, Entries: []Entry{
			entry("old", "u1", at(10, 9), time.Hour),
			entry("moved", "u1", at(15, 9), time.Hour), // later edited into week 1
			entry("u2-old", "u2", at(11, 9), time.Hour),
		}},
		{From: w1From, To: w1To, Entries: []Entry{
			entry("keep", "u1", at(16, 9), time.Hour),
			entry("edit", "u1", at(17, 9), time.Hour),
			entry("gone", "u1", at(18, 9), time.Hour),
			entry("u2-keep", "u2", at(17, 9), 2*time.Hour),
			entry("u3-gone", "u3", at(17, 9), time.Hour),
		}},
	}})
	checkCount(t, s)

	edited := entry("edit", "u1", at(19, 10), 3*time.Hour) // same id, new start
	edited.Description = "edited"
	moved := entry("moved", "u1", at(20, 9), time.Hour)
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: w1From, To: w1To, Entries: []Entry{
		entry("keep", "u1", at(16, 9), time.Hour),
		edited,
		moved,
		entry("u2-keep", "u2", at(17, 9), 2*time.Hour),
		entry("new", "u2", at(18, 8), time.Hour),
	}}}})
	checkCount(t, s)

	tests := []struct {
		user     string
		from, to time.Time
		want     []string
	}{
		{"u1", w1From, w1To, []string{"keep", "edit", "moved"}},
		{"u1", w0From, w0To, []string{"old"}}, // the other window is untouched, "moved" left it
		{"u2", w1From, w1To, []string{"u2-keep", "new"}},
		{"u2", w0From, w0To, []string{"u2-old"}},
		{"u3", w0From, w1To, []string{}},
	}
	for _, tc := range tests {
		es, err := s.EntriesForUser(tc.user, tc.from, tc.to)
		if err != nil {
			t.Fatalf("EntriesForUser(%s) error: %v", tc.user, err)
		}
		if got := ids(es); !slices.Equal(got, tc.want) {
			t.Errorf("EntriesForUser(%s, %v, %v) = %v, want %v", tc.user, tc.from, tc.to, got, tc.want)
		}
	}
	es, _ := s.EntriesForUser("u1", at(19, 0), at(20, 0))
	if len(es) != 1 || !reflect.DeepEqual(es[0], edited) {
		t.Errorf("edited entry = %+v, want %+v", es, edited)
	}
	if n, err := s.CountEntries(); err != nil || n != 7 {
		t.Errorf("CountEntries() = %d, %v; want 7", n, err)
	}
}

func TestEntriesForUserRange(t *testing.T) {
	s := newTestStore(t)
	from, to := at(16, 0), at(23, 0)
	running := Entry{ID: "running", UserID: "u1", Start: at(20, 8)}
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(30, 0), Entries: []Entry{
		entry("across-start", "u1", at(15, 23), 2*time.Hour), // Sunday 23:00 to Monday 01:00
		entry("ends-at-from", "u1", at(15, 22), 2*time.Hour),
		entry("inside", "u1", at(17, 9), time.Hour),
		entry("across-end", "u1", at(22, 23), 2*time.Hour),
		entry("starts-at-to", "u1", at(23, 0), time.Hour),
		entry("too-long", "u1", from.Add(-8*24*time.Hour), 9*24*time.Hour), // beyond the 7-day lookback
		entry("empty-at-from", "u1", from, 0),
		running,
		entry("other-user", "u10", at(17, 9), time.Hour), // "u1" is a prefix of "u10"
	}}}})

	es, err := s.EntriesForUser("u1", from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"across-start", "empty-at-from", "inside", "across-end"}
	if got := ids(es); !slices.Equal(got, want) {
		t.Errorf("EntriesForUser() = %v, want %v (completed entries overlapping the week)", got, want)
	}

	var got []string
	if err := s.ForEachEntry(from, to, func(e Entry) error {
		got = append(got, e.UserID+"/"+e.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want = []string{"u1/across-start", "u1/empty-at-from", "u1/inside", "u1/running", "u1/across-end", "u10/other-user"}
	if !slices.Equal(got, want) {
		t.Errorf("ForEachEntry() = %v, want %v", got, want)
	}
	if es, _ := s.EntriesForUser("nobody", from, to); len(es) != 0 {
		t.Errorf("EntriesForUser(nobody) = %v, want none", es)
	}
}

func TestForEachEntryOrderAndStop(t *testing.T) {
	s := newTestStore(t)
	// Stored out of order, with older and later entries that must be skipped.
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(30, 0), Entries: []Entry{
		entry("b2", "b", at(18, 9), time.Hour),
		entry("a-late", "a", at(28, 9), time.Hour),
		entry("c1", "c", at(16, 9), time.Hour),
		entry("a2", "a", at(17, 9), time.Hour),
		entry("a-old", "a", at(2, 9), time.Hour),
		entry("a1", "a", at(16, 9), time.Hour),
		entry("b1", "b", at(16, 9), time.Hour),
		entry("b-old", "b", at(3, 9), time.Hour),
	}}}})
	var got []string
	if err := s.ForEachEntry(at(16, 0), at(23, 0), func(e Entry) error {
		got = append(got, e.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a1", "a2", "b1", "b2", "c1"}; !slices.Equal(got, want) {
		t.Errorf("ForEachEntry() order = %v, want %v", got, want)
	}

	errFull := errors.New("full")
	calls := 0
	err := s.ForEachEntry(at(16, 0), at(23, 0), func(Entry) error {
		calls++
		if calls == 2 {
			return errFull
		}
		return nil
	})
	if err != errFull || calls != 2 {
		t.Errorf("ForEachEntry() with a failing fn = %v after %d calls, want %v after 2", err, calls, errFull)
	}
}

func TestPutEntry(t *testing.T) {
	s := newTestStore(t)
	first := entry("e1", "u1", at(16, 9), time.Hour)
	if err := s.PutEntry(first); err != nil {
		t.Fatal(err)
	}
	// The same id again, with another start and user: it replaces the first.
	second := entry("e1", "u2", at(17, 14), 2*time.Hour)
	if err := s.PutEntry(second); err != nil {
		t.Fatal(err)
	}
	checkCount(t, s)
	if got := allEntries(t, s); !reflect.DeepEqual(got, []Entry{second}) {
		t.Errorf("entries after PutEntry twice = %+v, want only %+v", got, second)
	}
	// A window over the old start leaves the moved entry alone; one over the
	// new start deletes it.
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(17, 0), Entries: []Entry{}}}})
	if got := allEntries(t, s); len(got) != 1 {
		t.Errorf("entries after replacing the old start's window = %v, want 1", ids(got))
	}
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(17, 0), To: at(18, 0), Entries: []Entry{}}}})
	if got := allEntries(t, s); len(got) != 0 {
		t.Errorf("entries after replacing the new start's window = %v, want none", ids(got))
	}
	checkCount(t, s)

	for _, bad := range []Entry{
		{UserID: "u1", Start: at(16, 9)},
		{ID: "e2", Start: at(16, 9)},
		{ID: "e2", UserID: "u1"},
		{ID: "e2", UserID: "u\x001", Start: at(16, 9)},
	} {
		if err := s.PutEntry(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("PutEntry(%+v) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestRunning(t *testing.T) {
	s := newTestStore(t)
	r1 := Entry{ID: "r1", UserID: "u1", ProjectID: "p1", Start: at(16, 9)}
	r2 := Entry{ID: "r2", UserID: "u2", Start: at(16, 10), Billable: true}
	for _, e := range []Entry{r2, r1} {
		if err := s.PutRunning(e, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.Running(); err != nil || !reflect.DeepEqual(got, []Entry{r1, r2}) {
		t.Errorf("Running() = %+v, %v; want %+v", got, err, []Entry{r1, r2})
	}
	r1b := Entry{ID: "r1b", UserID: "u1", Start: at(16, 11)}
	if err := s.PutRunning(r1b, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := s.RunningFor("u1"); err != nil || !ok || !reflect.DeepEqual(got, r1b) {
		t.Errorf("RunningFor(u1) = %+v, %v, %v; want %+v", got, ok, err, r1b)
	}
	if err := s.DeleteRunning("u1", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRunning("u1", time.Now()); err != nil {
		t.Errorf("DeleteRunning() of nothing error: %v", err)
	}
	if _, ok, err := s.RunningFor("u1"); ok || err != nil {
		t.Errorf("RunningFor(u1) after delete = %v, %v; want not found", ok, err)
	}

	// nil leaves the timers, non-nil replaces them all.
	mustApply(t, s, Batch{Users: []User{}})
	if got, _ := s.Running(); !reflect.DeepEqual(got, []Entry{r2}) {
		t.Errorf("Running() after a batch without timers = %+v, want %+v", got, []Entry{r2})
	}
	r3 := Entry{ID: "r3", UserID: "u3", Start: at(17, 9)}
	mustApply(t, s, Batch{Running: []Entry{r3}})
	if got, _ := s.Running(); !reflect.DeepEqual(got, []Entry{r3}) {
		t.Errorf("Running() after replacing = %+v, want %+v", got, []Entry{r3})
	}
	mustApply(t, s, Batch{Running: []Entry{}})
	if got, _ := s.Running(); len(got) != 0 {
		t.Errorf("Running() after an empty set = %+v, want none", got)
	}
	if err := s.PutRunning(Entry{ID: "x"}, time.Now()); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutRunning() without user error = %v, want ErrInvalid", err)
	}
}

func TestValuesAreCopies(t *testing.T) {
	s := newTestStore(t)
	want := []Entry{entry("e1", "u1", at(16, 9), time.Hour), entry("e2", "u1", at(17, 9), time.Hour)}
	mustApply(t, s, Batch{
		Users:   []User{{ID: "u1", Email: "ann@example.com", GroupIDs: []string{"g1"}}},
		Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: want}},
	})
	es, err := s.EntriesForUser("u1", at(16, 0), at(23, 0))
	if err != nil {
		t.Fatal(err)
	}
	var seen []Entry
	if err := s.ForEachEntry(at(16, 0), at(23, 0), func(e Entry) error {
		seen = append(seen, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	us, err := s.Users()
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite the pages those values came from many times over.
	for i := range 50 {
		var filler []Entry
		for j := range 100 {
			e := entry("f"+string(rune('a'+i%26))+string(rune('a'+j%26))+string(rune('0'+j/26)), "u9", at(2, 0).Add(time.Duration(i*100+j)*time.Minute), time.Minute)
			e.Description = "overwrite overwrite overwrite overwrite"
			filler = append(filler, e)
		}
		mustApply(t, s, Batch{
			Users:   []User{{ID: "u2", Email: "zed@example.com", GroupIDs: []string{"zzzzzz"}}},
			Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0)}, {From: at(1, 0), To: at(9, 0), Entries: filler}},
		})
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("EntriesForUser() result changed after later writes: %+v, want %+v", es, want)
	}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("ForEachEntry() values changed after later writes: %+v, want %+v", seen, want)
	}
	if want := []User{{ID: "u1", Email: "ann@example.com", GroupIDs: []string{"g1"}}}; !reflect.DeepEqual(us, want) {
		t.Errorf("Users() result changed after later writes: %+v, want %+v", us, want)
	}

	// Mutating a result does not change the store.
	mustApply(t, s, Batch{Users: []User{{ID: "u1", Email: "ann@example.com", GroupIDs: []string{"g1"}}}})
	us, _ = s.Users()
	us[0].GroupIDs[0] = "mutated"
	us[0].Email = "mutated"
	again, _ := s.Users()
	if again[0].GroupIDs[0] != "g1" || again[0].Email != "ann@example.com" {
		t.Errorf("Users() after mutating an earlier result = %+v", again)
	}
}

func TestLocalTimerChangesWinOverOlderFetches(t *testing.T) {
	s := newTestStore(t)
	t0 := time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)
	fetched := Entry{ID: "old", UserID: "u1", Start: t0.Add(-time.Hour)}
	if err := s.Apply(Batch{Running: []Entry{fetched}, RunningAsOf: t0}); err != nil {
		t.Fatal(err)
	}
	// /tt start at t0+1m; a sync that fetched at t0+30s (before it) lands after.
	started := Entry{ID: "new", UserID: "u1", Start: t0.Add(time.Minute)}
	if err := s.PutRunning(started, started.Start); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(Batch{Running: []Entry{fetched}, RunningAsOf: t0.Add(30 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.RunningFor("u1"); !ok || got.ID != "new" {
		t.Errorf("after an older fetch RunningFor(u1) = %+v, %v; want the local start kept", got, ok)
	}
	// /tt stop at t0+2m; an older fetch still lists the timer: it stays stopped.
	if err := s.DeleteRunning("u1", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(Batch{Running: []Entry{started}, RunningAsOf: t0.Add(90 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.RunningFor("u1"); ok {
		t.Errorf("after an older fetch RunningFor(u1) = %+v; want the local stop kept", got)
	}
	// A fetch newer than the change is the truth again.
	later := Entry{ID: "later", UserID: "u1", Start: t0.Add(5 * time.Minute)}
	if err := s.Apply(Batch{Running: []Entry{later}, RunningAsOf: t0.Add(6 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.RunningFor("u1"); !ok || got.ID != "later" {
		t.Errorf("after a newer fetch RunningFor(u1) = %+v, %v; want the fetched timer", got, ok)
	}
	// And the mark is gone: an even older fetch now replaces freely.
	if err := s.Apply(Batch{Running: []Entry{}, RunningAsOf: t0}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.RunningFor("u1"); ok {
		t.Error("a stale change mark still protected the timer")
	}
}
