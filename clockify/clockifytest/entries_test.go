package clockifytest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

const entriesPath = "/api/v1/workspaces/ws-1/user/u1/time-entries"

func entriesServer(t *testing.T) *Server {
	s := NewTB(t, WithClock(fixedClock(day(18, 12, 0))))
	s.AddUser(User{ID: "u1", Email: "ann@example.com", Name: "Ann"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com", Name: "Bob"})
	s.AddProject(Project{ID: "p1", Name: "Design", Billable: true})
	s.AddProject(Project{ID: "p-old", Name: "Old", Archived: true})
	return s
}

func TestISODuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "PT0S"},
		{45 * time.Second, "PT45S"},
		{90 * time.Minute, "PT1H30M"},
		{8 * time.Hour, "PT8H"},
		{26*time.Hour + 5*time.Second, "PT26H5S"},
		{time.Hour + time.Minute + time.Second + 600*time.Millisecond, "PT1H1M1S"},
	} {
		if got := isoDuration(tc.d); got != tc.want {
			t.Errorf("isoDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestUserEntries(t *testing.T) {
	s := entriesServer(t)
	s.AddEntry(Entry{ID: "a", UserID: "u1", ProjectID: "p1", Description: "Mockups", Billable: true, Start: day(16, 9, 0), End: ptr(day(16, 10, 30))})
	s.AddEntry(Entry{ID: "b", UserID: "u1", Start: day(17, 9, 0), End: ptr(day(17, 9, 0).Add(45 * time.Second))})
	s.AddEntry(Entry{ID: "c", UserID: "u1", Start: day(18, 9, 0)})
	s.AddEntry(Entry{ID: "other", UserID: "u2", Start: day(17, 9, 0), End: ptr(day(17, 10, 0))})

	all := call(t, s, "GET", entriesPath, nil).objects(t)
	assertEqual(t, "newest first", ids(all), []string{"c", "b", "a"})
	wantA := map[string]any{
		"id": "a", "description": "Mockups", "userId": "u1", "projectId": "p1", "billable": true,
		"workspaceId": "ws-1", "type": "REGULAR",
		"timeInterval": map[string]any{"start": "2026-11-16T09:00:00Z", "end": "2026-11-16T10:30:00Z", "duration": "PT1H30M"},
	}
	for k, v := range wantA {
		assertEqual(t, "entry a "+k, all[2][k], v)
	}
	assertEqual(t, "running interval", all[0]["timeInterval"], any(map[string]any{"start": "2026-11-18T09:00:00Z", "end": nil, "duration": nil}))
	assertEqual(t, "no project", all[1]["projectId"], nil)
	assertEqual(t, "seconds", all[1]["timeInterval"].(map[string]any)["duration"], any("PT45S"))

	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"start and end on the entry start, both inclusive", "?start=2026-11-16T09:00:00Z&end=2026-11-17T09:00:00Z", []string{"b", "a"}},
		{"start only", "?start=2026-11-16T09:00:01Z", []string{"c", "b"}},
		{"in progress", "?in-progress=true", []string{"c"}},
		{"paged", "?page=2&page-size=2", []string{"a"}},
		{"project", "?project=p1", []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertEqual(t, "entries", ids(call(t, s, "GET", entriesPath+tc.query, nil).objects(t)), tc.want)
		})
	}
	for _, q := range []string{"?start=yesterday", "?page-size=5001", "?page=-1"} {
		t.Run("rejects "+q, func(t *testing.T) {
			call(t, s, "GET", entriesPath+q, nil).wantError(t, http.StatusBadRequest, "")
		})
	}
	t.Run("unknown user", func(t *testing.T) {
		call(t, s, "GET", "/api/v1/workspaces/ws-1/user/nobody/time-entries", nil).wantError(t, http.StatusBadRequest, msgNotMember)
	})
}

// TestUserEntriesOwnerZone checks the live API's quirk: the start/end filters
// are read in the account's time zone, whatever offset they carry.
func TestUserEntriesOwnerZone(t *testing.T) {
	s := entriesServer(t)
	s.SetOwner(User{ID: "u1", Email: "ann@example.com", TimeZone: "Europe/Berlin"})
	s.AddEntry(Entry{ID: "late", UserID: "u1", Start: day(15, 23, 30), End: ptr(day(16, 0, 30))})
	got := call(t, s, "GET", entriesPath+"?start=2026-11-16T00:00:00Z", nil).objects(t)
	assertEqual(t, "entries from Berlin midnight", ids(got), []string{"late"})
}

