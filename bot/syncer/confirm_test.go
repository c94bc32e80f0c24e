package syncer

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// storedStatuses returns the stored users' statuses by id.
func (f *syncFixture) storedStatuses(t *testing.T) map[string]string {
	t.Helper()
	us, err := f.store.Users()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range us {
		out[u.ID] = u.Status
	}
	return out
}

// TestSyncShortUsersListKeepsUsers checks that a users list that comes back
// short, whether cut in half or missing one user, loses nobody, and that a
// user disappears from the report only when a look-up of their own confirms
// it; even then the stored user is kept for the weeks that have ended.
func TestSyncShortUsersListKeepsUsers(t *testing.T) {
	tests := []struct {
		name  string
		fault clockifytest.Fault
	}{
		{name: "short page", fault: clockifytest.Fault{Method: "GET", PathContains: "/users", ShortPage: true, Times: 1}},
		{name: "dropped user", fault: clockifytest.Fault{Method: "GET", PathContains: "/users", DropItem: true, Times: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newSyncFixture(t, 7)
			all := map[string]string{}
			for i := range 10 {
				id := fmt.Sprintf("u%02d", i)
				f.fake.AddUser(clockifytest.User{ID: id, Email: id + "@example.com", Name: "User " + id, TimeZone: "UTC"})
				all[id] = "ACTIVE"
			}
			f.sync(t, Options{})
			if got := f.storedStatuses(t); !reflect.DeepEqual(got, all) {
				t.Fatalf("after the first pass users = %v, want %v", got, all)
			}

			f.now = f.now.Add(15 * time.Minute)
			f.fake.InjectFault(tt.fault)
			f.sync(t, Options{})
			if got := f.storedStatuses(t); !reflect.DeepEqual(got, all) {
				t.Errorf("after a short users list users = %v, want all 10 ACTIVE", got)
			}

			// Clockify really removes u00 (the first listed, which both faults
			// drop): the look-up confirms it, and the user is kept as removed.
			f.now = f.now.Add(15 * time.Minute)
			f.fake.RemoveUser("u00")
			f.sync(t, Options{})
			all["u00"] = StatusRemoved
			if got := f.storedStatuses(t); !reflect.DeepEqual(got, all) {
				t.Errorf("after removing u00 users = %v, want %v", got, all)
			}
			// A removed user costs no further look-ups.
			f.now = f.now.Add(15 * time.Minute)
			before := countPaths(f.fake.RequestLog(), "/users")
			f.sync(t, Options{})
			if got := countPaths(f.fake.RequestLog(), "/users") - before; got > 1+managersPerPass {
				t.Errorf("a pass after the removal made %d users requests, want at most %d", got, 1+managersPerPass)
			}
		})
	}
}

// TestSyncShortInProgressListKeepsTimer checks that a running timer missing
// from the in-progress list stays running unless a finished entry or the
// user's own running-entry look-up says it stopped.
func TestSyncShortInProgressListKeepsTimer(t *testing.T) {
	f := newSyncFixture(t, 7)
	for _, id := range []string{"u1", "u2", "u3"} {
		f.fake.AddUser(clockifytest.User{ID: id, Email: id + "@example.com", TimeZone: "UTC"})
		f.fake.AddEntry(clockifytest.Entry{ID: "run-" + id, UserID: id, Start: at(18, 9)})
	}
	running := func() []string {
		t.Helper()
		es, err := f.store.Running()
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return ids
	}
	f.sync(t, Options{})
	if got, want := running(), []string{"run-u1", "run-u2", "run-u3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("running after the first pass = %v, want %v", got, want)
	}

	steps := []struct {
		name   string
		change func()
		want   []string
	}{
		{
			name: "short page",
			change: func() {
				f.fake.InjectFault(clockifytest.Fault{PathContains: "/in-progress", ShortPage: true, Times: 1})
			},
			want: []string{"run-u1", "run-u2", "run-u3"},
		},
		{
			name:   "dropped timer",
			change: func() { f.fake.InjectFault(clockifytest.Fault{PathContains: "/in-progress", DropItem: true, Times: 1}) },
			want:   []string{"run-u1", "run-u2", "run-u3"},
		},
		{
			name: "timer stopped in Clockify",
			change: func() {
				f.fake.UpdateEntry(clockifytest.Entry{ID: "run-u2", UserID: "u2", Start: at(18, 9), End: ptr(at(18, 11))})
			},
			want: []string{"run-u1", "run-u3"},
		},
		{
			name:   "timer deleted in Clockify",
			change: func() { f.fake.DeleteEntry("run-u3") },
			want:   []string{"run-u1"},
		},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			f.now = f.now.Add(15 * time.Minute)
			s.change()
			f.sync(t, Options{})
			if got := running(); !reflect.DeepEqual(got, s.want) {
				t.Errorf("running = %v, want %v", got, s.want)
			}
		})
	}
}

