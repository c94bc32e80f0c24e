package clockify_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// replayReport is a stand-in for Clockify's detailed report that answers
// any page of a report of total rows after latency, with rows copied from
// one the fake Clockify rendered (only the id differs). The fake itself
// filters the whole workspace for every page (about 330 ms a page at
// 400,000 entries on the benchmark machine), which would measure the fake,
// not the client.
func replayReport(tb testing.TB, total int, latency time.Duration) *httptest.Server {
	tb.Helper()
	fake := clockifytest.NewTB(tb)
	fake.Generate(1, 1, benchWeek, 1)
	q := fmt.Sprintf(`{"dateRangeStart":%q,"dateRangeEnd":%q,"timeZone":"UTC","exportType":"JSON","amountShown":"HIDE_AMOUNT","detailedFilter":{"page":1,"pageSize":1,"sortColumn":"ID"}}`,
		benchWeek.Format("2006-01-02T15:04:05.000Z"), benchWeek.AddDate(0, 0, 7).Add(-time.Millisecond).Format("2006-01-02T15:04:05.000Z"))
	req, _ := http.NewRequest(http.MethodPost, fake.ReportsURL+"/workspaces/"+fake.WorkspaceID+"/reports/detailed", bytes.NewBufferString(q))
	req.Header.Set("X-Api-Key", fake.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		TimeEntries []map[string]any `json:"timeentries"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.TimeEntries) != 1 {
		tb.Fatalf("template row: %v, %d rows", err, len(page.TimeEntries))
	}
	row := page.TimeEntries[0]
	row["_id"] = "ID_PLACEHOLDER"
	tmpl, _ := json.Marshal(row)
	before, after, _ := bytes.Cut(tmpl, []byte("ID_PLACEHOLDER"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			DetailedFilter struct{ Page, PageSize int } `json:"detailedFilter"`
		}
		raw, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(raw, &body); err != nil || body.DetailedFilter.Page < 1 || body.DetailedFilter.PageSize < 1 {
			http.Error(w, "bad detailedFilter", http.StatusBadRequest)
			return
		}
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
		p, size := body.DetailedFilter.Page, body.DetailedFilter.PageSize
		lo, hi := min((p-1)*size, total), min(p*size, total)
		out := make([]byte, 0, (hi-lo)*(len(tmpl)+8)+100)
		out = append(out, `{"totals":[{"entriesCount":`...)
		out = strconv.AppendInt(out, int64(total), 10)
		out = append(out, `}],"timeentries":[`...)
		for i := lo; i < hi; i++ {
			if i > lo {
				out = append(out, ',')
			}
			out = append(out, before...)
			out = fmt.Appendf(out, "te-%07d", i)
			out = append(out, after...)
		}
		out = append(out, "]}"...)
		w.Header().Set("Content-Type", "application/json")
		w.Write(out)
	}))
	tb.Cleanup(srv.Close)
	return srv
}
