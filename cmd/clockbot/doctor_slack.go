package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/bot/slackhttp"
)

// manifestBotScopes are the bot scopes slack-app-manifest.yaml asks for
// (a test keeps the two equal).
var manifestBotScopes = []string{
	"commands", "chat:write", "users:read", "users:read.email", "im:write", "mpim:write",
	"groups:write", "groups:read", "im:history", "mpim:history", "groups:history", "channels:history",
}

// slackAnswer is the part of a Web API answer the doctor reads, with the
// scopes Slack lists in the x-oauth-scopes header.
type slackAnswer struct {
	OK     bool   `json:"ok"`
	Error  string `json:"error"`
	User   string `json:"user"`
	UserID string `json:"user_id"`
	Team   string `json:"team"`
	TeamID string `json:"team_id"`
	URL    string `json:"url"`
	Needed string `json:"needed"` // the scopes a missing_scope answer asks for
	scopes []string
	hasHdr bool
}

// slackCall posts one Web API method with token through the retrying
// client the bot uses, and returns the answer with the granted scopes.
func slackCall(ctx context.Context, cfg Config, log *slog.Logger, token, method string, params url.Values) (slackAnswer, error) {
	var a slackAnswer
	hc := slackHTTP
	hc.Log = log.With("component", "slack")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(cfg.SlackAPIURL, "/")+"/"+method, strings.NewReader(params.Encode()))
	if err != nil {
		return a, fmt.Errorf("%s: %w", method, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := slackhttp.New(hc).Do(req)
	if err != nil {
		return a, fmt.Errorf("%s at %s: %w", method, cfg.SlackAPIURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return a, fmt.Errorf("%s at %s answered HTTP %d", method, cfg.SlackAPIURL, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return a, fmt.Errorf("%s at %s: the answer is not Slack's JSON: %w", method, cfg.SlackAPIURL, err)
	}
	if h, ok := resp.Header["X-Oauth-Scopes"]; ok {
		a.hasHdr = true
		for _, s := range strings.Split(strings.Join(h, ","), ",") {
			if s = strings.TrimSpace(s); s != "" {
				a.scopes = append(a.scopes, s)
			}
		}
	}
	return a, nil
}

// slackChecks checks the bot token and its scopes, the app token, and that
// the bot is in REPORT_CHANNEL and NOTIFY_CHANNEL when they are set.
func slackChecks(ctx context.Context, cfg Config, log *slog.Logger) []check {
	var checks []check
	botOK := false
	if cfg.SlackBotToken.Reveal() == "" {
		checks = append(checks, fail("Slack bot token", "SLACK_BOT_TOKEN is not set (run and report --send need it)",
			"install the app from slack-app-manifest.yaml and set SLACK_BOT_TOKEN to its Bot User OAuth Token (xoxb-...)"))
	} else {
		a, err := slackCall(ctx, cfg, log, cfg.SlackBotToken.Reveal(), "auth.test", nil)
		switch {
		case err != nil:
			checks = append(checks, fail("Slack bot token", "Slack could not be reached: "+err.Error(), "check SLACK_API_URL and the network, then run clockbot doctor again"))
		case !a.OK:
			checks = append(checks, fail("Slack bot token", fmt.Sprintf("token %s was rejected by auth.test: %s", cfg.SlackBotToken, a.Error),
				"copy the Bot User OAuth Token (xoxb-...) from the app's Install App page into SLACK_BOT_TOKEN"))
		default:
			botOK = true
			checks = append(checks, pass("Slack bot token", "token %s is the bot @%s (%s) in %s (%s)", cfg.SlackBotToken, a.User, a.UserID, a.Team, a.TeamID),
				scopesCheck(a))
		}
	}
	checks = append(checks, appTokenCheck(ctx, cfg, log))
	if botOK {
		for _, ch := range []struct{ name, id string }{{"REPORT_CHANNEL", cfg.ReportChannel}, {"NOTIFY_CHANNEL", cfg.NotifyChannel}} {
			if ch.id != "" {
				checks = append(checks, channelCheck(ctx, cfg, log, ch.name, ch.id))
			}
		}
	}
	return checks
}

// scopesCheck compares the scopes Slack granted the bot token with the
// manifest's.
func scopesCheck(a slackAnswer) check {
	if !a.hasHdr {
		return fail("Slack bot scopes", "Slack did not list the token's scopes (no x-oauth-scopes header)", "check that SLACK_API_URL is Slack's Web API, https://slack.com/api/")
	}
	var missing []string
	for _, s := range manifestBotScopes {
		if !slices.Contains(a.scopes, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		return fail("Slack bot scopes", "the token lacks "+strings.Join(missing, ", ")+" of slack-app-manifest.yaml",
			"add them under the app's OAuth & Permissions (or update the app from slack-app-manifest.yaml) and reinstall it to the workspace")
	}
	return pass("Slack bot scopes", "all %d scopes of slack-app-manifest.yaml granted", len(manifestBotScopes))
}

// appTokenCheck opens a Socket Mode connection URL with the app token
// (apps.connections.open) without connecting to it.
func appTokenCheck(ctx context.Context, cfg Config, log *slog.Logger) check {
	const fix = "generate an app-level token with connections:write (the app's Basic Information, App-Level Tokens) and set SLACK_APP_TOKEN"
	if cfg.SlackAppToken.Reveal() == "" {
		return fail("Slack app token", "SLACK_APP_TOKEN is not set (run needs it for Socket Mode)", fix)
	}
	a, err := slackCall(ctx, cfg, log, cfg.SlackAppToken.Reveal(), "apps.connections.open", nil)
	switch {
	case err != nil:
		return fail("Slack app token", "Slack could not be reached: "+err.Error(), "check SLACK_API_URL and the network, then run clockbot doctor again")
	case !a.OK:
		return fail("Slack app token", fmt.Sprintf("token %s was refused by apps.connections.open: %s", cfg.SlackAppToken, a.Error), fix+"; Socket Mode must be on (it is in the manifest)")
	}
	return pass("Slack app token", "token %s opens Socket Mode connections (apps.connections.open)", cfg.SlackAppToken)
}

// channelCheck checks that the bot is a member of a channel by reading its
// latest message with conversations.history, which needs only the
// manifest's *:history scopes: conversations.info and conversations.members
// would need channels:read, which the bot does not ask for.
func channelCheck(ctx context.Context, cfg Config, log *slog.Logger, name, id string) check {
	label := name + " " + id
	a, err := slackCall(ctx, cfg, log, cfg.SlackBotToken.Reveal(), "conversations.history", url.Values{"channel": {id}, "limit": {"1"}})
	invite := "invite the bot with /invite @clockbot in the channel"
	switch {
	case err != nil:
		return fail(label, "Slack could not be reached: "+err.Error(), "check SLACK_API_URL and the network, then run clockbot doctor again")
	case a.OK:
		return pass(label, "the bot is a member")
	case a.Error == "not_in_channel":
		return fail(label, "the bot is not a member of this channel", invite)
	case a.Error == "missing_scope":
		return fail(label, "cannot be checked: the token lacks "+a.Needed+", needed to read this channel",
			"add the scope (see Slack bot scopes above) and reinstall the app, then run clockbot doctor again")
	case a.Error == "channel_not_found":
		return fail(label, "no channel with this id that the bot can see (a private channel shows only to members)",
			fmt.Sprintf("set %s to the channel id (the channel's details, at the bottom; C...) and %s", name, invite))
	}
	return fail(label, "conversations.history answered "+a.Error, "check the bot's scopes (see above) and the channel id in "+name)
}
