package store

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// state is everything a batch can change, read through the public API.
type state struct {
	Users    []User
	Projects []Project
	Groups   []Group
	Holidays []Holiday
	Running  []Entry
	Managers []Managers
	Entries  []Entry
	Count    int
	TimeOff  []TimeOff
	Status   SyncStatus
}

func readState(t *testing.T, s *Store) state {
	t.Helper()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var st state
	var err error
	st.Users, err = s.Users()
	check(err)
	st.Projects, err = s.Projects()
	check(err)
	st.Groups, err = s.Groups()
	check(err)
	st.Holidays, err = s.Holidays()
	check(err)
	st.Running, err = s.Running()
	check(err)
	for _, id := range []string{"u1", "u2", "u3"} {
		m, ok, err := s.Managers(id)
		check(err)
		if ok {
			st.Managers = append(st.Managers, m)
		}
	}
	st.Entries = allEntries(t, s)
	st.Count, err = s.CountEntries()
	check(err)
	st.TimeOff, err = s.TimeOff(at(1, 0), at(30, 0))
	check(err)
	st.Status, err = s.SyncStatus()
	check(err)
	return st
}

// seedBatch is a complete sync batch.
func seedBatch() Batch {
	return Batch{
		Users:    []User{{ID: "u1", Email: "ann@example.com", Name: "Ann", Status: "ACTIVE"}, {ID: "u2", Email: "bob@example.com", Name: "Bob"}},
		Projects: []Project{{ID: "p1", Name: "Design"}},
		Groups:   []Group{{ID: "g1", Name: "Team", UserIDs: []string{"u1", "u2"}}},
		Holidays: []Holiday{{ID: "h1", Name: "Holiday", StartDate: "2026-11-20", EndDate: "2026-11-20", Everyone: true}},
		Running:  []Entry{{ID: "r1", UserID: "u2", Start: at(20, 9)}},
		Managers: []Managers{{UserID: "u1", ManagerIDs: []string{"u2"}, FetchedAt: at(16, 0)}},
		Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: []Entry{
			entry("e1", "u1", at(16, 9), time.Hour), entry("e2", "u2", at(17, 9), time.Hour),
		}}},
		TimeOff: []TimeOffWindow{{From: at(16, 0), To: at(23, 0), Requests: []TimeOff{
			{ID: "t1", UserID: "u1", Status: "APPROVED", Unit: "DAYS", Start: at(18, 0), End: at(19, 0)},
		}}},
		Success: "recent",
		At:      at(20, 12),
	}
}

func TestApplyIsAtomic(t *testing.T) {
	valid := []Entry{entry("n1", "u1", at(18, 9), time.Hour)}
	tests := []struct {
		name   string
		mutate func(b *Batch)
	}{
		{"entry without id", func(b *Batch) {
			b.Windows[0].Entries = append(valid, Entry{UserID: "u1", Start: at(19, 9)})
		}},
		{"entry without user", func(b *Batch) {
			b.Windows[0].Entries = append(valid, Entry{ID: "x", Start: at(19, 9)})
		}},
		{"entry without start", func(b *Batch) {
			b.Windows[0].Entries = append(valid, Entry{ID: "x", UserID: "u1"})
		}},
		{"second window bad", func(b *Batch) {
			b.Windows = append(b.Windows, EntryWindow{From: at(9, 0), To: at(16, 0), Entries: []Entry{{ID: "x", UserID: "u\x00", Start: at(10, 9)}}})
		}},
		{"window backwards", func(b *Batch) { b.Windows[0].From, b.Windows[0].To = b.Windows[0].To, b.Windows[0].From }},
		{"user without id", func(b *Batch) { b.Users = append(b.Users, User{Email: "x@example.com"}) }},
		{"project without id", func(b *Batch) { b.Projects = append(b.Projects, Project{Name: "X"}) }},
		{"running without user", func(b *Batch) { b.Running = []Entry{{ID: "r9"}} }},
		{"managers without user", func(b *Batch) { b.Managers = append(b.Managers, Managers{}) }},
		{"time off without end", func(b *Batch) {
			b.TimeOff[0].Requests = append(b.TimeOff[0].Requests, TimeOff{ID: "t9", UserID: "u1", Start: at(18, 0)})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			mustApply(t, s, seedBatch())
			before := readState(t, s)

			b := Batch{
				Users:          []User{{ID: "u3", Email: "cat@example.com"}},
				Projects:       []Project{{ID: "p2", Name: "Build"}},
				Groups:         []Group{},
				Holidays:       []Holiday{},
				Running:        []Entry{},
				Managers:       []Managers{{UserID: "u3", ManagerIDs: []string{"u1"}}},
				Windows:        []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: valid}},
				TimeOff:        []TimeOffWindow{{From: at(1, 0), To: at(30, 0), Requests: []TimeOff{}}},
				Success:        "recent",
				At:             at(21, 0),
				BackfilledFrom: at(1, 0),
			}
			tc.mutate(&b)
			err := s.Apply(b)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Apply() error = %v, want ErrInvalid", err)
			}
			if after := readState(t, s); !reflect.DeepEqual(after, before) {
				t.Errorf("a failed Apply() changed the store:\n got %+v\nwant %+v", after, before)
			}
		})
	}
}

