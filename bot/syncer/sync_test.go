package syncer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// syncNow is a Wednesday; the recent window is 2026-11-09 (minus 14h) to
// 2026-11-23 (plus 14h).
var syncNow = time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)

// syncFixture is a fake Clockify, a real client, a store and a Syncer.
type syncFixture struct {
	fake   *clockifytest.Server
	api    *clockify.Client
	store  *store.Store
	syncer *Syncer
	sleeps *bottest.SleepRecorder
	now    time.Time
}

func newSyncFixture(t *testing.T, backfillDays int) *syncFixture {
	t.Helper()
	f := &syncFixture{now: syncNow, sleeps: &bottest.SleepRecorder{}}
	f.fake = clockifytest.NewTB(t, clockifytest.WithClock(func() time.Time { return f.now }))
	api, err := clockify.NewClient(f.fake.APIKey,
		clockify.WithBaseURL(f.fake.APIURL),
		clockify.WithReportsURL(f.fake.ReportsURL),
		clockify.WithRateLimit(0),
		clockify.WithSleep(f.sleeps.Sleep),
	)
	if err != nil {
		t.Fatal(err)
	}
	f.api = api
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.store = st
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.syncer = New(api, st, Config{WorkspaceID: f.fake.WorkspaceID, BackfillDays: backfillDays}, func() time.Time { return f.now }, log)
	return f
}

func (f *syncFixture) sync(t *testing.T, opts Options) Result {
	t.Helper()
	res, err := f.syncer.Sync(context.Background(), opts)
	if err != nil {
		t.Fatalf("Sync() error: %v", err)
	}
	return res
}

// entryIDs lists the stored entries of user in [from, to) by id.
func (f *syncFixture) entryIDs(t *testing.T, user string, from, to time.Time) []string {
	t.Helper()
	es, err := f.store.EntriesForUser(user, from, to)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

func ptr[T any](v T) *T { return &v }

func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }

func TestSyncBackfillAndReconcile(t *testing.T) {
	f := newSyncFixture(t, 30)
	f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "Europe/Berlin"})
	f.fake.AddUser(clockifytest.User{ID: "u2", Email: "bob@example.com", Name: "Bob", NullSettings: true})
	f.fake.AddProject(clockifytest.Project{ID: "p1", Name: "Design", Billable: true})
	old := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC) // 48 days back: outside the backfill
	inBackfill := time.Date(2026, 10, 26, 9, 0, 0, 0, time.UTC)
	f.fake.AddEntry(clockifytest.Entry{ID: "e-old", UserID: "u1", ProjectID: "p1", Start: old, End: ptr(old.Add(time.Hour))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-back", UserID: "u1", ProjectID: "p1", Start: inBackfill, End: ptr(inBackfill.Add(2 * time.Hour))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-keep", UserID: "u1", ProjectID: "p1", Start: at(16, 9), End: ptr(at(16, 12))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-edit", UserID: "u1", ProjectID: "p1", Start: at(17, 9), End: ptr(at(17, 10))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-del", UserID: "u2", Start: at(17, 9), End: ptr(at(17, 11))})
	f.fake.AddEntry(clockifytest.Entry{ID: "e-run", UserID: "u2", Start: at(18, 10)})

	res := f.sync(t, Options{})
	if res.Users != 2 || res.Projects != 1 || res.Entries != 4 {
		t.Errorf("first Sync() = %+v, want users=2 projects=1 entries=4", res)
	}
	wide0, wide1 := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	if got, want := f.entryIDs(t, "u1", wide0, wide1), []string{"e-back", "e-keep", "e-edit"}; !reflect.DeepEqual(got, want) {
		t.Errorf("u1 entries after backfill = %v, want %v", got, want)
	}
	run, ok, err := f.store.RunningFor("u2")
	if err != nil || !ok || run.ID != "e-run" || !run.End.IsZero() {
		t.Errorf("RunningFor(u2) = %+v, %v, %v; want running e-run", run, ok, err)
	}
	// Every report request covered at most 31 days.
	for _, r := range f.fake.RequestLog() {
		if strings.Contains(r.Path, "/reports/detailed") {
			assertReportRange(t, r.Body)
		}
	}

	// Clockify changes: an edit, a delete, a new entry, the timer stops.
	f.fake.UpdateEntry(clockifytest.Entry{ID: "e-edit", UserID: "u1", ProjectID: "p1", Start: at(17, 9), End: ptr(at(17, 13))})
	f.fake.DeleteEntry("e-del")
	f.fake.AddEntry(clockifytest.Entry{ID: "e-new", UserID: "u2", Start: at(18, 8), End: ptr(at(18, 9))})
	f.fake.UpdateEntry(clockifytest.Entry{ID: "e-run", UserID: "u2", Start: at(18, 10), End: ptr(at(18, 11))})
	f.now = f.now.Add(15 * time.Minute)
	f.fake.ResetRequests()
	res = f.sync(t, Options{})

	es, err := f.store.EntriesForUser("u1", at(17, 0), at(18, 0))
	if err != nil || len(es) != 1 || !es[0].End.Equal(at(17, 13)) {
		t.Errorf("edited entry = %+v, %v; want end %v", es, err, at(17, 13))
	}
	if got, want := f.entryIDs(t, "u2", wide0, wide1), []string{"e-new", "e-run"}; !reflect.DeepEqual(got, want) {
		t.Errorf("u2 entries after reconcile = %v, want %v", got, want)
	}
	if _, ok, _ := f.store.RunningFor("u2"); ok {
		t.Error("RunningFor(u2) still running after the timer stopped")
	}
	// The backfilled entry outside the recent window is still there, and the
	// second pass did not backfill again.
	if got := f.entryIDs(t, "u1", wide0, at(1, 0)); !reflect.DeepEqual(got, []string{"e-back"}) {
		t.Errorf("backfilled entries after second pass = %v, want [e-back]", got)
	}
	// One report request for the recent window, and one more that confirms
	// the deletion of e-del before it is taken.
	if reports := countPaths(f.fake.RequestLog(), "/reports/detailed"); reports != 2 {
		t.Errorf("second pass made %d report requests, want 2 (no new backfill, one confirmation)", reports)
	}
	st, err := f.store.SyncStatus()
	if err != nil || !st.LastSuccess[WindowRecent].Equal(f.now) {
		t.Errorf("SyncStatus() = %+v, %v; want last success %v", st, err, f.now)
	}
}

