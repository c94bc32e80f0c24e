package clockifytest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

var genWeek = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC) // a Monday

func TestGenerate(t *testing.T) {
	for _, tc := range []struct{ users, perUser int }{{1, 0}, {12, 20}, {7, 3}, {30, 41}} {
		t.Run(fmt.Sprintf("%dx%d", tc.users, tc.perUser), func(t *testing.T) {
			s := NewTB(t)
			s.Generate(tc.users, tc.perUser, genWeek, 1)
			users := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=true&page-size=5000", nil).objects(t)
			if len(users) != tc.users {
				t.Fatalf("got %d users, want %d", len(users), tc.users)
			}
			if len(call(t, s, "GET", "/api/v1/workspaces/ws-1/projects", nil).objects(t)) != 5 {
				t.Error("want 5 projects")
			}
			zones := map[string]int{}
			total := 0
			for i, u := range users {
				id := fmt.Sprintf("u%04d", i+1)
				if u["id"] != id || u["email"] != id+"@example.com" {
					t.Fatalf("user %d = %v, want %s", i, u, id)
				}
				zones[u["settings"].(map[string]any)["timeZone"].(string)]++
				es := s.Entries(id)
				total += len(es)
				for j, e := range es {
					if e.End == nil || e.Start.Before(genWeek) || !e.End.Before(genWeek.AddDate(0, 0, 5)) || !e.End.After(e.Start) {
						t.Fatalf("entry %+v is not a completed entry inside Monday to Friday", e)
					}
					if j > 0 && es[j-1].End.After(e.Start) {
						t.Fatalf("entries %s and %s of %s overlap", es[j-1].ID, e.ID, id)
					}
				}
			}
			if total != tc.users*tc.perUser {
				t.Errorf("got %d entries, want %d", total, tc.users*tc.perUser)
			}
			if tc.users >= 4 && len(zones) != 4 {
				t.Errorf("time zones = %v, want all four", zones)
			}
			var rep report
			call(t, s, "POST", reportPath, reportBody("2026-11-16T00:00:00Z", "2026-11-22T23:59:59.999Z", nil)).decode(t, &rep)
			if tc.perUser > 0 && rep.Totals[0].EntriesCount != tc.users*tc.perUser {
				t.Errorf("report counts %d entries, want %d", rep.Totals[0].EntriesCount, tc.users*tc.perUser)
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b, c := NewTB(t), NewTB(t), NewTB(t)
	a.Generate(5, 10, genWeek, 42)
	b.Generate(5, 10, genWeek, 42)
	c.Generate(5, 10, genWeek, 43)
	assertEqual(t, "same seed", a.Entries("u0003"), b.Entries("u0003"))
	if fmt.Sprint(a.Entries("u0003")) == fmt.Sprint(c.Entries("u0003")) {
		t.Error("different seeds gave the same entries")
	}
	a.Generate(5, 4, genWeek.AddDate(0, 0, 7), 2)
	if n := len(a.Entries("u0001")); n != 14 {
		t.Errorf("after a second Generate u0001 has %d entries, want 14", n)
	}
}

// TestConcurrentUse runs requests and mutations in parallel; run with -race.
func TestConcurrentUse(t *testing.T) {
	s := NewTB(t, WithClock(fixedClock(day(18, 12, 0))))
	s.Generate(20, 10, genWeek, 1)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("u%04d", g+1)
			path := "/api/v1/workspaces/ws-1/user/" + user + "/time-entries"
			ctx := context.Background()
			for i := range 10 {
				start := day(19, 8, 0).Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
				if r, err := send(ctx, s, s.APIKey, "POST", path, map[string]any{"start": start, "projectId": "proj-1"}); err != nil || r.Status != http.StatusCreated {
					t.Errorf("start timer: %v, %v", r.Status, err)
				}
				if r, err := send(ctx, s, s.APIKey, "POST", reportPath, reportBody("2026-11-16T00:00:00Z", "2026-11-22T23:59:59Z", nil)); err != nil || r.Status != http.StatusOK {
					t.Errorf("report: %v, %v", r.Status, err)
				}
				s.AddEntry(Entry{UserID: "u0020", Start: day(20, 9, g*10+i), End: ptr(day(20, 12, 0))})
				s.Entries(user)
			}
			if r, err := send(ctx, s, s.APIKey, "PATCH", path, map[string]any{"end": "2026-11-19T12:00:00Z"}); err != nil || r.Status != http.StatusOK {
				t.Errorf("stop timer: %v, %v", r.Status, err)
			}
		}()
	}
	wg.Wait()
	for g := range 8 {
		if es := s.Entries(fmt.Sprintf("u%04d", g+1)); len(es) != 20 {
			t.Errorf("user %d has %d entries, want 20", g+1, len(es))
		}
	}
	if n := len(s.Entries("u0020")); n != 10+80 {
		t.Errorf("u0020 has %d entries, want 90", n)
	}
}

// BenchmarkReportWeek pages through a week of 1,000 users with 40 entries
// each, 1,000 rows a page.
func BenchmarkReportWeek(b *testing.B) {
	s := NewTB(b)
	s.Generate(1000, 40, genWeek, 1)
	body := func(page int) map[string]any {
		return reportBody("2026-11-16T00:00:00Z", "2026-11-22T23:59:59.999Z",
			map[string]any{"detailedFilter": map[string]any{"page": page, "pageSize": 1000}})
	}
	b.ResetTimer()
	for b.Loop() {
		for page := 1; page <= 40; page++ {
			var rep report
			call(b, s, "POST", reportPath, body(page)).decode(b, &rep)
			if len(rep.TimeEntries) != 1000 {
				b.Fatalf("page %d has %d rows, want 1000", page, len(rep.TimeEntries))
			}
		}
	}
}
