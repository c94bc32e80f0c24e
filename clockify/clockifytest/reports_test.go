package clockifytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

const reportPath = "/reports/v1/workspaces/ws-1/reports/detailed"

// report is a detailed report decoded with the live wire names.
type report struct {
	Totals []struct {
		ID           string `json:"_id"`
		TotalTime    int64  `json:"totalTime"`
		EntriesCount int    `json:"entriesCount"`
	} `json:"totals"`
	TimeEntries []map[string]any `json:"timeentries"`
}

func reportBody(start, end string, extra map[string]any) map[string]any {
	b := map[string]any{
		"dateRangeStart": start, "dateRangeEnd": end,
		"detailedFilter": map[string]any{"page": 1, "pageSize": 50},
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func reportServer(t *testing.T) *Server {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com", Name: "Ann"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com", Name: "Bob"})
	s.AddProject(Project{ID: "p1", Name: "Design", ClientName: "Globex", Billable: true})
	s.AddEntry(Entry{ID: "first", UserID: "u1", ProjectID: "p1", Billable: true, Description: "Mockups", Start: day(16, 0, 0), End: ptr(day(16, 1, 30))})
	s.AddEntry(Entry{ID: "mid", UserID: "u2", Start: day(17, 9, 0), End: ptr(day(17, 9, 0).Add(61 * time.Second))})
	s.AddEntry(Entry{ID: "last", UserID: "u1", Start: day(22, 23, 59).Add(59 * time.Second), End: ptr(day(23, 1, 0))})
	s.AddEntry(Entry{ID: "running", UserID: "u2", Start: day(18, 9, 0)})
	s.AddEntry(Entry{ID: "outside", UserID: "u1", Start: day(23, 0, 0), End: ptr(day(23, 0, 30))})
	return s
}

func TestReportWire(t *testing.T) {
	s := reportServer(t)
	r := call(t, s, "POST", reportPath, reportBody("2026-11-16T00:00:00.000Z", "2026-11-16T23:59:59.999Z", nil))
	var raw map[string]json.RawMessage
	r.decode(t, &raw)
	if _, ok := raw["timeentries"]; !ok {
		t.Fatalf("report %s has no \"timeentries\"", r.Body)
	}
	var rep report
	r.decode(t, &rep)
	want := map[string]any{
		"_id": "first", "description": "Mockups", "userId": "u1", "userEmail": "ann@example.com", "userName": "Ann",
		"projectId": "p1", "projectName": "Design", "clientName": "Globex", "billable": true, "type": "REGULAR",
		"timeInterval": map[string]any{"start": "2026-11-16T00:00:00Z", "end": "2026-11-16T01:30:00Z", "duration": float64(5400)},
	}
	for k, v := range want {
		assertEqual(t, "row "+k, rep.TimeEntries[0][k], v)
	}
	if len(rep.Totals) != 1 || rep.Totals[0].ID != "" || rep.Totals[0].TotalTime != 5400 || rep.Totals[0].EntriesCount != 1 {
		t.Errorf("totals = %+v, want one with _id \"\", 5400 s, 1 entry", rep.Totals)
	}
}

func TestReportRange(t *testing.T) {
	for _, tc := range []struct {
		name, start, end string
		extra            map[string]any
		want             []string
	}{
		{"end inclusive, running excluded", "2026-11-16T00:00:00.000Z", "2026-11-22T23:59:59.000Z", nil, []string{"first", "mid", "last"}},
		{"end just before the last start", "2026-11-16T00:00:00Z", "2026-11-22T23:59:58.999Z", nil, []string{"first", "mid"}},
		{"start inclusive", "2026-11-16T00:00:00Z", "2026-11-16T00:00:00Z", nil, []string{"first"}},
		{"no fraction, no zone: UTC", "2026-11-17T00:00:00", "2026-11-17T23:59:59", nil, []string{"mid"}},
		{"no zone: in timeZone", "2026-11-16T01:00:00", "2026-11-16T02:00:00", map[string]any{"timeZone": "Europe/Berlin"}, []string{"first"}},
		{"explicit offset wins over timeZone", "2026-11-16T01:00:00+01:00", "2026-11-16T02:00:00+01:00", map[string]any{"timeZone": "Asia/Tokyo"}, []string{"first"}},
		{"users contains", "2026-11-16T00:00:00Z", "2026-11-23T23:59:59Z", map[string]any{"users": map[string]any{"ids": []string{"u2"}, "contains": "CONTAINS"}}, []string{"mid"}},
		{"users does not contain", "2026-11-16T00:00:00Z", "2026-11-23T23:59:59Z", map[string]any{"users": map[string]any{"ids": []string{"u2"}, "contains": "DOES_NOT_CONTAIN"}}, []string{"first", "last", "outside"}},
		{"descending", "2026-11-16T00:00:00Z", "2026-11-17T23:59:59Z", map[string]any{"sortOrder": "DESCENDING"}, []string{"mid", "first"}},
		{"exactly 31 days", "2026-11-01T00:00:00Z", "2026-12-02T00:00:00Z", nil, []string{"first", "mid", "last", "outside"}},
		{"31 days across a DST change", "2026-10-01T00:00:00", "2026-10-31T23:59:59.999", map[string]any{"timeZone": "Europe/Berlin"}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := reportServer(t)
			var rep report
			call(t, s, "POST", reportPath, reportBody(tc.start, tc.end, tc.extra)).decode(t, &rep)
			assertEqual(t, "report rows", ids(rep.TimeEntries), tc.want)
		})
	}
}

