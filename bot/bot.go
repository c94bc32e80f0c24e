package bot

import (
	"context"
	"log/slog"

	"github.com/clockbot/clockbot/bot/actions"
	"github.com/clockbot/clockbot/bot/commands"
	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/home"
	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/notices"
	"github.com/clockbot/clockbot/bot/nudges"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Config is the bot's configuration, one part per concern, built once by
// cmd. New derives each feature's settings from it, so that nothing is
// configured twice.
type Config struct {
	// WorkspaceID is the Clockify workspace (CLOCKIFY_WORKSPACE_ID, as
	// resolved against the key).
	WorkspaceID string
	// ClockifyURL is the Clockify web app the messages link to; "" for no
	// link.
	ClockifyURL string
	// BackfillDays is the history the first sync fetches
	// (SYNC_BACKFILL_DAYS).
	BackfillDays int
	// SyncProgress, when set, is told of each report window a sync pass
	// fetched (the command line's progress lines).
	SyncProgress func(syncer.Progress)
	// Report holds the weekly rules (workdays, minimum, default zone) and
	// the report's defaults (REPORT_EXCLUDE, REPORT_TARGETS).
	Report report.Config
	// People holds the admins (REPORT_ADMINS) and the managers of last
	// resort (REPORT_MANAGERS).
	People people.Config
	// Delivery is REPORT_DELIVERY, REPORT_CHANNEL_PREFIX, REPORT_CHANNEL and
	// the bot's Slack user id; New fills in the admins, the Clockify link
	// and the workdays.
	Delivery delivery.Config
	// Schedule is REPORT_SCHEDULE; a nil Location is the report's default
	// zone.
	Schedule delivery.Schedule
	// NotifyChannel is where timer starts and stops are posted
	// (NOTIFY_CHANNEL); "" for none.
	NotifyChannel string
	// Nudges configures the daily nudge and the heads-up (REPORT_HEADSUP).
	Nudges nudges.Config
	// Socket tunes the Socket Mode runtime (zero values: the defaults).
	Socket slackapp.Config
	// SlackUnavailable, when set, says why Slack cannot be used although a
	// token is configured; the weekly runner reports it instead of sending.
	SlackUnavailable string
}

// ClockifyAPI is the part of the Clockify client the bot uses: what the
// sync reads and the timers the commands start and stop.
// *clockify.Client implements it.
type ClockifyAPI interface {
	syncer.Clockify
	timer.API
}

// Deps are the bot's connections to the world.
type Deps struct {
	Clockify ClockifyAPI
	Store    *store.Store
	// Slack is the Web API client with the bot token; nil without Slack
	// (no delivery, no Slack ids in reports).
	Slack *slack.Client
	// Socket is the client with the app-level token that Socket Mode
	// connects with; nil builds no Socket Mode connection.
	Socket *slack.Client
	// HTTPMode builds the runtime for Slack's HTTP mode (SLACK_SIGNING_SECRET
	// set), alone or beside Socket Mode: Bot.App.HTTPHandlers serve it.
	// Without it and without Socket there is no runtime (the command-line
	// tools).
	HTTPMode bool
	// Log may be nil to discard; Now may be nil for time.Now.
	Log *slog.Logger
	Now clock.Clock
}

// Bot is the assembled bot: the features on one router, plus the parts the
// command-line tools use on their own (sync, report, weekly run).
type Bot struct {
	Syncer   *syncer.Syncer
	People   *people.People
	Reporter *report.Builder
	Runner   *delivery.WeeklyRunner
	// Deliverer reaches Slack users and the admins; nil without Slack.
	Deliverer *delivery.Deliverer
	Timers    *timer.Service
	Notices   *notices.Notices
	Commands  *commands.Commands
	Home      *home.Home
	Actions   *actions.Actions
	// Nudges sends the daily nudges and heads-ups and logs time (/tt log).
	Nudges *nudges.Nudges
	Router *slackapp.Router
	// App is the runtime (Socket Mode, HTTP mode or both); nil without
	// Deps.Socket and Deps.HTTPMode.
	App *slackapp.App
	// socket says the runtime has a Socket Mode connection to run.
	socket bool
}

// New assembles the bot from its configuration and connections: one timer
// service whose listeners are the notices and the Home tab, /tt, the Home
// tab and the manager buttons on one router, and the runtime that serves
// it.
func New(cfg Config, deps Deps) *Bot {
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := clock.Or(deps.Now)
	st := deps.Store
	b := &Bot{Router: slackapp.NewRouter()}
	b.Syncer = syncer.New(deps.Clockify, st, syncer.Config{WorkspaceID: cfg.WorkspaceID, BackfillDays: cfg.BackfillDays, Progress: cfg.SyncProgress}, now, log)
	var userInfo people.SlackUserInfoAPI
	var dir report.SlackDirectory
	if deps.Slack != nil {
		userInfo, dir = deps.Slack, people.NewEmailDirectory(deps.Slack, st, now)
	}
	b.People = people.New(userInfo, st, cfg.People, now)
	b.Reporter = report.New(st, cfg.Report, b.People, dir, log)
	params := b.Reporter.Params()
	if cfg.Schedule.Location == nil {
		cfg.Schedule.Location = params.DefaultLocation
	}
	var deliverer delivery.ReportDeliverer
	if deps.Slack != nil {
		dc := cfg.Delivery
		dc.Admins, dc.ClockifyURL, dc.Workdays = cfg.People.Admins, cfg.ClockifyURL, params.Workdays
		b.Deliverer = delivery.New(deps.Slack, st, dc, nil, now, log)
		deliverer = b.Deliverer
	}
	b.Runner = delivery.NewWeeklyRunner(b.Syncer, b.Reporter, deliverer, st, cfg.Schedule, now, log)
	if cfg.SlackUnavailable != "" {
		b.Runner.SetSlackUnavailable(cfg.SlackUnavailable)
	}

	b.Timers = timer.New(deps.Clockify, st, cfg.WorkspaceID, now, log)
	var poster notices.SlackPoster
	var homeAPI home.SlackAPI
	var actionsAPI actions.SlackAPI
	if deps.Slack != nil {
		poster, homeAPI, actionsAPI = deps.Slack, deps.Slack, deps.Slack
	}
	b.Notices = notices.New(poster, st, b.People, notices.Config{NotifyChannel: cfg.NotifyChannel, DefaultLocation: params.DefaultLocation}, now, log)
	b.Commands = commands.New(b.Timers, st, b.People, b.Reporter, commands.Config{NotifyChannel: cfg.NotifyChannel, ClockifyURL: cfg.ClockifyURL}, now, log)
	var nudgesAPI nudges.SlackAPI
	if deps.Slack != nil {
		nudgesAPI = deps.Slack
	}
	b.Nudges = nudges.New(cfg.Nudges, nudges.Deps{Slack: nudgesAPI, Store: st, Weeks: b.Reporter, People: b.People, Timers: b.Timers, Now: now, Log: log})
	b.Home = home.New(home.Config{Schedule: cfg.Schedule, DeliveryMode: cfg.Delivery.Mode, ClockifyURL: cfg.ClockifyURL}, home.Deps{
		Slack: homeAPI, Timers: b.Timers, Store: st, People: b.People, Reports: b.Reporter, Runner: b.Runner, Syncer: b.Syncer, Now: now, Log: log,
	})
	b.Actions = actions.New(actions.Config{
		Message:  delivery.MessageOptions(cfg.Delivery.Mode, cfg.ClockifyURL, params.Workdays),
		Location: cfg.Schedule.Location,
	}, actions.Deps{Slack: actionsAPI, Store: st, People: b.People, Reports: b.Reporter, Syncer: b.Syncer, Home: b.Home, Now: now, Log: log})
	b.Commands.Handle("log", nudges.HelpLog, b.Nudges.LogCommand)
	b.Commands.Handle("nudge", nudges.HelpNudge, b.Nudges.NudgeCommand)
	b.Commands.Handle("headsup", nudges.HelpHeadsUp, b.Nudges.HeadsUpCommand)
	b.Nudges.Register(b.Router)
	b.Timers.Listen(b.Notices.TimerChanged)
	b.Timers.Listen(b.Home.TimerChanged)
	b.Home.SetNudges(b.Nudges)
	b.Commands.Register(b.Router)
	b.Home.Register(b.Router)
	b.Actions.Register(b.Router)
	if deps.Socket != nil || deps.HTTPMode {
		sc := cfg.Socket
		sc.Explain = timer.Explain
		b.App = slackapp.New(deps.Socket, b.Router, sc, log)
		b.socket = deps.Socket != nil
	}
	return b
}

// Run serves Socket Mode (or, without it, only waits while HTTP mode is
// served) until ctx is done and the work in flight is finished, then waits
// for the notices being posted and the Home tab's updates. It needs
// Deps.Socket or Deps.HTTPMode.
func (b *Bot) Run(ctx context.Context) error {
	var err error
	if b.socket {
		err = b.App.Run(ctx)
	} else {
		err = b.App.RunHTTP(ctx)
	}
	b.Notices.Wait()
	b.Home.Wait()
	b.Actions.Wait()
	return err
}
