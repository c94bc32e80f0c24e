package clockify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// projectPages answers project listings from total items, honouring page and
// page-size, and sets "Last-Page: true" on page lastPage when it is > 0.
func projectPages(t *testing.T, total, lastPage int) func(w http.ResponseWriter, r *http.Request, body []byte) {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		page, err1 := strconv.Atoi(r.URL.Query().Get("page"))
		size, err2 := strconv.Atoi(r.URL.Query().Get("page-size"))
		if err1 != nil || err2 != nil || page < 1 || size < 1 {
			t.Errorf("bad paging query %q", r.URL.RawQuery)
		}
		items := []Project{}
		for i := (page - 1) * size; i < min(page*size, total); i++ {
			items = append(items, Project{ID: fmt.Sprintf("p%d", i)})
		}
		if page == lastPage {
			w.Header().Set("Last-Page", "true")
		}
		writeJSON(w, 200, items)
	}
}

func TestGetPages(t *testing.T) {
	tests := []struct {
		name      string
		total     int
		lastPage  int
		pageSize  int
		wantReqs  int
		wantItems int
	}{
		{name: "short last page", total: 5, pageSize: 2, wantReqs: 3, wantItems: 5},
		{name: "exact multiple ends on empty page", total: 4, pageSize: 2, wantReqs: 3, wantItems: 4},
		{name: "empty", total: 0, pageSize: 2, wantReqs: 1, wantItems: 0},
		{name: "Last-Page header on a full page", total: 10, lastPage: 2, pageSize: 2, wantReqs: 2, wantItems: 4},
		{name: "default page size", total: 7, wantReqs: 1, wantItems: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, projectPages(t, tt.total, tt.lastPage))
			c, _ := newTestClient(t, ts)
			got, err := c.Projects(context.Background(), "ws1", &ProjectsOptions{PageSize: tt.pageSize})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantItems {
				t.Errorf("got %d projects, want %d", len(got), tt.wantItems)
			}
			for i, p := range got {
				if want := fmt.Sprintf("p%d", i); p.ID != want {
					t.Errorf("project %d = %q, want %q", i, p.ID, want)
				}
			}
			reqs := ts.requests()
			if len(reqs) != tt.wantReqs {
				t.Fatalf("got %d requests, want %d", len(reqs), tt.wantReqs)
			}
			for i, r := range reqs {
				if want := fmt.Sprintf("page=%d&", i+1); !strings.Contains(r.Query, want) {
					t.Errorf("request %d query %q lacks %q", i, r.Query, want)
				}
			}
		})
	}
}

// TestGetPagesCap checks that a server that always answers a full page
// stops the client after 10,000 pages with an error.
func TestGetPagesCap(t *testing.T) {
	var n int
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		n++
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`[{"id":"u"}]`)), Request: r}, nil
	})
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: rt}), WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Projects(context.Background(), "ws1", &ProjectsOptions{PageSize: 1})
	if err == nil || !strings.Contains(err.Error(), "more than 10000 pages") {
		t.Errorf("got error %v, want one about more than 10000 pages", err)
	}
	if n != 10000 || c.Requests() != 10000 {
		t.Errorf("got %d round trips and Requests() = %d, want 10000", n, c.Requests())
	}
}

// reportPages answers detailed report pages from total entries, like the
// live API: rows under "timeentries" and the count in totals[0].
func reportPages(t *testing.T, total int) func(w http.ResponseWriter, r *http.Request, body []byte) {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		var req reportRequest
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("bad report body %s: %v", body, err)
		}
		page, size := req.DetailedFilter.Page, req.DetailedFilter.PageSize
		rows := []map[string]any{}
		for i := (page - 1) * size; i < min(page*size, total); i++ {
			rows = append(rows, map[string]any{"_id": fmt.Sprintf("r%d", i), "timeInterval": map[string]any{"duration": 60}})
		}
		totals := []any{nil}
		if total > 0 {
			totals = []any{map[string]any{"entriesCount": total}}
		}
		writeJSON(w, 200, map[string]any{"timeentries": rows, "totals": totals})
	}
}

