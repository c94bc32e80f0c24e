package syncer

import (
	"bytes"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// TestSyncAnnualHolidayFromAnOldYear checks that the pass reads holidays
// with getHolidays (the fake refuses the in-period form without
// assigned-to) and that an annual holiday created in 2019, which Clockify
// returns with its 2019 dates, applies in the current week.
func TestSyncAnnualHolidayFromAnOldYear(t *testing.T) {
	f := newSyncFixture(t, 7)
	f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", TimeZone: "UTC"})
	f.fake.AddHoliday(clockifytest.Holiday{ID: "h-annual", Name: "Founders Day", StartDate: "2019-11-17", EndDate: "2019-11-17", OccursAnnually: true, Everyone: true})
	f.fake.AddHoliday(clockifytest.Holiday{ID: "h-old", Name: "Old one-off", StartDate: "2019-11-18", EndDate: "2019-11-18", Everyone: true})
	f.sync(t, Options{})
	if n := countPaths(f.fake.RequestLog(), "/holidays"); n != 1 {
		t.Errorf("holiday requests in one pass = %d, want 1", n)
	}
	hs, err := f.store.Holidays()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.ID)
	}
	if !reflect.DeepEqual(ids, []string{"h-annual"}) {
		t.Errorf("stored holidays = %v, want only the annual one (a past one-off is not kept)", ids)
	}
	u, _, err := f.store.User("u1")
	if err != nil {
		t.Fatal(err)
	}
	res := weekly.Evaluate(weekly.Person{User: u}, weekly.WeekOf(syncNow), nil, hs, nil, weekly.Params{MinHours: 25})
	if len(res.Holidays) != 1 || res.Holidays[0].Date != "2026-11-17" {
		t.Errorf("holidays of the current week = %+v, want Founders Day on 2026-11-17", res.Holidays)
	}
}

