package nudges

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Config configures the nudges.
type Config struct {
	// HeadsUp is the local time of the heads-up on the last working day
	// ("15:00", REPORT_HEADSUP); "" is DefaultHeadsUp and HeadsUpOff
	// turns it off.
	HeadsUp string
}

// DefaultHeadsUp is REPORT_HEADSUP's default; HeadsUpOff turns it off.
const (
	DefaultHeadsUp = "15:00"
	HeadsUpOff     = "off"
)

// The action ids and callback ids of the nudges' buttons and modals.
const (
	ActionLogTime   = "nudges_log_time"     // value: the date, "2026-11-17"
	ActionSnooze    = "nudges_snooze"       // value: the date the nudge is about
	ActionReason    = "nudges_reason"       // value: the week, "2026-W47"
	CallbackLogTime = "nudges_log_modal"    // private_metadata: the date offered
	CallbackReason  = "nudges_reason_modal" // private_metadata: the week
)

// Limits and timeouts.
const (
	catchUp = 10 * time.Minute // a missed tick still sends
	// submitTimeout is the Clockify budget of a Log time submission, which
	// runs before the acknowledgement (as the Home tab's Start).
	submitTimeout  = 1500 * time.Millisecond
	maxReasonRunes = 500
)

// Nudges sends the daily nudges and the heads-ups and logs time after the
// fact.
type Nudges struct {
	api    SlackAPI
	store  *store.Store
	weeks  Weeks
	people People
	timers Timers
	cfg    Config
	now    clock.Clock
	log    *slog.Logger
	mu     sync.Mutex // one SendDue at a time
}

// Deps are the nudges' connections.
type Deps struct {
	// Slack may be nil (nothing is sent).
	Slack  SlackAPI
	Store  *store.Store
	Weeks  Weeks
	People People
	Timers Timers
	// Now may be nil for time.Now, Log nil to discard.
	Now clock.Clock
	Log *slog.Logger
}

// New returns the nudges.
func New(cfg Config, d Deps) *Nudges {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	switch cfg.HeadsUp {
	case "":
		cfg.HeadsUp = DefaultHeadsUp
	case HeadsUpOff:
		cfg.HeadsUp = ""
	}
	return &Nudges{api: d.Slack, store: d.Store, weeks: d.Weeks, people: d.People, timers: d.Timers, cfg: cfg,
		now: clock.Or(d.Now), log: log.With("component", "nudges")}
}

// Register adds the buttons and modals of the nudges to r. The /tt
// subcommands (NudgeCommand, HeadsUpCommand, LogCommand) are added to /tt
// by bot.New.
func (n *Nudges) Register(r *slackapp.Router) {
	r.Action(ActionLogTime, n.logTimeAction)
	r.Action(ActionSnooze, n.snoozeAction)
	r.Action(ActionReason, n.reasonAction)
	r.View(CallbackLogTime, n.logTimeSubmit)
	r.View(CallbackReason, n.reasonSubmit)
}

// dm opens the DM with a user and posts text and blocks there.
func (n *Nudges) dm(ctx context.Context, slackID, text string, blocks ...slack.Block) error {
	if n.api == nil {
		return fmt.Errorf("no Slack client")
	}
	ch, _, _, err := n.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{slackID}, ReturnIM: true})
	if err != nil {
		return fmt.Errorf("slack conversations.open: %w", err)
	}
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if _, _, err := n.api.PostMessageContext(ctx, ch.ID, opts...); err != nil {
		return fmt.Errorf("slack chat.postMessage: %w", err)
	}
	return nil
}