func TestReportRejects(t *testing.T) {
	s := reportServer(t)
	for _, tc := range []struct {
		name string
		body any
	}{
		{"longer than 31 days", reportBody("2026-11-01T00:00:00Z", "2026-12-02T00:00:00.001Z", nil)},
		{"page size over 1000", map[string]any{"dateRangeStart": "2026-11-16T00:00:00Z", "dateRangeEnd": "2026-11-17T00:00:00Z", "detailedFilter": map[string]any{"page": 1, "pageSize": 1001}}},
		{"page 0", map[string]any{"dateRangeStart": "2026-11-16T00:00:00Z", "dateRangeEnd": "2026-11-17T00:00:00Z", "detailedFilter": map[string]any{"page": 0, "pageSize": 10}}},
		{"missing range", map[string]any{"detailedFilter": map[string]any{"page": 1, "pageSize": 10}}},
		{"end before start", reportBody("2026-11-17T00:00:00Z", "2026-11-16T00:00:00Z", nil)},
		{"bad date", reportBody("16/11/2026", "2026-11-17T00:00:00Z", nil)},
		{"bad time zone", reportBody("2026-11-16T00:00:00", "2026-11-17T00:00:00", map[string]any{"timeZone": "Mars/Olympus"})},
		{"not json", "{"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			call(t, s, "POST", reportPath, tc.body).wantError(t, http.StatusBadRequest, "")
		})
	}
	t.Run("limit is configurable", func(t *testing.T) {
		s := reportServer(t)
		s.SetReportMaxDays(0)
		var rep report
		call(t, s, "POST", reportPath, reportBody("2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z", nil)).decode(t, &rep)
		if len(rep.TimeEntries) != 4 {
			t.Errorf("a year with no limit gave %d rows, want 4", len(rep.TimeEntries))
		}
		s2 := NewTB(t, WithReportMaxDays(7))
		call(t, s2, "POST", reportPath, reportBody("2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z", nil)).wantError(t, http.StatusBadRequest, "")
	})
}

func TestReportPaging(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com"})
	var want []string
	for i := range 25 {
		id := fmt.Sprintf("e%02d", 24-i) // equal starts: ordered by id
		want = append([]string{id}, want...)
		s.AddEntry(Entry{ID: id, UserID: "u1", Start: day(16, 9, 0), End: ptr(day(16, 10, 0))})
	}
	var got []string
	for page := 1; page <= 3; page++ {
		var rep report
		body := reportBody("2026-11-16T00:00:00Z", "2026-11-16T23:59:59Z", map[string]any{"detailedFilter": map[string]any{"page": page, "pageSize": 10}})
		call(t, s, "POST", reportPath, body).decode(t, &rep)
		if rep.Totals[0].EntriesCount != 25 || rep.Totals[0].TotalTime != 25*3600 {
			t.Errorf("page %d totals = %+v, want 25 entries, 90000 s", page, rep.Totals)
		}
		got = append(got, ids(rep.TimeEntries)...)
	}
	assertEqual(t, "rows over three pages", got, want)
	r := call(t, s, "POST", reportPath, reportBody("2026-11-17T00:00:00Z", "2026-11-17T23:59:59Z", nil))
	if got, want := string(r.Body), `{"totals":[null],"timeentries":[]}`+"\n"; got != want {
		t.Errorf("empty report = %s, want %s", got, want)
	}
}