func TestDetailedReportPaging(t *testing.T) {
	tests := []struct {
		entries  int
		wantReqs int
	}{
		{entries: 0, wantReqs: 1},
		{entries: 1, wantReqs: 1},
		{entries: 1000, wantReqs: 1}, // entriesCount reached: no empty page
		{entries: 2000, wantReqs: 2},
		{entries: 2500, wantReqs: 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.entries), func(t *testing.T) {
			ts := newTestServer(t, reportPages(t, tt.entries))
			c, _ := newTestClient(t, ts)
			got, err := c.DetailedReport(context.Background(), "ws1", DetailedReportOptions{Start: weekStart, End: weekEnd})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.entries {
				t.Errorf("got %d rows, want %d", len(got), tt.entries)
			}
			if len(got) > 0 && (got[len(got)-1].ID != fmt.Sprintf("r%d", tt.entries-1) || got[0].TimeInterval.Duration != 60) {
				t.Errorf("got last row %+v, want id r%d with duration 60", got[len(got)-1], tt.entries-1)
			}
			if n := c.Requests(); n != int64(tt.wantReqs) {
				t.Errorf("Requests() = %d, want %d", n, tt.wantReqs)
			}
			for i, r := range ts.requests() {
				var req reportRequest
				json.Unmarshal(r.Body, &req)
				if req.DetailedFilter.Page != i+1 || req.DetailedFilter.PageSize != 1000 {
					t.Errorf("request %d asked page %d size %d, want page %d size 1000", i, req.DetailedFilter.Page, req.DetailedFilter.PageSize, i+1)
				}
			}
		})
	}
}

func TestTimeOffPaging(t *testing.T) {
	tests := []struct {
		total, pageSize, wantReqs int
	}{
		{total: 0, pageSize: 0, wantReqs: 1},
		{total: 450, pageSize: 0, wantReqs: 3},
		{total: 400, pageSize: 0, wantReqs: 2}, // count reached
		{total: 5, pageSize: 500, wantReqs: 1}, // page size capped at 200
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d by %d", tt.total, tt.pageSize), func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
				var q timeOffQuery
				json.Unmarshal(body, &q)
				if q.PageSize != 200 {
					t.Errorf("pageSize = %d, want 200", q.PageSize)
				}
				reqs := []TimeOffRequest{}
				for i := (q.Page - 1) * q.PageSize; i < min(q.Page*q.PageSize, tt.total); i++ {
					reqs = append(reqs, TimeOffRequest{ID: fmt.Sprint(i)})
				}
				writeJSON(w, 200, timeOffPage{Count: tt.total, Requests: reqs})
			})
			c, _ := newTestClient(t, ts)
			got, err := c.TimeOffRequests(context.Background(), "ws1", TimeOffOptions{PageSize: tt.pageSize})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.total {
				t.Errorf("got %d requests, want %d", len(got), tt.total)
			}
			if n := c.Requests(); n != int64(tt.wantReqs) {
				t.Errorf("Requests() = %d, want %d", n, tt.wantReqs)
			}
		})
	}
}

func TestCutOffListingsAreErrors(t *testing.T) {
	t.Run("report", func(t *testing.T) {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
			// 400 rows on a page of 1000 while the totals promise 1500.
			rows := []map[string]any{}
			for i := 0; i < 400; i++ {
				rows = append(rows, map[string]any{"_id": fmt.Sprint(i)})
			}
			writeJSON(w, 200, map[string]any{"timeentries": rows, "totals": []any{map[string]any{"entriesCount": 1500}}})
		})
		c, _ := newTestClient(t, ts)
		got, err := c.DetailedReport(context.Background(), "ws1", DetailedReportOptions{Start: weekStart, End: weekEnd})
		if !errors.Is(err, ErrIncomplete) || got != nil {
			t.Errorf("DetailedReport() = %d rows, %v; want ErrIncomplete and no rows", len(got), err)
		}
	})
	t.Run("time off", func(t *testing.T) {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
			writeJSON(w, 200, timeOffPage{Count: 300, Requests: []TimeOffRequest{{ID: "1"}}})
		})
		c, _ := newTestClient(t, ts)
		got, err := c.TimeOffRequests(context.Background(), "ws1", TimeOffOptions{})
		if !errors.Is(err, ErrIncomplete) || got != nil {
			t.Errorf("TimeOffRequests() = %d requests, %v; want ErrIncomplete and none", len(got), err)
		}
	})
}
