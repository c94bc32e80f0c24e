package clockifytest

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// parseReportTime parses a report date. A value with an offset ("Z" or
// "+02:00") is an instant; without one it is a wall-clock time in loc.
// Fractions of a second are optional.
func parseReportTime(name, v string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", dateLayout} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s must be in YYYY-MM-DDTHH:MM:SS.ssssss format, got %q", name, v)
}

// wallSpan is the length of [start, end] on the wall clock of loc, so that a
// DST change inside the range does not count.
func wallSpan(start, end time.Time, loc *time.Location) time.Duration {
	naive := func(t time.Time) time.Time { return wallClockIn(t.In(loc), time.UTC) }
	return naive(end).Sub(naive(start))
}

// reportPage reads detailedFilter.page and pageSize.
func reportPage(f *wireDetailedFilter) (page, error) {
	p := page{num: 1, size: 50}
	if f == nil {
		return p, nil
	}
	if f.Page != nil {
		if p.num = *f.Page; p.num < 1 {
			return p, errors.New("detailedFilter.page must be greater than 0")
		}
	}
	if f.PageSize != nil {
		if p.size = *f.PageSize; p.size < 1 {
			return p, errors.New("detailedFilter.pageSize must be greater than 0")
		}
	}
	return p, checkPageSize(p.size, maxReportPageSize)
}

// idFilter is a ContainsFilter: CONTAINS (the default) keeps the listed ids,
// DOES_NOT_CONTAIN drops them; no ids keeps everything.
type idFilter struct {
	ids     map[string]bool
	exclude bool
}

func newIDFilter(f *wireContainsFilter) idFilter {
	if f == nil || len(f.IDs) == 0 {
		return idFilter{}
	}
	out := idFilter{ids: map[string]bool{}, exclude: strings.ToUpper(f.Contains) == "DOES_NOT_CONTAIN"}
	for _, id := range f.IDs {
		out.ids[id] = true
	}
	return out
}

func (f idFilter) keep(id string) bool {
	return f.ids == nil || f.ids[id] != f.exclude
}

func (s *Server) handleDetailedReport(w http.ResponseWriter, r *http.Request) {
	var q wireReportQuery
	err := decodeBody(r, &q)
	if err == nil && (q.DateRangeStart == "" || q.DateRangeEnd == "") {
		err = errors.New("dateRangeStart and dateRangeEnd are required")
	}
	if err == nil && q.DetailedFilter == nil {
		// The document lists detailedFilter among the required fields.
		err = errors.New("detailedFilter is required")
	}
	var p page
	if err == nil {
		p, err = reportPage(q.DetailedFilter)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	users, projects := newIDFilter(q.Users), newIDFilter(q.Projects)
	desc := strings.ToLower(q.Description)
	s.view(w, r, func(ws *workspace) func() {
		tz := q.TimeZone
		if tz == "" {
			tz = s.st.ownerZone()
		}
		loc, err := s.zones.load(tz)
		if err != nil {
			return badRequest(w, fmt.Errorf("invalid timeZone %q", q.TimeZone))
		}
		start, err := parseReportTime("dateRangeStart", q.DateRangeStart, loc)
		if err != nil {
			return badRequest(w, err)
		}
		end, err := parseReportTime("dateRangeEnd", q.DateRangeEnd, loc)
		if err != nil {
			return badRequest(w, err)
		}
		if end.Before(start) {
			return badRequest(w, errors.New("dateRangeStart must be before dateRangeEnd"))
		}
		if maxDays := s.st.reportMaxDays; maxDays > 0 && wallSpan(start, end, loc) > time.Duration(maxDays)*24*time.Hour {
			return badRequest(w, fmt.Errorf("Detailed report data on FREE subscription plan is limited to a maximum interval length of one month (%d days)", maxDays))
		}
		descending := strings.ToUpper(q.SortOrder) == "DESCENDING"
		key := reportKey(start, end, descending, users, projects, q.Billable, desc)
		rr := ws.reports.rowsFor(ws.entriesVersion, key, func() *reportRows {
			return scanReport(ws, start, end, descending, func(e *Entry) bool {
				return users.keep(e.UserID) && projects.keep(e.ProjectID) &&
					(q.Billable == nil || e.Billable == *q.Billable) &&
					(desc == "" || strings.Contains(strings.ToLower(e.Description), desc))
			})
		})
		if isDropItem(r) { // a report that lost a row, totals and all
			rr = rr.withoutFirst()
		}
		// Like the live API, an empty report has "totals":[null].
		out := wireReport{Totals: []*wireReportTotals{nil}, TimeEntries: []wireReportEntry{}}
		if len(rr.rows) > 0 {
			out.Totals[0] = &wireReportTotals{EntriesCount: len(rr.rows), Amounts: []any{},
				TotalTime: rr.totalTime, TotalBillableTime: rr.totalBillableTime}
		}
		pg, _ := slicePage(rr.rows, p)
		for _, e := range shorten(r, pg) {
			out.TimeEntries = append(out.TimeEntries, toWireReportEntry(ws, e))
		}
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

// scanReport returns the finished entries of ws whose start is in
// [start, end], end inclusive, that keep accepts, in report order, with
// their totals. It costs O(entries in the range).
func scanReport(ws *workspace, start, end time.Time, descending bool, keep func(*Entry) bool) *reportRows {
	lo, hi := searchStart(ws.byStart, start), searchAfter(ws.byStart, end)
	rr := &reportRows{rows: make([]*Entry, 0, hi-lo)}
	for _, e := range ws.byStart[lo:hi] {
		if e.End == nil || !keep(e) {
			continue
		}
		rr.rows = append(rr.rows, e)
		d := int64(e.End.Sub(e.Start) / time.Second)
		rr.totalTime += d
		if e.Billable {
			rr.totalBillableTime += d
		}
	}
	if descending {
		slices.Reverse(rr.rows)
	}
	return rr
}

func toWireReportEntry(ws *workspace, e *Entry) wireReportEntry {
	out := wireReportEntry{
		ID: e.ID, Description: e.Description, UserID: e.UserID, Billable: e.Billable,
		ProjectID: e.ProjectID, Tags: []any{}, Type: e.Type,
		TimeInterval: wireReportInterval{
			Start: wireTime(e.Start), End: wireTime(*e.End), Duration: int64(e.End.Sub(e.Start) / time.Second),
		},
	}
	if u, ok := ws.users[e.UserID]; ok {
		out.UserName, out.UserEmail = u.Name, u.Email
	}
	if pr, ok := ws.projects[e.ProjectID]; ok {
		out.ProjectName, out.ProjectColor = pr.Name, "#03A9F4"
		if pr.ClientName != "" {
			out.ClientID, out.ClientName = clientID(pr.ClientName), pr.ClientName
		}
	}
	return out
}
