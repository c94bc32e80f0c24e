package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot"
	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/bot/nudges"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// app holds what the subcommands share once configured.
type app struct {
	cfg      Config
	log      *slog.Logger
	api      *clockify.Client
	store    *store.Store
	syncer   *syncer.Syncer
	reporter *report.Builder
	bot      *bot.Bot
	slack    *slack.Client // nil without SLACK_BOT_TOKEN
	// slackPacer paces every Slack client of the app to the method tiers,
	// which Slack counts per workspace.
	slackPacer *slackhttp.Pacer
	botID      string                 // the bot's Slack user id, from auth.test
	runner     *delivery.WeeklyRunner // delivers only with Slack
	// deliverer reaches the admins; nil without Slack.
	deliverer delivery.ReportDeliverer
	// slackWarning says why Slack ids will be empty, for commands that
	// work without Slack.
	slackWarning string
	// slackDown says why Slack is unusable although a token is set.
	slackDown string
	// metrics are the listener's metrics; nil outside `run`.
	metrics *metrics.Metrics
}

// testClockifyOptions are added to the Clockify client's options by tests,
// for example a sleeper that does not sleep.
var testClockifyOptions []clockify.Option

// testSlackRuntime is the base of the Slack runtime's configuration; tests
// shorten its acknowledgement budget.
var testSlackRuntime slackapp.Config

// progressClock is the clock of the backfill progress log; tests replace it.
var progressClock = time.Now

// setupOptions says what a subcommand needs.
type setupOptions struct {
	offline       bool // no Clockify calls: the stored data only
	allowDamaged  bool // open a damaged database read-only instead of failing
	slack         bool // connect to Slack when a token is set
	slackRequired bool // Slack must answer: the bot itself
	announceWaits bool // say on stderr when Clockify makes the command wait
	// progress, when set, is told of each report window a sync fetched.
	progress func(syncer.Progress)
	// logBackfill logs the progress of a backfill at info level.
	logBackfill bool
	// metrics, when set, counts Clockify requests, sync passes, weekly
	// messages and Slack acknowledgements (`run`).
	metrics *metrics.Metrics
}

// Close releases the store.
func (a *app) Close() error { return a.store.Close() }

