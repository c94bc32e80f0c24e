package clockify

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// NewTimeEntry describes the finished time entry AddTimeEntry creates.
type NewTimeEntry struct {
	// Start and End bound the entry; End must be after Start.
	Start, End time.Time
	// ProjectID and Description are optional.
	ProjectID, Description string
	// Billable, when set, overrides the project's default.
	Billable *bool
}

// addEntryBody is CreateTimeEntryRequest with an end, which makes the
// entry finished.
type addEntryBody struct {
	Start       string `json:"start"`
	End         string `json:"end"`
	ProjectID   string `json:"projectId,omitempty"`
	Description string `json:"description,omitempty"`
	Billable    *bool  `json:"billable,omitempty"`
}

// AddTimeEntry creates a finished time entry for a user (time logged after
// the fact, not a timer). Like StartTimer it is retried only on 429, so
// that it cannot create two entries.
//
// Clockify API: createForOthers,
// POST /v1/workspaces/{workspaceId}/user/{userId}/time-entries
// (https://docs.clockify.me/#operation/createForOthers).
func (c *Client) AddTimeEntry(ctx context.Context, workspaceID, userID string, req NewTimeEntry) (*TimeEntry, error) {
	if req.Start.IsZero() || !req.End.After(req.Start) {
		return nil, errors.New("clockify: add time entry: the end must be after the start")
	}
	path, err := userEntriesPath(workspaceID, userID)
	if err != nil {
		return nil, err
	}
	body := addEntryBody{
		Start:       apiTime(req.Start),
		End:         apiTime(req.End),
		ProjectID:   req.ProjectID,
		Description: req.Description,
		Billable:    req.Billable,
	}
	hr, err := c.newRequest(http.MethodPost, c.BaseURL, path, nil, body)
	if err != nil {
		return nil, err
	}
	var e TimeEntry
	if _, err := c.do(ctx, hr, &e, retryRateLimit); err != nil {
		return nil, err
	}
	return &e, nil
}
