package clockify

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// timeOffLayout is the time format of the time-off filter, UTC with
// milliseconds.
const timeOffLayout = "2006-01-02T15:04:05.000Z"

// TimeOffOptions filters TimeOffRequests.
type TimeOffOptions struct {
	// Start and End, when both set, return the requests whose period
	// overlaps [Start, End].
	Start, End time.Time
	// Statuses filters by status: PENDING, APPROVED, REJECTED or ALL;
	// empty means Clockify's default.
	Statuses []string
	// UserIDs, when not empty, returns only these users' requests.
	UserIDs []string
	// PageSize is the number of requests per call; 0 means 200, the most
	// Clockify accepts.
	PageSize int
}

// timeOffQuery is the body of the time-off listing
// (GetTimeOffRequestsV1Request).
type timeOffQuery struct {
	Start    string   `json:"start,omitempty"`
	End      string   `json:"end,omitempty"`
	Statuses []string `json:"statuses,omitempty"`
	Users    []string `json:"users,omitempty"`
	Page     int      `json:"page"`
	PageSize int      `json:"pageSize"`
}

// timeOffPage is one page of the listing (TimeOffRequestsWithCountV1Dto):
// Count is the total over all pages.
type timeOffPage struct {
	Count    int              `json:"count"`
	Requests []TimeOffRequest `json:"requests"`
}

// TimeOffRequests returns the time-off requests of a workspace, fetching
// pages until a short page or until it holds count requests.
//
// Clockify API: getTimeOffRequest,
// POST /v1/workspaces/{workspaceId}/time-off/requests
// (https://docs.clockify.me/#operation/getTimeOffRequest).
func (c *Client) TimeOffRequests(ctx context.Context, workspaceID string, opts TimeOffOptions) ([]TimeOffRequest, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	size := pageSize(opts.PageSize, timeOffPageSize, timeOffPageSize)
	body := timeOffQuery{Statuses: opts.Statuses, Users: opts.UserIDs, PageSize: size}
	if !opts.Start.IsZero() {
		body.Start = opts.Start.UTC().Format(timeOffLayout)
	}
	if !opts.End.IsZero() {
		body.End = opts.End.UTC().Format(timeOffLayout)
	}
	path := "workspaces/" + ws + "/time-off/requests"
	all := make([]TimeOffRequest, 0)
	for page := 1; page <= maxPages; page++ {
		body.Page = page
		req, err := c.newRequest(http.MethodPost, c.BaseURL, path, nil, body)
		if err != nil {
			return nil, err
		}
		var out timeOffPage
		if _, err := c.do(ctx, req, &out, retryAll); err != nil {
			return nil, err
		}
		all = append(all, out.Requests...)
		if len(out.Requests) < size && len(all) < out.Count {
			return nil, fmt.Errorf("clockify: POST %s%s: %w: page %d ended after %d of %d requests", c.BaseURL.Path, path, ErrIncomplete, page, len(all), out.Count)
		}
		if len(out.Requests) < size || len(all) >= out.Count {
			return all, nil
		}
	}
	return nil, fmt.Errorf("clockify: POST %s%s: more than %d pages", c.BaseURL.Path, path, maxPages)
}