// setup checks the Clockify key and workspace, opens the store and, when
// asked, connects to Slack. Configuration problems come back as *ConfigError.
func setup(ctx context.Context, cfg Config, stderr io.Writer, opts setupOptions) (*app, error) {
	log := newLogger(stderr, cfg)
	copts := []clockify.Option{
		clockify.WithBaseURL(cfg.ClockifyAPIURL),
		clockify.WithReportsURL(cfg.ClockifyReportsURL),
		clockify.WithRateLimit(cfg.ClockifyMaxRPS),
		clockify.WithConcurrency(cfg.ClockifyConcurrency),
		clockify.WithLogger(log.With("component", "clockify")),
	}
	if opts.metrics != nil {
		copts = append(copts, clockify.WithTransport(opts.metrics.Transport(nil)))
	}
	if opts.announceWaits {
		copts = append(copts, clockify.WithWaitNotice(func(w clockify.Wait) { fmt.Fprintln(stderr, waitLine(w)) }))
	}
	api, err := clockify.NewClient(cfg.ClockifyAPIKey.Reveal(), append(copts, testClockifyOptions...)...)
	if err != nil {
		return nil, fmt.Errorf("clockify client: %w", err)
	}
	if !opts.offline {
		ws, err := resolveWorkspace(ctx, api, cfg)
		if err != nil {
			return nil, err
		}
		cfg.ClockifyWorkspaceID = ws
	}
	a := &app{cfg: cfg, log: log, api: api, metrics: opts.metrics}
	if opts.slack {
		if err := a.connectSlack(ctx); err != nil {
			return nil, err
		}
		if opts.slackRequired && a.slack == nil {
			return nil, fmt.Errorf("slack: %s", a.slackWarning)
		}
	}
	var storeOpts []store.Option
	if opts.allowDamaged {
		storeOpts = append(storeOpts, store.AllowDamaged())
	}
	st, err := store.Open(cfg.DB, storeOpts...)
	if err != nil {
		return nil, err
	}
	a.store = st
	progress := opts.progress
	if opts.logBackfill {
		progress = backfillProgressLogger(log.With("component", "sync"), progressClock)
	}
	rc, _ := cfg.reportConfig() // validated by loadConfig
	sc, _ := parseSchedule(cfg.ReportSchedule)
	admins, _ := splitSlackIDs(cfg.ReportAdmins)
	deps := bot.Deps{Clockify: api, Store: st, Slack: a.slack, Log: log}
	socket := testSlackRuntime
	if opts.slackRequired {
		if cfg.SlackAppToken.Reveal() != "" {
			deps.Socket = a.newSlackClient(cfg.SlackBotToken.Reveal(), cfg.SlackAPIURL, log, slack.OptionAppLevelToken(cfg.SlackAppToken.Reveal()))
		}
		deps.HTTPMode = cfg.SlackSigningSecret.Reveal() != ""
		if opts.metrics != nil {
			socket.Observer = opts.metrics
		}
	}
	headsUp, _ := cfg.headsUp() // validated with the rest of the configuration
	a.bot = bot.New(bot.Config{
		WorkspaceID:  cfg.ClockifyWorkspaceID,
		ClockifyURL:  clockifyAppURL(cfg.ClockifyAPIURL),
		BackfillDays: cfg.SyncBackfillDays,
		SyncProgress: progress,
		Report:       rc,
		People:       people.Config{Admins: admins, Managers: splitList(cfg.ReportManagers)},
		Delivery: delivery.Config{
			Mode:          cfg.ReportDelivery,
			ChannelPrefix: cfg.ReportChannelPrefix,
			Channel:       cfg.ReportChannel,
			BotUserID:     a.botID,
		},
		Schedule:         delivery.Schedule{Days: sc.Days, Hour: sc.Hour, Minute: sc.Minute},
		NotifyChannel:    cfg.NotifyChannel,
		Nudges:           nudges.Config{HeadsUp: headsUp},
		Socket:           socket,
		SlackUnavailable: a.slackDown,
	}, deps)
	a.syncer, a.reporter, a.runner = a.bot.Syncer, a.bot.Reporter, a.bot.Runner
	if a.bot.Deliverer != nil {
		a.deliverer = a.bot.Deliverer
		if opts.metrics != nil {
			a.bot.Deliverer.SetOutcomeObserver(opts.metrics.WeeklyMessage)
		}
	}
	return a, nil
}

// connectSlack checks SLACK_BOT_TOKEN with auth.test. A rejected token is a
// configuration error; an unreachable Slack only leaves a warning.
func (a *app) connectSlack(ctx context.Context) error {
	token := a.cfg.SlackBotToken.Reveal()
	if token == "" {
		a.slackWarning = "SLACK_BOT_TOKEN is not set, so slackUserId fields are empty"
		return nil
	}
	c := a.newSlackClient(token, a.cfg.SlackAPIURL, a.log)
	resp, err := c.AuthTestContext(ctx)
	switch {
	case err == nil:
		a.slack, a.botID = c, resp.UserID
		return nil
	case isSlackAuthError(err):
		return &ConfigError{Var: "SLACK_BOT_TOKEN", Reason: fmt.Sprintf("token %s was rejected by Slack: %v", a.cfg.SlackBotToken, err)}
	}
	a.slackDown = fmt.Sprintf("Slack is unreachable: auth.test at %s failed (each request cut after %s, retried on 429, 5xx and timeouts): %v", a.cfg.SlackAPIURL, slackTimeout(), err)
	a.slackWarning = fmt.Sprintf("Slack could not be reached (%v), so slackUserId fields are empty", err)
	return nil
}

