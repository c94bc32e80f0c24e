package clockify

import (
	"context"
	"net/url"
	"time"
)

// TimeEntriesOptions filters TimeEntries.
type TimeEntriesOptions struct {
	// Start and End, when not zero, bound the entries' start. Clockify
	// applies them in the account's time zone; they are sent in UTC.
	Start, End time.Time
	// InProgress returns only the running entry.
	InProgress bool
	// PageSize is the number of entries per request; 0 means 1000.
	PageSize int
}

// TimeEntries returns a user's time entries, fetching all pages. opts may be
// nil.
//
// Clockify API: getTimeEntries,
// GET /v1/workspaces/{workspaceId}/user/{userId}/time-entries
// (https://docs.clockify.me/#operation/getTimeEntries).
func (c *Client) TimeEntries(ctx context.Context, workspaceID, userID string, opts *TimeEntriesOptions) ([]TimeEntry, error) {
	if opts == nil {
		opts = &TimeEntriesOptions{}
	}
	path, err := userEntriesPath(workspaceID, userID)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	if !opts.Start.IsZero() {
		q.Set("start", apiTime(opts.Start))
	}
	if !opts.End.IsZero() {
		q.Set("end", apiTime(opts.End))
	}
	if opts.InProgress {
		q.Set("in-progress", "true")
	}
	size := pageSize(opts.PageSize, entriesPageSize, maxListPageSize)
	return getPages[TimeEntry](ctx, c, path, q, size)
}

// InProgress returns the running timers of every user of a workspace,
// fetching all pages (at most 1000 entries per page). opts may be nil.
//
// Clockify API: getInProgressTimeEntries,
// GET /v1/workspaces/{workspaceId}/time-entries/status/in-progress
// (https://docs.clockify.me/#operation/getInProgressTimeEntries).
func (c *Client) InProgress(ctx context.Context, workspaceID string, opts *ListOptions) ([]TimeEntry, error) {
	if opts == nil {
		opts = &ListOptions{}
	}
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	size := pageSize(opts.PageSize, entriesPageSize, maxEntryPageSize)
	return getPages[TimeEntry](ctx, c, "workspaces/"+ws+"/time-entries/status/in-progress", nil, size)
}

// userEntriesPath returns the relative path of a user's time entries.
func userEntriesPath(workspaceID, userID string) (string, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return "", err
	}
	uid, err := seg("user ID", userID)
	if err != nil {
		return "", err
	}
	return "workspaces/" + ws + "/user/" + uid + "/time-entries", nil
}
