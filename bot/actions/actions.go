package actions

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// SlackAPI is the part of *slack.Client the manager buttons use.
type SlackAPI interface {
	OpenViewContext(ctx context.Context, triggerID string, view slack.ModalViewRequest) (*slack.ViewResponse, error)
	UpdateViewContext(ctx context.Context, view slack.ModalViewRequest, externalID, hash, viewID string) (*slack.ViewResponse, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
}

// HomeTab re-publishes a user's App Home tab after a press changed what it
// shows (*home.Home).
type HomeTab interface {
	Republish(ctx context.Context, slackID, notice string)
}

// Config configures the manager buttons.
type Config struct {
	// Message renders the weekly messages as the delivery did (link,
	// mentions in channel mode, workdays).
	Message report.MessageOptions
	// Location is the team's zone, for the times shown on messages
	// (REPORT_SCHEDULE's).
	Location *time.Location
}

// Actions handles the buttons of the weekly messages (Acknowledge, Excuse,
// Details, Refresh, Adjust target) and their modals. Its handlers are
// registered on a Router with Register.
type Actions struct {
	api      SlackAPI
	store    *store.Store
	people   People
	reporter Reports
	syncer   Syncer  // nil: no Refresh
	home     HomeTab // nil: no Home tab to refresh
	cfg      Config
	now      clock.Clock
	log      *slog.Logger
	bg       sync.WaitGroup // follow-ups of view submissions
}

// followUpLimit bounds the Slack updates that follow a submission.
const followUpLimit = 30 * time.Second

// Deps are what the manager buttons work with. Syncer and Home may be nil
// (no Refresh, no Home tab to refresh), Now nil for time.Now and Log nil to
// discard.
type Deps struct {
	Slack   SlackAPI
	Store   *store.Store
	People  People
	Reports Reports
	Syncer  Syncer
	Home    HomeTab
	Now     clock.Clock
	Log     *slog.Logger
}

// New returns the manager buttons.
func New(cfg Config, d Deps) *Actions {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Location == nil {
		cfg.Location = d.Reports.Params().DefaultLocation
	}
	return &Actions{api: d.Slack, store: d.Store, people: d.People, reporter: d.Reports, syncer: d.Syncer, home: d.Home, cfg: cfg, now: clock.Or(d.Now), log: log.With("component", "actions")}
}

// Register adds the weekly messages' buttons and modals to r.
func (ac *Actions) Register(r *slackapp.Router) {
	r.Action(report.ActionAcknowledge, ac.onAcknowledge)
	r.Action(report.ActionExcuse, ac.onExcuse)
	r.Action(report.ActionDetails, ac.onDetails)
	r.Action(actionDetailsPage, ac.onDetailsPage)
	r.Action(report.ActionRefresh, ac.onRefresh)
	r.Action(report.ActionAdjustTarget, ac.onAdjustTarget)
	r.View(callbackExcuse, ac.onExcuseSubmit)
	r.View(CallbackTarget, ac.onTargetSubmit)
}

// Wait waits for the follow-ups of submissions still running.
func (ac *Actions) Wait() { ac.bg.Wait() }

// republish refreshes slackID's Home tab, when there is one.
func (ac *Actions) republish(ctx context.Context, slackID, notice string) {
	if ac.home != nil {
		ac.home.Republish(ctx, slackID, notice)
	}
}

// followUp runs fn after a view submission has been answered, with its own
// time limit, and tracks it for Wait.
func (ac *Actions) followUp(ctx context.Context, fn func(ctx context.Context)) {
	ac.bg.Go(func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), followUpLimit)
		defer cancel()
		fn(ctx)
	})
}

// loc is the team's zone.
func (ac *Actions) loc() *time.Location { return ac.cfg.Location }

// audit appends an audit entry; a failure is logged, never shown.
func (ac *Actions) audit(actor, action, week, userID, detail string) {
	a := store.AuditEntry{At: ac.now().UTC(), Actor: actor, Action: action, Week: week, UserID: userID, Detail: slackui.TruncateRunes(detail, maxAuditDetail)}
	if err := ac.store.AppendAudit(a); err != nil {
		ac.log.Error("audit entry lost", "action", action, "actor", actor, "err", err)
	}
}

// maxAuditDetail bounds the detail of an audit entry.
const maxAuditDetail = 500

// tell shows text to user: ephemeral in channel when possible, else in a
// direct message.
func (ac *Actions) tell(ctx context.Context, channel, user, text string) {
	if err := slackui.Tell(ctx, ac.api, channel, user, text); err != nil {
		ac.log.Warn("could not tell user", "user", user, "err", err)
	}
}
