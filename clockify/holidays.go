package clockify

import (
	"context"
	"errors"
	"net/url"
	"time"
)

// HolidaysOptions selects the holidays of HolidaysInPeriod.
type HolidaysOptions struct {
	// Start and End bound the period; both are required.
	Start, End time.Time
	// AssignedTo, when not empty, returns only the holidays of this user.
	AssignedTo string
}

// HolidaysInPeriod returns the holidays of a workspace that fall in
// [opts.Start, opts.End]. The endpoint is not paged.
//
// Clockify API: getHolidaysInPeriod,
// GET /v1/workspaces/{workspaceId}/holidays/in-period
// (https://docs.clockify.me/#operation/getHolidaysInPeriod).
func (c *Client) HolidaysInPeriod(ctx context.Context, workspaceID string, opts HolidaysOptions) ([]Holiday, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	if opts.Start.IsZero() || opts.End.IsZero() {
		return nil, errors.New("clockify: holidays in period: start and end are required")
	}
	q := url.Values{
		"start": {apiTime(opts.Start)},
		"end":   {apiTime(opts.End)},
	}
	if opts.AssignedTo != "" {
		q.Set("assigned-to", opts.AssignedTo)
	}
	hs := make([]Holiday, 0)
	if _, err := c.get(ctx, "workspaces/"+ws+"/holidays/in-period", q, &hs); err != nil {
		return nil, err
	}
	return hs, nil
}
