package store

import (
	"encoding/binary"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func applyEntry(t *testing.T, s *Store, ev EntryEvent) Outcome {
	t.Helper()
	out, err := s.ApplyEntryEvent(ev)
	if err != nil {
		t.Fatalf("ApplyEntryEvent(%+v) error: %v", ev, err)
	}
	return out
}

func storedEntries(t *testing.T, s *Store, user string) []Entry {
	t.Helper()
	es, err := s.EntriesForUser(user, at(1, 0), at(30, 0))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestApplyEntryEventOrder checks that redelivered and older events never
// overwrite a newer state, and that a deletion wins over everything but a
// later restore.
func TestApplyEntryEventOrder(t *testing.T) {
	e1 := entry("e1", "u1", at(16, 9), time.Hour)
	e1long := entry("e1", "u1", at(16, 9), 3*time.Hour)
	tests := []struct {
		name    string
		events  []EntryEvent
		want    []Outcome
		wantEnd time.Time // zero: entry absent
	}{
		{"create then update", []EntryEvent{
			{Kind: EntryCreated, Entry: e1, At: at(16, 10), Version: "v1"},
			{Kind: EntryUpdated, Entry: e1long, At: at(16, 11), Version: "v2"},
		}, []Outcome{Applied, Applied}, e1long.End},
		{"redelivered create after update", []EntryEvent{
			{Kind: EntryCreated, Entry: e1, At: at(16, 10), Version: "v1"},
			{Kind: EntryUpdated, Entry: e1long, At: at(16, 11), Version: "v2"},
			{Kind: EntryCreated, Entry: e1, At: at(16, 12), Version: "v1"},
		}, []Outcome{Applied, Applied, Redelivered}, e1long.End},
		{"older update arriving late", []EntryEvent{
			{Kind: EntryUpdated, Entry: e1long, At: at(16, 11), Version: "v2"},
			{Kind: EntryUpdated, Entry: e1, At: at(16, 10), Version: "v1"},
		}, []Outcome{Applied, Stale}, e1long.End},
		{"create arriving after an update", []EntryEvent{
			{Kind: EntryUpdated, Entry: e1long, At: at(16, 11), Version: "v2"},
			{Kind: EntryCreated, Entry: e1, At: at(16, 12), Version: "v1"},
		}, []Outcome{Applied, Stale}, e1long.End},
		{"update after delete", []EntryEvent{
			{Kind: EntryCreated, Entry: e1, At: at(16, 10), Version: "v1"},
			{Kind: EntryDeleted, Entry: Entry{ID: "e1"}, At: at(16, 11), Version: "v3"},
			{Kind: EntryUpdated, Entry: e1long, At: at(16, 12), Version: "v2"},
		}, []Outcome{Applied, Applied, Stale}, time.Time{}},
		{"restore after delete", []EntryEvent{
			{Kind: EntryCreated, Entry: e1, At: at(16, 10), Version: "v1"},
			{Kind: EntryDeleted, Entry: Entry{ID: "e1"}, At: at(16, 11), Version: "v3"},
			{Kind: EntryRestored, Entry: e1, At: at(16, 12), Version: "v4"},
		}, []Outcome{Applied, Applied, Applied}, e1.End},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			for i, ev := range tc.events {
				if got := applyEntry(t, s, ev); got != tc.want[i] {
					t.Errorf("event %d: outcome %q, want %q", i, got, tc.want[i])
				}
			}
			es := storedEntries(t, s, "u1")
			switch {
			case tc.wantEnd.IsZero() && len(es) != 0:
				t.Errorf("entries = %v, want none", es)
			case !tc.wantEnd.IsZero() && (len(es) != 1 || !es[0].End.Equal(tc.wantEnd)):
				t.Errorf("entries = %v, want one ending %v", es, tc.wantEnd)
			}
			checkCount(t, s)
		})
	}
}

