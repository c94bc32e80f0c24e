package clockify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Layouts of the detailed report's date range: UTC with a Z, or wall time in
// the report's time zone.
const (
	reportLayoutUTC   = "2006-01-02T15:04:05.000Z"
	reportLayoutLocal = "2006-01-02T15:04:05.000"
)

// DetailedReportOptions selects the rows of DetailedReport.
type DetailedReportOptions struct {
	// Start and End bound the entries' start; End is exclusive.
	Start, End time.Time
	// TimeZone is the IANA zone Clockify reads the range in; "" means "UTC".
	TimeZone string
	// PageSize is the number of rows per request; 0 means 1000, the most
	// Clockify accepts.
	PageSize int
	// UserIDs, when not empty, restricts the report to these users.
	UserIDs []string
}

// reportRequest is the body of the detailed report (DetailedReportFilterV1).
type reportRequest struct {
	DateRangeStart string         `json:"dateRangeStart"`
	DateRangeEnd   string         `json:"dateRangeEnd"`
	TimeZone       string         `json:"timeZone"`
	DetailedFilter reportPaging   `json:"detailedFilter"`
	ExportType     string         `json:"exportType"`
	AmountShown    string         `json:"amountShown"`
	Users          *reportUserSet `json:"users,omitempty"`
}

// reportPaging is DetailedFilterV1.
type reportPaging struct {
	Page       int    `json:"page"`
	PageSize   int    `json:"pageSize"`
	SortColumn string `json:"sortColumn"`
}

// reportUserSet is ContainsUsersFilterV1.
type reportUserSet struct {
	IDs      []string `json:"ids"`
	Contains string   `json:"contains"`
	Status   string   `json:"status"`
}

// reportResponse is the detailed report as the live API sends it: the rows
// under "timeentries" and the totals, whose first item counts every row.
// Clockify sends "totals":[null] for an empty report.
type reportResponse struct {
	TimeEntries []ReportEntry `json:"timeentries"`
	Totals      []*struct {
		EntriesCount int `json:"entriesCount"`
	} `json:"totals"`
}

// DetailedReport returns every row of the detailed report for
// [opts.Start, opts.End), sorted by id, fetching pages until a short page or
// until it holds as many rows as the report's entriesCount total. E rows cost
// ceil(E/1000) requests, and one when there are none.
//
// Clockify API (Reports API): generateDetailedReport,
// POST /v1/workspaces/{workspaceId}/reports/detailed
// (https://docs.clockify.me/#operation/generateDetailedReport).
func (c *Client) DetailedReport(ctx context.Context, workspaceID string, opts DetailedReportOptions) ([]ReportEntry, error) {
	path, body, err := reportQuery(workspaceID, opts)
	if err != nil {
		return nil, err
	}
	size := body.DetailedFilter.PageSize
	all := make([]ReportEntry, 0)
	for page := 1; page <= maxPages; page++ {
		body.DetailedFilter.Page = page
		req, err := c.newRequest(http.MethodPost, c.ReportsURL, path, nil, body)
		if err != nil {
			return nil, err
		}
		var out reportResponse
		if _, err := c.do(ctx, req, &out, retryAll); err != nil {
			return nil, err
		}
		all = append(all, out.TimeEntries...)
		total := -1 // unknown
		if len(out.Totals) > 0 && out.Totals[0] != nil {
			total = out.Totals[0].EntriesCount
		}
		if len(out.TimeEntries) < size {
			if total > len(all) {
				// A short page before the end: the report was cut off.
				return nil, fmt.Errorf("clockify: POST %s%s: %w: page %d ended after %d of %d rows", c.ReportsURL.Path, path, ErrIncomplete, page, len(all), total)
			}
			return all, nil
		}
		if total >= 0 && len(all) >= total {
			return all, nil
		}
	}
	return nil, fmt.Errorf("clockify: POST %s%s: more than %d pages", c.ReportsURL.Path, path, maxPages)
}

// reportQuery returns the path and the first page's body of the detailed
// report opts selects.
func reportQuery(workspaceID string, opts DetailedReportOptions) (string, reportRequest, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return "", reportRequest{}, err
	}
	tz := opts.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	start, end, err := reportRange(opts.Start, opts.End, tz)
	if err != nil {
		return "", reportRequest{}, err
	}
	body := reportRequest{
		DateRangeStart: start,
		DateRangeEnd:   end,
		TimeZone:       tz,
		DetailedFilter: reportPaging{Page: 1, PageSize: pageSize(opts.PageSize, reportPageSize, reportPageSize), SortColumn: "ID"},
		ExportType:     "JSON",
		AmountShown:    "HIDE_AMOUNT",
	}
	if len(opts.UserIDs) > 0 {
		body.Users = &reportUserSet{IDs: opts.UserIDs, Contains: "CONTAINS", Status: "ALL"}
	}
	return "workspaces/" + ws + "/reports/detailed", body, nil
}

// reportRange formats the report's date range. Clockify's end is inclusive,
// so the exclusive end loses a millisecond. In UTC both carry a Z; in any
// other zone they are wall times in that zone.
func reportRange(start, end time.Time, tz string) (string, string, error) {
	if start.IsZero() || end.IsZero() {
		return "", "", errors.New("clockify: detailed report: start and end are required")
	}
	if !end.After(start) {
		return "", "", fmt.Errorf("clockify: detailed report: end %s is not after start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	end = end.Add(-time.Millisecond)
	if tz == "UTC" {
		return start.UTC().Format(reportLayoutUTC), end.UTC().Format(reportLayoutUTC), nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return "", "", fmt.Errorf("clockify: detailed report: time zone: %w", err)
	}
	return start.In(loc).Format(reportLayoutLocal), end.In(loc).Format(reportLayoutLocal), nil
}