// TestSyncShortManagersListConfirmed checks that a managers list that lost
// a manager is asked again before it replaces the stored one, and that a
// real change is taken after the second answer agrees.
func TestSyncShortManagersListConfirmed(t *testing.T) {
	f := newSyncFixture(t, 7)
	for _, id := range []string{"a1", "m1", "m2"} {
		f.fake.AddUser(clockifytest.User{ID: id, Email: id + "@example.com", TimeZone: "UTC"})
	}
	f.fake.SetManagers("a1", "m1", "m2")
	managers := func() []string {
		t.Helper()
		m, ok, err := f.store.Managers("a1")
		if err != nil || !ok {
			t.Fatalf("Managers(a1) = %+v, %v, %v", m, ok, err)
		}
		return m.ManagerIDs
	}
	f.sync(t, Options{})
	if got, want := managers(), []string{"m1", "m2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("managers after the first pass = %v, want %v", got, want)
	}
	steps := []struct {
		name   string
		change func()
		want   []string
	}{
		{
			name: "dropped manager",
			change: func() {
				f.fake.InjectFault(clockifytest.Fault{PathContains: "/users/a1/managers", DropItem: true, Times: 1})
			},
			want: []string{"m1", "m2"},
		},
		{
			name: "halved list",
			change: func() {
				f.fake.InjectFault(clockifytest.Fault{PathContains: "/users/a1/managers", ShortPage: true, Times: 1})
			},
			want: []string{"m1", "m2"},
		},
		{
			name:   "manager really removed",
			change: func() { f.fake.SetManagers("a1", "m2") },
			want:   []string{"m2"},
		},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			f.now = f.now.Add(ManagersMaxAge + time.Hour) // a1 is due again
			s.change()
			m, err := f.syncer.RefreshManagers(t.Context(), "a1", f.now)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.store.Apply(store.Batch{Managers: []store.Managers{m}}); err != nil {
				t.Fatal(err)
			}
			if got := managers(); !reflect.DeepEqual(got, s.want) {
				t.Errorf("managers = %v, want %v", got, s.want)
			}
		})
	}
}

// TestSyncSmallerReportKeepsEndedWeek checks that a detailed report that
// silently lost a row (totals and all) does not erase the stored entry of
// a week that has ended; a deletion Clockify confirms is taken.
func TestSyncSmallerReportKeepsEndedWeek(t *testing.T) {
	f := newSyncFixture(t, 7)
	f.fake.AddUser(clockifytest.User{ID: "u1", Email: "u1@example.com", TimeZone: "UTC"})
	// Last week, which has ended: Monday 9 and Tuesday 10 November.
	f.fake.AddEntry(clockifytest.Entry{ID: "e-mon", UserID: "u1", Start: at(9, 9), End: ptr(at(9, 17))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-tue", UserID: "u1", Start: at(10, 9), End: ptr(at(10, 17))})
	from, to := at(9, 0), at(16, 0)
	f.sync(t, Options{})
	if got, want := f.entryIDs(t, "u1", from, to), []string{"e-mon", "e-tue"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("last week's entries after the first pass = %v, want %v", got, want)
	}

	f.now = f.now.Add(15 * time.Minute)
	f.fake.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", DropItem: true, Times: 1})
	f.sync(t, Options{})
	if got, want := f.entryIDs(t, "u1", from, to), []string{"e-mon", "e-tue"}; !reflect.DeepEqual(got, want) {
		t.Errorf("last week's entries after a smaller report = %v, want %v", got, want)
	}

	f.now = f.now.Add(15 * time.Minute)
	f.fake.DeleteEntry("e-mon")
	f.sync(t, Options{})
	if got, want := f.entryIDs(t, "u1", from, to), []string{"e-tue"}; !reflect.DeepEqual(got, want) {
		t.Errorf("last week's entries after a deletion = %v, want %v", got, want)
	}
}