// TestApplyEntryEventTimer checks that a started timer is the user's
// running timer and a stopped one an entry.
func TestApplyEntryEventTimer(t *testing.T) {
	s := newTestStore(t)
	run := Entry{ID: "e9", UserID: "u1", Start: at(16, 9)}
	applyEntry(t, s, EntryEvent{Kind: TimerStarted, Entry: run, At: at(16, 9), Version: "a"})
	if r, ok, _ := s.RunningFor("u1"); !ok || r.ID != "e9" {
		t.Fatalf("RunningFor(u1) = %v, %v; want e9", r, ok)
	}
	// A poll whose running timers were fetched before the start keeps it.
	mustApply(t, s, Batch{Running: []Entry{}, RunningAsOf: at(16, 8)})
	if _, ok, _ := s.RunningFor("u1"); !ok {
		t.Fatal("an older poll dropped the started timer")
	}
	stopped := run
	stopped.End = at(16, 10)
	applyEntry(t, s, EntryEvent{Kind: TimerStopped, Entry: stopped, At: at(16, 10), Version: "b"})
	if _, ok, _ := s.RunningFor("u1"); ok {
		t.Error("the timer still runs after TIMER_STOPPED")
	}
	if es := storedEntries(t, s, "u1"); !slices.Equal(ids(es), []string{"e9"}) {
		t.Errorf("entries = %v, want [e9]", ids(es))
	}
	// A late NEW_TIMER_STARTED does not restart it.
	if got := applyEntry(t, s, EntryEvent{Kind: TimerStarted, Entry: run, At: at(16, 11), Version: "c"}); got != Stale {
		t.Errorf("late start: outcome %q, want stale", got)
	}
	if _, ok, _ := s.RunningFor("u1"); ok {
		t.Error("a late start restarted the timer")
	}
}

// TestTombstoneVersusStalePoll checks that a poll that fetched before a
// deletion (or an update) does not undo it, that a poll fetched after it
// is believed, and that tombstones expire.
func TestTombstoneVersusStalePoll(t *testing.T) {
	e1 := entry("e1", "u1", at(16, 9), time.Hour)
	e2 := entry("e2", "u1", at(16, 12), time.Hour)
	window := func(asOf time.Time, es ...Entry) Batch {
		return Batch{At: asOf, Windows: []EntryWindow{{From: at(16, 0), To: at(17, 0), Entries: es}}}
	}
	s := newTestStore(t)
	mustApply(t, s, window(at(16, 13), e1, e2))
	applyEntry(t, s, EntryEvent{Kind: EntryDeleted, Entry: Entry{ID: "e1", UserID: "u1"}, At: at(16, 14)})
	e2b := e2
	e2b.Description = "changed by webhook"
	applyEntry(t, s, EntryEvent{Kind: EntryUpdated, Entry: e2b, At: at(16, 14)})
	e3 := entry("e3", "u1", at(16, 15), time.Hour)
	applyEntry(t, s, EntryEvent{Kind: EntryCreated, Entry: e3, At: at(16, 16)})

	// The poll fetched at 13:30, before all three changes.
	mustApply(t, s, window(at(16, 13).Add(30*time.Minute), e1, e2))
	es := storedEntries(t, s, "u1")
	if !slices.Equal(ids(es), []string{"e2", "e3"}) {
		t.Fatalf("after a stale poll: entries %v, want [e2 e3]", ids(es))
	}
	if es[0].Description != "changed by webhook" {
		t.Errorf("a stale poll overwrote e2: %q", es[0].Description)
	}
	checkCount(t, s)

	// A poll that fetched later is the truth again.
	mustApply(t, s, window(at(16, 17), e1, e2))
	if es := storedEntries(t, s, "u1"); !slices.Equal(ids(es), []string{"e1", "e2"}) {
		t.Errorf("after a fresh poll: entries %v, want [e1 e2]", ids(es))
	}

	// Tombstones expire: then even an old poll is believed.
	n, err := s.ExpireWebhookMarks(at(16, 17))
	if err != nil || n != 3 {
		t.Fatalf("ExpireWebhookMarks() = %d, %v; want 3", n, err)
	}
	checkCount(t, s)
}

