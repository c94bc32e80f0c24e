package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/clockify"
)

// clockifyChecks checks the API key, the workspace, the plan and whether
// Time off is on, with the Clockify API at CLOCKIFY_API_URL.
func clockifyChecks(ctx context.Context, cfg Config, log *slog.Logger, stderr io.Writer) []check {
	api, err := clockify.NewClient(cfg.ClockifyAPIKey.Reveal(), append([]clockify.Option{
		clockify.WithBaseURL(cfg.ClockifyAPIURL),
		clockify.WithReportsURL(cfg.ClockifyReportsURL),
		clockify.WithRateLimit(cfg.ClockifyMaxRPS),
		clockify.WithLogger(log.With("component", "clockify")),
		clockify.WithWaitNotice(func(w clockify.Wait) { fmt.Fprintln(stderr, waitLine(w)) }),
	}, testClockifyOptions...)...)
	if err != nil {
		return []check{fail("Clockify API key", err.Error(), "set CLOCKIFY_API_KEY to an API key of a workspace admin")}
	}
	wss, err := confirmedWorkspaces(ctx, api, cfg.ClockifyWorkspaceID)
	var ce *clockify.Error
	switch {
	case errors.As(err, &ce) && (ce.StatusCode == http.StatusUnauthorized || ce.StatusCode == http.StatusForbidden):
		return []check{fail("Clockify API key", fmt.Sprintf("key %s was rejected by %s (%d %s)", cfg.ClockifyAPIKey, cfg.ClockifyAPIURL, ce.StatusCode, ce.Message),
			"create an API key in Clockify (Profile settings, API) as a workspace admin and set CLOCKIFY_API_KEY")}
	case err != nil:
		return []check{fail("Clockify API", fmt.Sprintf("listing workspaces at %s failed: %v", cfg.ClockifyAPIURL, err),
			"check CLOCKIFY_API_URL (a regional workspace uses https://REGION.clockify.me/api/v1) and the network")}
	}
	checks := []check{pass("Clockify API key", "key %s accepted by %s; it sees %d workspace(s)", cfg.ClockifyAPIKey, cfg.ClockifyAPIURL, len(wss))}
	ws, c := pickWorkspace(wss, cfg.ClockifyWorkspaceID)
	checks = append(checks, c)
	if ws == nil {
		return checks
	}
	checks = append(checks, planCheck(*ws))
	return append(checks, timeOffCheck(ctx, api, *ws))
}

// pickWorkspace finds the workspace the bot would use, listing the
// workspaces of the key when the choice is wrong or ambiguous.
func pickWorkspace(wss []clockify.Workspace, wanted string) (*clockify.Workspace, check) {
	var list []string
	for i, w := range wss {
		if w.ID == wanted {
			return &wss[i], pass("Clockify workspace", "%s (%s), CLOCKIFY_WORKSPACE_ID", w.Name, w.ID)
		}
		list = append(list, fmt.Sprintf("%s (%s)", w.ID, w.Name))
	}
	switch {
	case wanted != "":
		return nil, fail("Clockify workspace", fmt.Sprintf("CLOCKIFY_WORKSPACE_ID=%s is not a workspace of this key", wanted),
			"set CLOCKIFY_WORKSPACE_ID to one of: "+strings.Join(list, ", "))
	case len(wss) == 1:
		return &wss[0], pass("Clockify workspace", "%s (%s), the only workspace of this key", wss[0].Name, wss[0].ID)
	case len(wss) == 0:
		return nil, fail("Clockify workspace", "the key sees no workspace", "use the API key of a member (an admin) of the workspace to report on")
	}
	return nil, fail("Clockify workspace", fmt.Sprintf("the key sees %d workspaces", len(wss)),
		"set CLOCKIFY_WORKSPACE_ID to one of: "+strings.Join(list, ", "))
}

// planCheck says which plan the workspace is on (its
// featureSubscriptionType in GET /workspaces) and the limits that matter
// to clockbot.
func planCheck(ws clockify.Workspace) check {
	switch plan := ws.Plan(); {
	case plan == "":
		return pass("Clockify plan", "not stated by Clockify (no featureSubscriptionType); paid-plan limits assumed: 50 requests a second")
	case strings.HasPrefix(plan, "FREE"):
		return pass("Clockify plan", "%s: about 30 requests an hour for the whole workspace and reports of at most 31 days; clockbot syncs less often than SYNC_INTERVAL when it must", plan)
	default:
		return pass("Clockify plan", "%s: up to 50 requests a second (clockbot makes at most CLOCKIFY_MAX_RPS)", plan)
	}
}

// timeOffCheck asks for the workspace's holidays, the cheapest call of the
// Time off feature: a 403 "feature not enabled" means Time off is off, and
// the report then applies no days off. That is a plan choice, not a fault,
// so the check passes and says so.
func timeOffCheck(ctx context.Context, api *clockify.Client, ws clockify.Workspace) check {
	features, listed := ws.Features()
	listedOn := slices.Contains(features, "TIME_OFF")
	holidays, err := api.Holidays(ctx, ws.ID, nil)
	switch {
	case err == nil:
		note := ""
		if listed && !listedOn {
			note = " (the plan's features do not list TIME_OFF, but the holidays answered)"
		}
		return pass("Clockify Time off", "on: %d holiday(s); holidays and approved time off lower people's targets%s", len(holidays), note)
	case timeOffOff(err):
		return pass("Clockify Time off", "off on this plan (the holidays request answered 403): reports apply no holidays or time off; a plan with Time off applies them")
	}
	return fail("Clockify Time off", fmt.Sprintf("the holidays request failed: %v", err), "check that the key belongs to a workspace admin, then run clockbot doctor again")
}

// timeOffOff reports whether err is Clockify's answer for a feature the
// plan lacks.
func timeOffOff(err error) bool {
	var ce *clockify.Error
	return errors.As(err, &ce) && (ce.StatusCode == http.StatusForbidden || strings.Contains(strings.ToLower(ce.Message), "feature not enabled"))
}