// TestSyncWithoutTimeOffFeature checks that a workspace whose plan lacks
// Time off (holidays and time-off routes answer 403) still syncs everything
// else, keeps the holidays it had, and records the time it found them
// unavailable; a later pass that can read them clears the record.
func TestSyncWithoutTimeOffFeature(t *testing.T) {
	f := newSyncFixture(t, 7)
	f.fake.Close()
	f.fake = clockifytest.NewTB(t, clockifytest.WithClock(func() time.Time { return f.now }), clockifytest.WithTimeOffDisabled())
	api, err := clockify.NewClient(f.fake.APIKey, clockify.WithBaseURL(f.fake.APIURL), clockify.WithReportsURL(f.fake.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithSleep(f.sleeps.Sleep))
	if err != nil {
		t.Fatal(err)
	}
	f.api = api
	f.syncer = New(api, f.store, Config{WorkspaceID: f.fake.WorkspaceID, BackfillDays: 7}, func() time.Time { return f.now }, slog.New(slog.DiscardHandler))
	if err := f.store.Apply(store.Batch{Holidays: []store.Holiday{{ID: "kept", Name: "Kept", StartDate: "2026-11-17", EndDate: "2026-11-17", Everyone: true}}}); err != nil {
		t.Fatal(err)
	}
	f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", TimeZone: "UTC"})
	end := at(17, 12)
	f.fake.AddEntry(clockifytest.Entry{ID: "e1", UserID: "u1", Start: at(17, 9), End: &end})

	res := f.sync(t, Options{})
	if res.Entries != 1 || res.Users != 1 {
		t.Errorf("pass synced %d users, %d entries; want 1, 1", res.Users, res.Entries)
	}
	if got := f.entryIDs(t, "u1", at(16, 0), at(23, 0)); !reflect.DeepEqual(got, []string{"e1"}) {
		t.Errorf("stored entries = %v, want [e1]", got)
	}
	st, err := f.store.SyncStatus()
	if err != nil {
		t.Fatal(err)
	}
	if !st.TimeOffUnavailableAt.Equal(syncNow) {
		t.Errorf("TimeOffUnavailableAt = %v, want %v", st.TimeOffUnavailableAt, syncNow)
	}
	if hs, _ := f.store.Holidays(); len(hs) != 1 || hs[0].ID != "kept" {
		t.Errorf("holidays after an unavailable fetch = %+v, want the kept one", hs)
	}
}

// TestSyncManagersFromRoles checks that one pass learns every user's team
// managers from the users list's roles (include-roles=true), without any
// per-user managers request, so a pass costs the same with managers as
// without.
func TestSyncManagersFromRoles(t *testing.T) {
	setup := func(withManagers bool) *syncFixture {
		f := newSyncFixture(t, 7)
		for _, id := range []string{"u1", "u2", "u3", "u4", "m1", "m2"} {
			f.fake.AddUser(clockifytest.User{ID: id, Email: id + "@example.com", Name: strings.ToUpper(id), TimeZone: "UTC"})
		}
		if withManagers {
			f.fake.SetManagers("u1", "m1")
			f.fake.SetManagers("u2", "m1", "m2")
			f.fake.AddGroup(clockifytest.Group{ID: "g1", Name: "Ops", UserIDs: []string{"u3", "m1"}, ManagerIDs: []string{"m2"}})
		} else {
			f.fake.AddGroup(clockifytest.Group{ID: "g1", Name: "Ops", UserIDs: []string{"u3", "m1"}})
		}
		return f
	}
	f := setup(true)
	res := f.sync(t, Options{})
	want := map[string][]string{"u1": {"m1"}, "u2": {"m1", "m2"}, "u3": {"m2"}, "u4": {}, "m1": {"m2"}, "m2": {}}
	for id, ms := range want {
		m, ok, err := f.store.Managers(id)
		if err != nil || !ok || !reflect.DeepEqual(m.ManagerIDs, ms) {
			t.Errorf("Managers(%s) = %+v, %v, %v; want %v", id, m, ok, err, ms)
		}
	}
	if n := countPaths(f.fake.RequestLog(), "/managers"); n != 0 {
		t.Errorf("per-user managers requests = %d, want 0", n)
	}
	// A change in Clockify shows after the next pass.
	f.fake.SetManagers("u4", "m2")
	f.now = f.now.Add(15 * time.Minute)
	f.sync(t, Options{})
	if m, _, _ := f.store.Managers("u4"); !reflect.DeepEqual(m.ManagerIDs, []string{"m2"}) {
		t.Errorf("Managers(u4) after a change = %v, want [m2]", m.ManagerIDs)
	}
	plain := setup(false)
	if base := plain.sync(t, Options{}); res.Requests != base.Requests {
		t.Errorf("a pass with managers made %d requests, without %d", res.Requests, base.Requests)
	}
}

// TestSyncManagersUnknownRolesShape checks the fallback when the roles
// cannot be read: the shape is logged once, managers are looked up per user
// within the per-pass budget, and a user whose look-up Clockify refuses with
// a 4xx is skipped instead of failing the pass.
func TestSyncManagersUnknownRolesShape(t *testing.T) {
	f := newSyncFixture(t, 7)
	var logs bytes.Buffer
	f.syncer.log = slog.New(slog.NewTextHandler(&logs, nil))
	for _, id := range []string{"u1", "u2", "m1"} {
		f.fake.AddUser(clockifytest.User{ID: id, Email: id + "@example.com", TimeZone: "UTC"})
	}
	f.fake.SetManagers("u2", "m1")
	f.fake.SetRawRoles("m1", `{"manages":"everyone"}`)
	f.fake.InjectFault(clockifytest.Fault{PathContains: "/users/m1/managers", Status: 400})
	for pass := 0; pass < 2; pass++ {
		f.sync(t, Options{})
		f.now = f.now.Add(15 * time.Minute)
	}
	if m, ok, _ := f.store.Managers("u2"); !ok || !reflect.DeepEqual(m.ManagerIDs, []string{"m1"}) {
		t.Errorf("Managers(u2) = %+v, %v; want [m1]", m, ok)
	}
	if _, ok, _ := f.store.Managers("m1"); ok {
		t.Error("managers of m1 stored although Clockify refused the look-up")
	}
	if n := strings.Count(logs.String(), "unknown shape"); n != 1 {
		t.Errorf("unknown roles shape logged %d times, want once:\n%s", n, logs.String())
	}
	if !strings.Contains(logs.String(), "skip managers of one user") {
		t.Errorf("the skipped user is not logged:\n%s", logs.String())
	}
	if n := countPaths(f.fake.RequestLog(), "/managers"); n > 2*managersPerPass {
		t.Errorf("managers requests over two passes = %d, want at most %d", n, 2*managersPerPass)
	}
}
