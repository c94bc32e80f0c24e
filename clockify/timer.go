package clockify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// StartTimerRequest describes the timer StartTimer starts.
type StartTimerRequest struct {
	// Start is when the timer started; zero means now.
	Start time.Time
	// ProjectID and Description are optional.
	ProjectID, Description string
	// Billable, when set, overrides the project's default.
	Billable *bool
}

// startTimerBody is CreateTimeEntryRequest without an end, which leaves the
// entry running.
type startTimerBody struct {
	Start       string `json:"start"`
	ProjectID   string `json:"projectId,omitempty"`
	Description string `json:"description,omitempty"`
	Billable    *bool  `json:"billable,omitempty"`
}

// stopTimerBody is StopTimeEntryRequest.
type stopTimerBody struct {
	End string `json:"end"`
}

// StartTimer starts a running timer for a user (a time entry without an
// end). Clockify stops the user's previous timer, if any. Like StopTimer it
// is an interactive request (see Interactive). The request is
// retried only on 429, never after a 5xx or a timeout, so that it cannot
// create two entries.
//
// Clockify API: createForOthers,
// POST /v1/workspaces/{workspaceId}/user/{userId}/time-entries
// (https://docs.clockify.me/#operation/createForOthers).
func (c *Client) StartTimer(ctx context.Context, workspaceID, userID string, req StartTimerRequest) (*TimeEntry, error) {
	path, err := userEntriesPath(workspaceID, userID)
	if err != nil {
		return nil, err
	}
	start := req.Start
	if start.IsZero() {
		start = c.now()
	}
	body := startTimerBody{
		Start:       apiTime(start),
		ProjectID:   req.ProjectID,
		Description: req.Description,
		Billable:    req.Billable,
	}
	hr, err := c.newRequest(http.MethodPost, c.BaseURL, path, nil, body)
	if err != nil {
		return nil, err
	}
	var e TimeEntry
	if _, err := c.do(Interactive(ctx), hr, &e, retryRateLimit); err != nil {
		return nil, err
	}
	return &e, nil
}

// StopTimer stops a user's running timer at end and returns the stopped
// entry. When the user has no running timer (Clockify answers 404) the error
// satisfies errors.Is(err, ErrNotRunning) and still wraps the *Error. Like
// StartTimer it is retried only on 429.
//
// Clockify API: stopRunningTimeEntry,
// PATCH /v1/workspaces/{workspaceId}/user/{userId}/time-entries
// (https://docs.clockify.me/#operation/stopRunningTimeEntry).
func (c *Client) StopTimer(ctx context.Context, workspaceID, userID string, end time.Time) (*TimeEntry, error) {
	path, err := userEntriesPath(workspaceID, userID)
	if err != nil {
		return nil, err
	}
	if end.IsZero() {
		end = c.now()
	}
	hr, err := c.newRequest(http.MethodPatch, c.BaseURL, path, nil, stopTimerBody{End: apiTime(end)})
	if err != nil {
		return nil, err
	}
	var e TimeEntry
	if _, err := c.do(Interactive(ctx), hr, &e, retryRateLimit); err != nil {
		var apiErr *Error
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
			return nil, fmt.Errorf("%w: %w", ErrNotRunning, apiErr)
		}
		return nil, err
	}
	return &e, nil
}
