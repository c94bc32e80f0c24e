package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/clockbot/clockbot/clockify"
)

// errIncompleteWorkspaces says Clockify answered a list of workspaces that
// cannot be complete: it is not a configuration problem, trying again
// later is the fix.
var errIncompleteWorkspaces = errors.New("Clockify returned an incomplete list of workspaces; this is a problem on Clockify's side, try again in a few minutes")

// confirmedWorkspaces lists the workspaces of the API key. A list that
// lacks the wanted workspace (any one when wanted is "") is asked for once
// more before it is believed, like every list that would make something
// disappear: a list that comes back empty or different the second time is
// an incomplete answer from Clockify (errIncompleteWorkspaces), never a
// verdict on the configuration.
func confirmedWorkspaces(ctx context.Context, api *clockify.Client, wanted string) ([]clockify.Workspace, error) {
	first, err := api.Workspaces(ctx)
	if err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	if hasWorkspace(first, wanted) {
		return first, nil
	}
	second, err := api.Workspaces(ctx)
	if err != nil {
		return nil, fmt.Errorf("list workspaces again: %w", err)
	}
	switch {
	case hasWorkspace(second, wanted):
		return second, nil
	case len(second) == 0:
		// Every Clockify account belongs to at least one workspace.
		return nil, fmt.Errorf("%w (it listed none for this key)", errIncompleteWorkspaces)
	case !sameWorkspaces(first, second):
		return nil, fmt.Errorf("%w (it listed %d, then %d)", errIncompleteWorkspaces, len(first), len(second))
	}
	return second, nil
}

// hasWorkspace reports whether wss holds the workspace id, or any
// workspace when id is "".
func hasWorkspace(wss []clockify.Workspace, id string) bool {
	if id == "" {
		return len(wss) > 0
	}
	return slices.ContainsFunc(wss, func(w clockify.Workspace) bool { return w.ID == id })
}

// sameWorkspaces reports whether a and b list the same workspace ids.
func sameWorkspaces(a, b []clockify.Workspace) bool {
	ids := func(wss []clockify.Workspace) []string {
		out := make([]string, 0, len(wss))
		for _, w := range wss {
			out = append(out, w.ID)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(ids(a), ids(b))
}