// slackHTTP configures the HTTP client of every Slack Web API client: each
// request is cut after slackhttp.DefaultTimeout and retried. Tests shorten it.
var slackHTTP = slackhttp.Config{}

// slackTimeout is the per-request timeout of Slack calls.
func slackTimeout() time.Duration {
	if slackHTTP.Timeout > 0 {
		return slackHTTP.Timeout
	}
	return slackhttp.DefaultTimeout
}

// newSlackClient returns a Slack Web API client for token whose requests
// are paced to their tier, time out and are retried (slackhttp.Client); the
// app's clients share one Pacer.
func (a *app) newSlackClient(token, apiURL string, log *slog.Logger, opts ...slack.Option) *slack.Client {
	cfg := slackHTTP
	cfg.Log = log.With("component", "slack")
	if cfg.Pacer == nil {
		if a.slackPacer == nil {
			a.slackPacer = slackhttp.NewPacer(cfg.Now)
		}
		cfg.Pacer = a.slackPacer
	}
	opts = append([]slack.Option{slack.OptionAPIURL(apiURL), slack.OptionHTTPClient(slackhttp.New(cfg))}, opts...)
	return slack.New(token, opts...)
}

// isSlackAuthError reports a wrong, revoked or under-scoped token.
func isSlackAuthError(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "missing_scope":
		return true
	}
	return false
}

// clockifyAppURL guesses the web app's address from the API URL, for the
// "Open in Clockify" link: api.clockify.me -> app.clockify.me, and regional
// hosts such as euc1.clockify.me/api -> euc1.clockify.me. Local fakes get no
// link.
func clockifyAppURL(apiURL string) string {
	switch {
	case strings.HasPrefix(apiURL, "https://api.clockify.me"):
		return "https://app.clockify.me"
	case strings.HasPrefix(apiURL, "https://") && strings.Contains(apiURL, "clockify.me"):
		host := strings.TrimPrefix(apiURL, "https://")
		host, _, _ = strings.Cut(host, "/")
		return "https://" + host
	}
	return ""
}

// resolveWorkspace checks the key against Clockify and picks the workspace:
// CLOCKIFY_WORKSPACE_ID when set (it must be one the key sees), else the only
// workspace the key sees.
func resolveWorkspace(ctx context.Context, api *clockify.Client, cfg Config) (string, error) {
	wss, err := confirmedWorkspaces(ctx, api, cfg.ClockifyWorkspaceID)
	if err != nil {
		var ce *clockify.Error
		if errors.As(err, &ce) && (ce.StatusCode == http.StatusUnauthorized || ce.StatusCode == http.StatusForbidden) {
			return "", &ConfigError{Var: "CLOCKIFY_API_KEY", Reason: fmt.Sprintf("key %s was rejected by Clockify: %s", cfg.ClockifyAPIKey, ce.Message)}
		}
		return "", err
	}
	var list []string
	for _, w := range wss {
		if cfg.ClockifyWorkspaceID != "" && w.ID == cfg.ClockifyWorkspaceID {
			return w.ID, nil
		}
		list = append(list, fmt.Sprintf("%s (%s)", w.ID, w.Name))
	}
	switch {
	case cfg.ClockifyWorkspaceID != "":
		return "", &ConfigError{Var: "CLOCKIFY_WORKSPACE_ID", Reason: fmt.Sprintf("%q is not a workspace of this key; it sees: %s", cfg.ClockifyWorkspaceID, strings.Join(list, ", "))}
	case len(wss) == 1:
		return wss[0].ID, nil
	case len(wss) == 0:
		return "", &ConfigError{Var: "CLOCKIFY_API_KEY", Reason: "the key sees no workspace"}
	}
	return "", &ConfigError{Var: "CLOCKIFY_WORKSPACE_ID", Reason: "required: the key sees several workspaces: " + strings.Join(list, ", ")}
}