func TestApplyTimeOffUserProjectEvents(t *testing.T) {
	s := newTestStore(t)
	req := TimeOff{ID: "to1", UserID: "u1", Unit: "DAYS", Start: at(18, 0), End: at(19, 0)}
	steps := []struct {
		name string
		ev   TimeOffEvent
		want Outcome
		kept bool
	}{
		{"approved", TimeOffEvent{Kind: TimeOffApproved, Request: req, At: at(16, 1), Version: "a"}, Applied, true},
		{"redelivered", TimeOffEvent{Kind: TimeOffApproved, Request: req, At: at(16, 3), Version: "a"}, Redelivered, true},
		{"withdrawn", TimeOffEvent{Kind: TimeOffWithdrawn, Request: req, At: at(16, 2), Version: "b"}, Applied, false},
		{"older approval", TimeOffEvent{Kind: TimeOffApproved, Request: req, At: at(16, 1), Version: "c"}, Stale, false},
	}
	for _, st := range steps {
		got, err := s.ApplyTimeOffEvent(st.ev)
		if err != nil || got != st.want {
			t.Fatalf("%s: outcome %q, %v; want %q", st.name, got, err, st.want)
		}
		rs, _ := s.TimeOff(at(17, 0), at(20, 0))
		if (len(rs) == 1) != st.kept {
			t.Fatalf("%s: time off %v, want kept=%v", st.name, rs, st.kept)
		}
	}

	mustApply(t, s, Batch{Users: []User{{ID: "u1", Email: "ann@example.com", Name: "Ann", Status: "ACTIVE", GroupIDs: []string{"g1"}}}})
	for _, ev := range []UserEvent{
		{Kind: UserEmailChanged, User: User{ID: "u1", Email: "ann@new.example"}, At: at(16, 1)},
		{Kind: UserDeactivated, User: User{ID: "u1"}, At: at(16, 2)},
		{Kind: UserJoined, User: User{ID: "u2", Email: "bob@example.com", Name: "Bob"}, At: at(16, 2)},
	} {
		if _, err := s.ApplyUserEvent(ev); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := s.UserByEmail("ann@example.com"); ok {
		t.Error("the old email still finds u1")
	}
	u, ok, _ := s.UserByEmail("ann@new.example")
	if !ok || u.Status != "INACTIVE" || !slices.Equal(u.GroupIDs, []string{"g1"}) {
		t.Errorf("UserByEmail(new) = %+v, %v; want u1 INACTIVE in g1", u, ok)
	}
	if u, ok, _ := s.User("u2"); !ok || u.Status != "ACTIVE" {
		t.Errorf("User(u2) = %+v, %v; want ACTIVE", u, ok)
	}

	for _, ev := range []ProjectEvent{
		{Project: Project{ID: "p1", Name: "Apollo"}, At: at(16, 1)},
		{Project: Project{ID: "p1"}, Deleted: true, At: at(16, 2)},
		{Project: Project{ID: "p1", Name: "Apollo 2"}, At: at(16, 1)},
	} {
		if _, err := s.ApplyProjectEvent(ev); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := s.Project("p1"); ok {
		t.Error("an older project update resurrected a deleted project")
	}
}

func TestRegisteredWebhooks(t *testing.T) {
	s := newTestStore(t)
	for _, w := range []RegisteredWebhook{
		{ID: "w2", Event: "TIMER_STOPPED", Token: "tok-2"},
		{ID: "w1", Event: "NEW_TIME_ENTRY", Token: "tok-1"},
	} {
		if err := s.PutWebhook(w); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteWebhook("w2"); err != nil {
		t.Fatal(err)
	}
	toks, err := s.WebhookTokens()
	if err != nil || !slices.Equal(toks, []string{"tok-1"}) {
		t.Errorf("WebhookTokens() = %v, %v; want [tok-1]", toks, err)
	}
}

func TestTimeClockActivities(t *testing.T) {
	s := newTestStore(t)
	if err := s.MapTimeClockUser(145, "u1"); err != nil {
		t.Fatal(err)
	}
	shift := TimeClockActivity{ID: "a1", UserID: 145, Type: ActivityShift, Start: at(16, 9), End: at(16, 17)}
	brk := TimeClockActivity{ID: "a2", UserID: 145, Type: ActivityManualBreak, Start: at(16, 12), End: at(16, 13)}
	off := TimeClockActivity{ID: "a3", UserID: 145, Type: ActivityTimeOff, Start: at(18, 0), End: at(19, 0), AllDay: true}
	other := TimeClockActivity{ID: "a4", UserID: 999, Type: ActivityShift, Start: at(16, 9), End: at(16, 10)}
	for _, a := range []TimeClockActivity{shift, brk, off, other} {
		if _, err := s.PutTimeClockActivity(a); err != nil {
			t.Fatal(err)
		}
	}
	open := shift
	open.End = time.Time{}
	if put, err := s.PutTimeClockActivity(open); err != nil || put {
		t.Errorf("a late clock_in replaced a closed shift: %v, %v", put, err)
	}
	got, err := s.ClockedByDay("u1", at(16, 0), at(17, 0), time.UTC, at(20, 0))
	if err != nil || got["2026-11-16"] != 7*time.Hour || len(got) != 1 {
		t.Errorf("ClockedByDay() = %v, %v; want 2026-11-16: 7h", got, err)
	}
	offs, err := s.TimeClockDaysOff(at(17, 0), at(20, 0))
	if err != nil || len(offs) != 1 || offs[0].UserID != "u1" || offs[0].ID != "timeclock:a3" {
		t.Errorf("TimeClockDaysOff() = %+v, %v; want a3 of u1", offs, err)
	}
	if err := s.DeleteTimeClockActivity("a3"); err != nil {
		t.Fatal(err)
	}
	if offs, _ := s.TimeClockDaysOff(at(17, 0), at(20, 0)); len(offs) != 0 {
		t.Errorf("a deleted time off is still a day off: %+v", offs)
	}
}

// TestOpenMigratesVersionOne checks that a database of schema 1 gains the
// webhook buckets.
func TestOpenMigratesVersionOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clockbot.db")
	writeBolt(t, path, func(tx *bolt.Tx) error {
		if err := createBuckets(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint32(nil, 1))
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
		t.Errorf("SchemaVersion() = %d, %v; want %d", v, err, SchemaVersion)
	}
	if err := s.PutWebhook(RegisteredWebhook{ID: "w1", Token: "t"}); err != nil {
		t.Errorf("PutWebhook() after migration: %v", err)
	}
}

// TestTimeOffEventVersusStalePoll checks that a poll that fetched before a
// withdrawal or an approval does not undo it.
func TestTimeOffEventVersusStalePoll(t *testing.T) {
	s := newTestStore(t)
	r1 := TimeOff{ID: "to1", UserID: "u1", Status: "APPROVED", Unit: "DAYS", Start: at(18, 0), End: at(19, 0)}
	r2 := TimeOff{ID: "to2", UserID: "u1", Status: "APPROVED", Unit: "DAYS", Start: at(20, 0), End: at(21, 0)}
	poll := func(asOf time.Time, rs ...TimeOff) Batch {
		return Batch{At: asOf, TimeOff: []TimeOffWindow{{From: at(16, 0), To: at(23, 0), Requests: rs}}}
	}
	mustApply(t, s, poll(at(16, 1), r1))
	if _, err := s.ApplyTimeOffEvent(TimeOffEvent{Kind: TimeOffWithdrawn, Request: r1, At: at(16, 3)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyTimeOffEvent(TimeOffEvent{Kind: TimeOffApproved, Request: r2, At: at(16, 3)}); err != nil {
		t.Fatal(err)
	}
	mustApply(t, s, poll(at(16, 2), r1)) // fetched before both events
	got, _ := s.TimeOff(at(16, 0), at(23, 0))
	if len(got) != 1 || got[0].ID != "to2" {
		t.Fatalf("after a stale poll: %+v, want only to2", got)
	}
	mustApply(t, s, poll(at(16, 4), r2)) // fetched after them
	if got, _ := s.TimeOff(at(16, 0), at(23, 0)); len(got) != 1 || got[0].ID != "to2" {
		t.Errorf("after a fresh poll: %+v, want only to2", got)
	}
}
