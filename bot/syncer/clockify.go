package syncer

import (
	"context"

	"github.com/clockbot/clockbot/clockify"
)

// Clockify is the part of the Clockify API the bot uses. *clockify.Client
// implements it; it is declared here, where it is consumed.
type Clockify interface {
	WorkspaceUsers(ctx context.Context, workspaceID string, opts *clockify.UsersOptions) ([]clockify.User, error)
	Projects(ctx context.Context, workspaceID string, opts *clockify.ProjectsOptions) ([]clockify.Project, error)
	UserGroups(ctx context.Context, workspaceID string, opts *clockify.UserGroupsOptions) ([]clockify.UserGroup, error)
	Managers(ctx context.Context, workspaceID, userID string) ([]clockify.User, error)
	InProgress(ctx context.Context, workspaceID string, opts *clockify.ListOptions) ([]clockify.TimeEntry, error)
	TimeEntries(ctx context.Context, workspaceID, userID string, opts *clockify.TimeEntriesOptions) ([]clockify.TimeEntry, error)
	DetailedReportPages(ctx context.Context, workspaceID string, opts clockify.DetailedReportOptions, fn func(page []clockify.ReportEntry) error) error
	Holidays(ctx context.Context, workspaceID string, opts *clockify.HolidaysOptions) ([]clockify.Holiday, error)
	TimeOffRequests(ctx context.Context, workspaceID string, opts clockify.TimeOffOptions) ([]clockify.TimeOffRequest, error)
	Requests() int64
}
