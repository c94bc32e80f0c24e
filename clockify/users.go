package clockify

import (
	"context"
	"net/url"
)

// UsersOptions filters WorkspaceUsers.
type UsersOptions struct {
	// Status filters by workspace membership status, e.g. "ACTIVE"; ""
	// returns every user.
	Status string
	// Email, when set, returns only users whose email contains it (Clockify
	// matches parts of addresses; callers compare the answer exactly).
	Email string
	// PageSize is the number of users per request; 0 means 5000.
	PageSize int
}

// UserGroupsOptions configures UserGroups.
type UserGroupsOptions struct {
	// PageSize is the number of groups per request; 0 means 5000.
	PageSize int
}

// CurrentUser returns the user who owns the API key.
//
// Clockify API: getLoggedUser, GET /v1/user
// (https://docs.clockify.me/#operation/getLoggedUser).
func (c *Client) CurrentUser(ctx context.Context) (*User, error) {
	var u User
	if _, err := c.get(ctx, "user", nil, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Workspaces returns the workspaces the API key's user belongs to.
//
// Clockify API: getWorkspacesOfUser, GET /v1/workspaces
// (https://docs.clockify.me/#operation/getWorkspacesOfUser).
func (c *Client) Workspaces(ctx context.Context) ([]Workspace, error) {
	var ws []Workspace
	if _, err := c.get(ctx, "workspaces", nil, &ws); err != nil {
		return nil, err
	}
	return ws, nil
}

// WorkspaceUsers returns every user of a workspace with their WORKSPACE
// membership and their roles (see User.ManagedUsers), fetching all pages.
// opts may be nil.
//
// Clockify API: getUsersOfWorkspace, GET /v1/workspaces/{workspaceId}/users
// (https://docs.clockify.me/#operation/getUsersOfWorkspace).
func (c *Client) WorkspaceUsers(ctx context.Context, workspaceID string, opts *UsersOptions) ([]User, error) {
	if opts == nil {
		opts = &UsersOptions{}
	}
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	// include-roles is required by the document; with it each user carries
	// the roles they hold, team managers with the users they manage.
	q := url.Values{"memberships": {"WORKSPACE"}, "include-roles": {"true"}}
	if opts.Status != "" {
		q.Set("status", opts.Status)
	}
	if opts.Email != "" {
		q.Set("email", opts.Email)
	}
	size := pageSize(opts.PageSize, defaultPageSize, maxListPageSize)
	return getPages[User](ctx, c, "workspaces/"+ws+"/users", q, size)
}

// Managers returns the team managers of a user, fetching all pages.
//
// Clockify API: getManagersOfUser,
// GET /v1/workspaces/{workspaceId}/users/{userId}/managers
// (https://docs.clockify.me/#operation/getManagersOfUser).
func (c *Client) Managers(ctx context.Context, workspaceID, userID string) ([]User, error) {
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	uid, err := seg("user ID", userID)
	if err != nil {
		return nil, err
	}
	return getPages[User](ctx, c, "workspaces/"+ws+"/users/"+uid+"/managers", nil, defaultPageSize)
}

// UserGroups returns every user group of a workspace with its members and
// team managers, fetching all pages. opts may be nil.
//
// Clockify API: getUserGroups, GET /v1/workspaces/{workspaceId}/user-groups
// (https://docs.clockify.me/#operation/getUserGroups).
func (c *Client) UserGroups(ctx context.Context, workspaceID string, opts *UserGroupsOptions) ([]UserGroup, error) {
	if opts == nil {
		opts = &UserGroupsOptions{}
	}
	ws, err := seg("workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	q := url.Values{"includeTeamManagers": {"true"}}
	size := pageSize(opts.PageSize, defaultPageSize, maxListPageSize)
	return getPages[UserGroup](ctx, c, "workspaces/"+ws+"/user-groups", q, size)
}
