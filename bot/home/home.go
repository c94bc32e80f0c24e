package home

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// SlackAPI is the part of *slack.Client the App Home tab uses: it
// publishes the tab, opens its modals and tells people (ephemeral, else
// a DM) what happened.
type SlackAPI interface {
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	OpenViewContext(ctx context.Context, triggerID string, view slack.ModalViewRequest) (*slack.ViewResponse, error)
	UpdateViewContext(ctx context.Context, view slack.ModalViewRequest, externalID, hash, viewID string) (*slack.ViewResponse, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
}

// Config configures the App Home tab.
type Config struct {
	// Schedule is when the weekly report runs (REPORT_SCHEDULE).
	Schedule delivery.Schedule
	// DeliveryMode is REPORT_DELIVERY, shown to admins; the preview renders
	// messages as that mode delivers them.
	DeliveryMode string
	// ClockifyURL is the "Open in Clockify" link of the previewed messages.
	ClockifyURL string
}

// Home serves the App Home tab: everyone's timer and week, the managers'
// team view and the admins' settings. Its handlers are registered on a
// Router with Register.
type Home struct {
	api      SlackAPI
	timers   Timers
	store    *store.Store
	people   People
	reporter Reports
	runner   Runner
	syncer   Syncer
	cfg      Config
	now      clock.Clock
	log      *slog.Logger
	// webhookHealth, when set, gives the admins' tab the webhooks' health.
	webhookHealth func() WebhookHealth

	// startTimeout bounds the Clockify call of the Start modal, which runs
	// before the acknowledgement.
	startTimeout time.Duration

	pagesMu sync.Mutex
	pages   map[string]homePages // list pages each user is looking at
	syncing atomic.Bool          // a "Sync now" is running
	bg      sync.WaitGroup       // follow-ups of view submissions

	nudges NudgeSettings // nil: no nudge settings (SetNudges)
}

// Home timing.
const (
	homeStartTimeout = 1500 * time.Millisecond // Clockify budget of a Start submission
	// homeStartNeed is what a Start submission's two Clockify requests may
	// take once their turns in the rate limit have come: a start whose
	// turns come later than homeStartTimeout less this changes nothing.
	homeStartNeed     = time.Second
	homeFollowUpLimit = 30 * time.Second // Slack updates after a submission
)

// Deps are what the Home tab works with. Runner and Syncer may be nil (no
// preview from a fresh report, no Sync now), Timers nil when clockbot has
// no Clockify connection, Now nil for time.Now and Log nil to discard.
type Deps struct {
	Slack   SlackAPI
	Timers  Timers
	Store   *store.Store
	People  People
	Reports Reports
	Runner  Runner
	Syncer  Syncer
	Now     clock.Clock
	Log     *slog.Logger
}

// New returns the App Home tab.
func New(cfg Config, d Deps) *Home {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Home{
		api: d.Slack, timers: d.Timers, store: d.Store, people: d.People, reporter: d.Reports, runner: d.Runner, syncer: d.Syncer,
		cfg: cfg, now: clock.Or(d.Now), log: log.With("component", "home"),
		startTimeout: homeStartTimeout,
		pages:        map[string]homePages{},
	}
}

// Register adds the App Home event, the Home tab's buttons and modals and
// the project picker's options to r.
func (h *Home) Register(r *slackapp.Router) {
	r.Event("app_home_opened", h.onHomeOpened)

	r.Action(ActionHomeStart, h.onStartButton)
	r.Action(ActionHomeStop, h.onStopButton)
	r.Action(actionHomeNotify, h.onNotify)
	r.Action(actionHomeSummary, h.onSummary)
	h.registerNudges(r)
	r.Action(actionHomeTeamDigest, h.onTeamDigest)
	r.Action(actionHomePage, h.onPage)
	r.View(CallbackStart, h.onStartSubmit)
	r.Options(ActionProjectPicker, h.onProjectOptions)

	r.Action(actionAdminDefault, h.onAdminOpen)
	r.Action(actionAdminTarget, h.onAdminOpen)
	r.Action(actionAdminExclude, h.onAdminOpen)
	r.Action(actionAdminManagers, h.onAdminOpen)
	r.Action(actionAdminPreview, h.onAdminPreview)
	r.Action(actionAdminSync, h.onAdminSync)
	r.View(callbackAdminDefault, h.onAdminDefaultSubmit)
	r.View(callbackAdminTarget, h.onAdminTargetSubmit)
	r.View(callbackAdminExclude, h.onAdminExcludeSubmit)
	r.View(callbackAdminManagers, h.onAdminManagersSubmit)
	r.Action(actionAdminTimeClock, h.onAdminTimeClockOpen)
	r.View(callbackAdminTimeClock, h.onAdminTimeClockSubmit)
}

// Wait blocks until the Slack follow-ups of view submissions (message
// updates, Home tab refreshes) are done. Call it on shutdown, after the
// runtime stopped taking work and before the store is closed.
func (h *Home) Wait() { h.bg.Wait() }

// Publish renders slackID's Home tab and publishes it (views.publish).
func (h *Home) Publish(ctx context.Context, slackID string) error {
	return h.publish(ctx, slackID, "")
}

// publish renders and publishes slackID's Home tab with an optional notice
// at the top (the outcome of the last button, for example).
func (h *Home) publish(ctx context.Context, slackID, notice string) error {
	d, err := h.gather(ctx, slackID)
	if err != nil {
		return err
	}
	d.notice = notice
	view := renderHome(d)
	if _, err := h.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: slackID, View: view}); err != nil {
		return fmt.Errorf("publish home of %s: %w", slackID, err)
	}
	return nil
}