func TestStartStopTimer(t *testing.T) {
	s := entriesServer(t)
	var first map[string]any
	call(t, s, "POST", entriesPath, map[string]any{"start": "2026-11-18T09:00:00.000Z", "projectId": "p1", "description": "one"}).decode(t, &first)
	if first["billable"] != true || first["timeInterval"].(map[string]any)["end"] != nil {
		t.Errorf("started entry = %v, want billable from the project and running", first)
	}
	r := call(t, s, "POST", entriesPath, map[string]any{"start": "2026-11-18T10:15:00Z", "billable": false})
	if r.Status != http.StatusCreated {
		t.Fatalf("second start: status %d, want 201; %s", r.Status, r.Body)
	}
	var second map[string]any
	r.decode(t, &second)
	es := s.Entries("u1")
	if len(es) != 2 || es[0].End == nil || !es[0].End.Equal(day(18, 10, 15)) {
		t.Fatalf("Entries(u1) = %+v, want the first stopped at 10:15", es)
	}
	run, ok := s.Running("u1")
	if !ok || run.ID != second["id"] || run.Billable {
		t.Fatalf("Running(u1) = %+v, %v; want %v, not billable", run, ok, second["id"])
	}
	var stopped map[string]any
	call(t, s, "PATCH", entriesPath, map[string]any{"end": "2026-11-18T11:45:00Z"}).decode(t, &stopped)
	assertEqual(t, "stopped interval", stopped["timeInterval"], any(map[string]any{
		"start": "2026-11-18T10:15:00Z", "end": "2026-11-18T11:45:00Z", "duration": "PT1H30M",
	}))
	if _, ok := s.Running("u1"); ok {
		t.Error("Running(u1) after stop = true, want false")
	}
	call(t, s, "PATCH", entriesPath, map[string]any{"end": "2026-11-18T12:00:00Z"}).wantError(t, http.StatusNotFound, msgNotRunning)
	if body := string(call(t, s, "PATCH", entriesPath, map[string]any{"end": "2026-11-18T12:00:00Z"}).Body); body != "{\"message\":\"Currently running time entry doesn't exist\",\"code\":404}\n" {
		t.Errorf("stop with nothing running body = %s", body)
	}

	t.Run("no start uses the clock", func(t *testing.T) {
		var e map[string]any
		call(t, s, "POST", "/api/v1/workspaces/ws-1/user/u2/time-entries", map[string]any{"description": "now"}).decode(t, &e)
		assertEqual(t, "start", e["timeInterval"].(map[string]any)["start"], any("2026-11-18T12:00:00Z"))
	})
	t.Run("completed entry leaves the timer running", func(t *testing.T) {
		call(t, s, "POST", "/api/v1/workspaces/ws-1/user/u2/time-entries", map[string]any{"start": "2026-11-17T08:00:00Z", "end": "2026-11-17T09:00:00Z"})
		if _, ok := s.Running("u2"); !ok {
			t.Error("Running(u2) = false after adding a completed entry, want the timer still running")
		}
	})
	t.Run("stop before the start", func(t *testing.T) {
		call(t, s, "PATCH", "/api/v1/workspaces/ws-1/user/u2/time-entries", map[string]any{"end": "2026-11-18T11:00:00Z"}).wantError(t, http.StatusBadRequest, msgEndBeforeStart)
	})
}

