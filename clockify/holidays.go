package clockify

import (
	"context"
	"net/url"
)

// HolidaysOptions filters Holidays.
type HolidaysOptions struct {
	// AssignedTo, when not empty, returns only the holidays of this user.
	AssignedTo string
}

// Holidays returns every holiday of a workspace. The endpoint is not paged
// and has no date filter: an annual holiday (OccursAnnually) keeps the dates
// of its first year in DatePeriod and repeats every year, so callers select
// the dates they need locally. opts may be nil.
//
// Clockify API: getHolidays, GET /v1/workspaces/{workspaceId}/holidays
// (https://docs.clockify.me/#operation/getHolidays). The in-period variant
// (getHolidaysInPeriod) requires assigned-to, one user per request, so it is
// not used.
func (c *Client) Holidays(ctx context.Context, workspaceID string, opts *HolidaysOptions) ([]Holiday, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil && opts.AssignedTo != "" {
		q = url.Values{"assigned-to": {opts.AssignedTo}}
	}
	hs := make([]Holiday, 0)
	if _, err := c.get(ctx, "workspaces/"+ws+"/holidays", q, &hs); err != nil {
		return nil, err
	}
	return hs, nil
}
