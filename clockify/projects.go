package clockify

import (
	"context"
	"net/url"
	"strconv"
)

// ProjectsOptions filters Projects.
type ProjectsOptions struct {
	// Archived, when set, returns only archived (true) or only active
	// (false) projects; nil returns both.
	Archived *bool
	// Name returns only projects whose name contains it; "" returns all.
	Name string
	// PageSize is the number of projects per request; 0 means 5000.
	PageSize int
}

// Projects returns the projects of a workspace, hydrated so that each one
// carries its client's name, fetching all pages. opts may be nil.
//
// Clockify API: getProjects, GET /v1/workspaces/{workspaceId}/projects
// (https://docs.clockify.me/#operation/getProjects).
func (c *Client) Projects(ctx context.Context, workspaceID string, opts *ProjectsOptions) ([]Project, error) {
	if opts == nil {
		opts = &ProjectsOptions{}
	}
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	q := url.Values{"hydrated": {"true"}}
	if opts.Archived != nil {
		q.Set("archived", strconv.FormatBool(*opts.Archived))
	}
	if opts.Name != "" {
		q.Set("name", opts.Name)
	}
	size := pageSize(opts.PageSize, defaultPageSize, maxListPageSize)
	return getPages[Project](ctx, c, "workspaces/"+ws+"/projects", q, size)
}
