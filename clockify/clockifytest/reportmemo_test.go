package clockifytest

import (
	"fmt"
	"testing"
	"time"
)

// pagedReport fetches page of the report of 2026-11-16 with pageSize 10.
func pagedReport(t *testing.T, s *Server, page int, extra map[string]any) report {
	t.Helper()
	body := reportBody("2026-11-16T00:00:00Z", "2026-11-16T23:59:59Z", extra)
	body["detailedFilter"] = map[string]any{"page": page, "pageSize": 10}
	var rep report
	call(t, s, "POST", reportPath, body).decode(t, &rep)
	return rep
}

// reportScans returns how many report queries of the default workspace
// filtered the range.
func reportScans(s *Server) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.primary().reports.scanCount()
}

// memoServer holds 25 one-hour entries of u1 on 2026-11-16, e00..e24.
func memoServer(t *testing.T) *Server {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com"})
	for i := range 25 {
		s.AddEntry(Entry{ID: fmt.Sprintf("e%02d", i), UserID: "u1", Start: day(16, 9, 0), End: ptr(day(16, 10, 0))})
	}
	return s
}

func TestReportPagesFilterOnce(t *testing.T) {
	s := memoServer(t)
	for page := 1; page <= 3; page++ {
		pagedReport(t, s, page, nil)
	}
	if got := reportScans(s); got != 1 {
		t.Errorf("three pages of one report filtered the range %d times, want 1", got)
	}
	pagedReport(t, s, 2, map[string]any{"users": map[string]any{"ids": []string{"u1"}}})
	pagedReport(t, s, 1, map[string]any{"sortOrder": "DESCENDING"})
	if got := reportScans(s); got != 3 {
		t.Errorf("two other queries: the range was filtered %d times in all, want 3", got)
	}
}

func TestReportPagesFollowChanges(t *testing.T) {
	for _, tc := range []struct {
		name        string
		change      func(s *Server)
		count       int
		totalTime   int64
		firstOnPage string // the first row of page 2
	}{
		{"entry added", func(s *Server) {
			s.AddEntry(Entry{ID: "a00", UserID: "u2", Start: day(16, 9, 0), End: ptr(day(16, 9, 30))})
		}, 26, 25*3600 + 1800, "e09"},
		{"entry deleted", func(s *Server) { s.DeleteEntry("e03") }, 24, 24 * 3600, "e11"},
		{"entry updated", func(s *Server) {
			s.UpdateEntry(Entry{ID: "e05", UserID: "u1", Start: day(16, 9, 0), End: ptr(day(16, 11, 0))})
		}, 25, 26 * 3600, "e10"},
		{"entry moved out", func(s *Server) {
			s.UpdateEntry(Entry{ID: "e00", UserID: "u1", Start: day(17, 9, 0), End: ptr(day(17, 10, 0))})
		}, 24, 24 * 3600, "e11"},
		{"running timer stopped", func(s *Server) {
			s.AddEntry(Entry{ID: "r00", UserID: "u2", Start: day(16, 8, 0)})
			pagedReport(t, s, 1, nil) // remembered without the running entry
			s.UpdateEntry(Entry{ID: "r00", UserID: "u2", Start: day(16, 8, 0), End: ptr(day(16, 8, 0).Add(time.Hour))})
		}, 26, 26 * 3600, "e09"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := memoServer(t)
			pagedReport(t, s, 1, nil)
			tc.change(s)
			rep := pagedReport(t, s, 2, nil)
			if got := rep.Totals[0]; got.EntriesCount != tc.count || got.TotalTime != tc.totalTime {
				t.Errorf("page 2 totals after the change = %+v, want %d entries, %d s", got, tc.count, tc.totalTime)
			}
			if got := ids(rep.TimeEntries); len(got) == 0 || got[0] != tc.firstOnPage {
				t.Errorf("page 2 after the change = %v, want it to start with %s", got, tc.firstOnPage)
			}
		})
	}
}

func TestReportPagesFaultsNotRemembered(t *testing.T) {
	s := memoServer(t)
	pagedReport(t, s, 1, nil)
	s.InjectFault(Fault{PathContains: "/reports/detailed", DropItem: true, Times: 1})
	rep := pagedReport(t, s, 1, nil)
	if got := rep.Totals[0]; got.EntriesCount != 24 || got.TotalTime != 24*3600 || ids(rep.TimeEntries)[0] != "e01" {
		t.Errorf("page 1 under DropItem = %+v %v, want 24 entries, 86400 s, from e01", got, ids(rep.TimeEntries))
	}
	s.InjectFault(Fault{PathContains: "/reports/detailed", ShortPage: true, Times: 1})
	if rep := pagedReport(t, s, 2, nil); len(rep.TimeEntries) != 5 || rep.Totals[0].EntriesCount != 25 {
		t.Errorf("page 2 under ShortPage = %d rows of %d, want 5 of 25", len(rep.TimeEntries), rep.Totals[0].EntriesCount)
	}
	rep = pagedReport(t, s, 3, nil)
	if got := rep.Totals[0]; got.EntriesCount != 25 || len(rep.TimeEntries) != 5 || ids(rep.TimeEntries)[0] != "e20" {
		t.Errorf("page 3 after the faults = %+v %v, want 25 entries, 5 rows from e20", got, ids(rep.TimeEntries))
	}
}