func TestApplyNilLeavesAndEmptyClears(t *testing.T) {
	s := newTestStore(t)
	mustApply(t, s, seedBatch())
	before := readState(t, s)
	mustApply(t, s, Batch{})
	if after := readState(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("an empty Batch changed the store:\n got %+v\nwant %+v", after, before)
	}
	mustApply(t, s, Batch{Users: []User{}, Projects: []Project{}, Groups: []Group{}, Holidays: []Holiday{}, Running: []Entry{}})
	after := readState(t, s)
	if len(after.Users)+len(after.Projects)+len(after.Groups)+len(after.Holidays)+len(after.Running) != 0 {
		t.Errorf("empty slices did not clear the sets: %+v", after)
	}
	if _, ok, _ := s.UserByEmail("ann@example.com"); ok {
		t.Error("UserByEmail() still finds a user removed by a replace")
	}
	if !reflect.DeepEqual(after.Entries, before.Entries) || !reflect.DeepEqual(after.Managers, before.Managers) {
		t.Error("clearing the directory changed entries or managers")
	}
}

func TestSyncStatus(t *testing.T) {
	s := newTestStore(t)
	if st, err := s.SyncStatus(); err != nil || !reflect.DeepEqual(st, SyncStatus{}) {
		t.Errorf("SyncStatus() of a new store = %+v, %v; want zero", st, err)
	}
	mustApply(t, s, Batch{Success: "recent", At: at(16, 9), BackfilledFrom: at(10, 0)})
	if err := s.RecordSyncError("fetch users: boom", at(16, 10)); err != nil {
		t.Fatal(err)
	}
	mustApply(t, s, Batch{Success: "backfill", At: at(16, 11), BackfilledFrom: at(12, 0)}) // later: ignored
	want := SyncStatus{
		LastSuccess:    map[string]time.Time{"recent": at(16, 9), "backfill": at(16, 11)},
		LastError:      "fetch users: boom",
		LastErrorAt:    at(16, 10),
		BackfilledFrom: at(10, 0),
	}
	st, err := s.SyncStatus()
	if err != nil || !reflect.DeepEqual(st, want) {
		t.Errorf("SyncStatus() = %+v, %v; want %+v", st, err, want)
	}
	mustApply(t, s, Batch{BackfilledFrom: at(2, 0)})
	if st, _ := s.SyncStatus(); !st.BackfilledFrom.Equal(at(2, 0)) || !st.LastSuccess["recent"].Equal(at(16, 9)) {
		t.Errorf("SyncStatus() after an earlier backfill = %+v; want BackfilledFrom %v and the successes kept", st, at(2, 0))
	}
}