// assertReportRange fails when a report request body spans more than 31 days.
func assertReportRange(t *testing.T, body []byte) {
	t.Helper()
	var req struct{ DateRangeStart, DateRangeEnd string }
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatalf("report body %s: %v", body, err)
	}
	parse := func(s string) time.Time {
		v, err := time.Parse("2006-01-02T15:04:05.000Z", s)
		if err != nil {
			t.Fatalf("report date %q: %v", s, err)
		}
		return v
	}
	if span := parse(req.DateRangeEnd).Sub(parse(req.DateRangeStart)); span > MaxReportWindow {
		t.Errorf("report request spans %v, more than 31 days", span)
	}
}

func countPaths(log []clockifytest.Request, part string) int {
	n := 0
	for _, r := range log {
		if strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}

func TestSyncFailureKeepsOldData(t *testing.T) {
	faults := []struct {
		name  string
		fault clockifytest.Fault
	}{
		{"report keeps failing", clockifytest.Fault{Method: "POST", PathContains: "/reports/detailed", Status: 500}},
		{"malformed users", clockifytest.Fault{PathContains: "/users", Malformed: true}},
		{"short report page", clockifytest.Fault{PathContains: "/reports/detailed", ShortPage: true}},
		{"time off down", clockifytest.Fault{PathContains: "/time-off/requests", Status: 503}},
		{"in-progress down", clockifytest.Fault{PathContains: "/in-progress", Status: 500}},
	}
	for _, tc := range faults {
		t.Run(tc.name, func(t *testing.T) {
			f := newSyncFixture(t, 7)
			f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "UTC"})
			for i := 0; i < 1500; i++ {
				s := at(16, 0).Add(time.Duration(i) * time.Minute)
				f.fake.AddEntry(clockifytest.Entry{UserID: "u1", Start: s, End: ptr(s.Add(30 * time.Second))})
			}
			f.sync(t, Options{})
			before, err := f.store.EntriesForUser("u1", at(1, 0), at(30, 0))
			if err != nil || len(before) != 1500 {
				t.Fatalf("entries after first sync = %d, %v; want 1500", len(before), err)
			}
			// Clockify now loses most entries, but the next fetch fails.
			for _, e := range f.fake.Entries("u1")[:1000] {
				f.fake.DeleteEntry(e.ID)
			}
			f.fake.InjectFault(tc.fault)
			f.now = f.now.Add(time.Hour)
			if _, err := f.syncer.Sync(context.Background(), Options{}); err == nil {
				t.Fatal("Sync() succeeded through a fault; want an error")
			}
			after, err := f.store.EntriesForUser("u1", at(1, 0), at(30, 0))
			if err != nil || len(after) != 1500 {
				t.Errorf("entries after failed sync = %d, %v; want the 1500 of before", len(after), err)
			}
			st, err := f.store.SyncStatus()
			if err != nil || st.LastError == "" || !st.LastErrorAt.Equal(f.now) {
				t.Errorf("SyncStatus() = %+v, %v; want the error recorded at %v", st, err, f.now)
			}
			if strings.Contains(st.LastError, f.fake.APIKey) {
				t.Errorf("recorded error %q contains the API key", st.LastError)
			}
		})
	}
}

func TestSyncHonoursRetryAfter(t *testing.T) {
	f := newSyncFixture(t, 7)
	f.fake.AddUser(clockifytest.User{ID: "u1", Email: "ann@example.com", TimeZone: "UTC"})
	f.fake.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", Status: 429, RetryAfter: "7", Times: 1})
	f.sync(t, Options{})
	if got, want := f.sleeps.Waits(), []time.Duration{7 * time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("client waits = %v, want %v", got, want)
	}
}

func TestSyncRequestBudget(t *testing.T) {
	for _, tc := range []struct{ users, perUser int }{{1, 0}, {50, 50}, {200, 10}, {300, 10}} {
		t.Run(fmt.Sprintf("%d users %d entries each", tc.users, tc.perUser), func(t *testing.T) {
			f := newSyncFixture(t, 7)
			monday := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
			f.fake.Generate(tc.users, tc.perUser, monday, 1)
			f.sync(t, Options{}) // first pass backfills
			f.now = f.now.Add(15 * time.Minute)
			before := f.api.Requests()
			res := f.sync(t, Options{})
			e := res.Entries
			budget := int64((e+999)/1000 + 10)
			if got := f.api.Requests() - before; got > budget || got != res.Requests {
				t.Errorf("a pass over %d users and %d entries made %d requests (result says %d), budget %d", tc.users, e, got, res.Requests, budget)
			}
			if e < tc.users*tc.perUser {
				t.Errorf("pass synced %d entries, want at least %d", e, tc.users*tc.perUser)
			}
		})
	}
}