// Republish publishes slackID's Home tab with an optional notice and logs
// a failure; the manager buttons call it after a press changed the tab.
func (h *Home) Republish(ctx context.Context, slackID, notice string) {
	h.republish(ctx, slackID, notice)
}

// republish publishes slackID's Home tab and logs a failure: it follows a
// change that is already made.
func (h *Home) republish(ctx context.Context, slackID, notice string) {
	if err := h.publish(ctx, slackID, notice); err != nil {
		h.log.Warn("home tab not refreshed", "user", slackID, "err", err)
	}
}

// onHomeOpened publishes the Home tab of the user who opened it.
func (h *Home) onHomeOpened(ctx context.Context, ev slackevents.EventsAPIInnerEvent) error {
	var user, tab string
	switch e := ev.Data.(type) {
	case *slackevents.AppHomeOpenedEvent:
		user, tab = e.User, e.Tab
	case slackevents.AppHomeOpenedEvent:
		user, tab = e.User, e.Tab
	default:
		return fmt.Errorf("app_home_opened: unexpected event data %T", ev.Data)
	}
	if tab != "" && tab != "home" { // the Messages tab
		return nil
	}
	return h.Publish(ctx, user)
}

// followUp runs fn after a view submission has been answered, with its own
// time limit, and tracks it for Wait.
func (h *Home) followUp(ctx context.Context, fn func(ctx context.Context)) {
	h.bg.Add(1)
	go func() {
		defer h.bg.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), homeFollowUpLimit)
		defer cancel()
		fn(ctx)
	}()
}

// loc is the team's time zone: the report schedule's, else the default.
func (h *Home) loc() *time.Location {
	if h.cfg.Schedule.Location != nil {
		return h.cfg.Schedule.Location
	}
	return h.reporter.Params().DefaultLocation
}

// audit appends an audit entry; a failure is logged, never shown.
func (h *Home) audit(actor, action, week, userID, detail string) {
	a := store.AuditEntry{At: h.now().UTC(), Actor: actor, Action: action, Week: week, UserID: userID, Detail: slackui.TruncateRunes(detail, maxAuditDetail)}
	if err := h.store.AppendAudit(a); err != nil {
		h.log.Error("audit entry lost", "action", action, "actor", actor, "err", err)
	}
}

// maxAuditDetail bounds the detail of an audit entry.
const maxAuditDetail = 500