func TestCreateEntryValidation(t *testing.T) {
	for _, tc := range []struct {
		name           string
		requireProject bool
		user           string
		body           any
		wantMsg        string
	}{
		{"unknown project", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "projectId": "nope"}, msgNoSuchProject},
		{"archived project", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "projectId": "p-old"}, msgArchived},
		{"project required", true, "u1", map[string]any{"start": "2026-11-18T09:00:00Z"}, msgProjectRequired},
		{"end before start", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "end": "2026-11-18T08:00:00Z"}, msgEndBeforeStart},
		{"end at start", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "end": "2026-11-18T09:00:00Z"}, msgEndBeforeStart},
		{"locked period", false, "u1", map[string]any{"start": "2026-11-15T09:00:00Z", "end": "2026-11-15T10:00:00Z"}, msgLocked},
		{"end with offset", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "end": "2026-11-18T10:00:00+01:00"}, ""},
		{"long description", false, "u1", map[string]any{"start": "2026-11-18T09:00:00Z", "end": "2026-11-18T10:00:00Z", "description": strings.Repeat("é", 3001)}, ""},
		{"unknown user", false, "nobody", map[string]any{"start": "2026-11-18T09:00:00Z"}, msgNotMember},
		{"bad type", false, "u1", map[string]any{"type": "HOLIDAY"}, ""},
		{"bad start", false, "u1", map[string]any{"start": "9am"}, ""},
		{"not json", false, "u1", "{", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := entriesServer(t)
			s.SetRequireProject(tc.requireProject)
			s.LockEntriesBefore(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
			call(t, s, "POST", "/api/v1/workspaces/ws-1/user/"+tc.user+"/time-entries", tc.body).wantError(t, http.StatusBadRequest, tc.wantMsg)
			if n := len(s.Entries("u1")); n != 0 {
				t.Errorf("a rejected create stored %d entries", n)
			}
		})
	}
	t.Run("finished entry after the lock date", func(t *testing.T) {
		s := entriesServer(t)
		s.LockEntriesBefore(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
		r := call(t, s, "POST", entriesPath, map[string]any{"start": "2026-11-16T09:00:00Z", "end": "2026-11-16T10:30:00Z", "description": "review"})
		if r.Status != http.StatusCreated {
			t.Fatalf("finished entry: status %d, want 201; %s", r.Status, r.Body)
		}
		if es := s.Entries("u1"); len(es) != 1 || es[0].End == nil || !es[0].End.Equal(time.Date(2026, 11, 16, 10, 30, 0, 0, time.UTC)) {
			t.Errorf("stored %+v, want one entry ending 10:30", es)
		}
	})
	t.Run("break needs no project", func(t *testing.T) {
		s := entriesServer(t)
		s.SetRequireProject(true)
		if r := call(t, s, "POST", entriesPath, map[string]any{"type": "BREAK"}); r.Status != http.StatusCreated {
			t.Errorf("break without project: status %d, want 201; %s", r.Status, r.Body)
		}
	})
}

func TestInProgress(t *testing.T) {
	s := entriesServer(t)
	s.AddUser(User{ID: "u3", Email: "cat@example.com"})
	s.AddEntry(Entry{ID: "r2", UserID: "u2", Start: day(18, 8, 0)})
	s.AddEntry(Entry{ID: "r1", UserID: "u1", Start: day(18, 9, 0)})
	s.AddEntry(Entry{ID: "r3", UserID: "u3", Start: day(18, 7, 0)})
	s.AddEntry(Entry{ID: "done", UserID: "u3", Start: day(17, 7, 0), End: ptr(day(17, 8, 0))})
	const path = "/api/v1/workspaces/ws-1/time-entries/status/in-progress"
	assertEqual(t, "in progress", ids(call(t, s, "GET", path, nil).objects(t)), []string{"r3", "r2", "r1"})
	p2 := call(t, s, "GET", path+"?page=2&page-size=2", nil)
	assertEqual(t, "second page", ids(p2.objects(t)), []string{"r1"})
	assertEqual(t, "Last-Page", p2.Header.Get("Last-Page"), "true")
	call(t, s, "GET", path+"?page-size=1000", nil).objects(t)
	call(t, s, "GET", path+"?page-size=1001", nil).wantError(t, http.StatusBadRequest, "")
}

func TestAddUpdateDeleteEntry(t *testing.T) {
	s := entriesServer(t)
	id := s.AddEntry(Entry{UserID: "u1", Start: day(16, 9, 0), End: ptr(day(16, 10, 0))})
	if id == "" {
		t.Fatal("AddEntry() returned an empty id")
	}
	s.AddEntry(Entry{ID: "run", UserID: "u1", Start: day(17, 9, 0)})
	s.AddEntry(Entry{ID: "run2", UserID: "u1", Start: day(17, 11, 0)}) // stops "run" at 11:00
	if got := s.Entries("u1"); len(got) != 3 || got[1].End == nil || !got[1].End.Equal(day(17, 11, 0)) {
		t.Fatalf("Entries(u1) = %+v, want run stopped at 11:00", got)
	}
	if !s.UpdateEntry(Entry{ID: id, UserID: "u1", Start: day(18, 9, 0), End: ptr(day(18, 9, 30))}) {
		t.Fatal("UpdateEntry(existing) = false")
	}
	if s.UpdateEntry(Entry{ID: "missing", UserID: "u1"}) || s.DeleteEntry("missing") {
		t.Error("UpdateEntry/DeleteEntry of a missing entry = true, want false")
	}
	if !s.DeleteEntry("run") {
		t.Error("DeleteEntry(run) = false")
	}
	assertEqual(t, "entries over the API", ids(call(t, s, "GET", entriesPath, nil).objects(t)), []string{id, "run2"})
	got := s.Entries("u1") // run2 (running), then id
	*got[1].End = time.Time{}
	if s.Entries("u1")[1].End.IsZero() {
		t.Error("Entries() returned memory shared with the server")
	}
}
