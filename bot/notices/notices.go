package notices

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// SlackPoster is the part of the Slack API the timer notifications and the
// daily summaries use. *slack.Client implements it.
type SlackPoster interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
}

// Config configures the notices.
type Config struct {
	// NotifyChannel is where timer starts and stops are posted for users
	// who turned notifications on (NOTIFY_CHANNEL, an id or a name); ""
	// disables them.
	NotifyChannel string
	// DefaultLocation is the zone of users without one (REPORT_TIMEZONE).
	DefaultLocation *time.Location
}

// Limits and timeouts of the notices.
const (
	notifyTimeout        = 10 * time.Second // the posts of one notification
	maxTodayProjects     = 10               // projects listed in a daily summary
	summaryCatchUpWindow = 10 * time.Minute // a missed scheduler tick still sends the summary
)

// Notices posts timer starts and stops to NOTIFY_CHANNEL (a timer
// listener) and sends the daily summary DMs.
type Notices struct {
	poster    SlackPoster
	store     *store.Store
	people    Locator
	cfg       Config
	now       clock.Clock
	log       *slog.Logger
	inflight  sync.WaitGroup // notifications being posted
	queue     noticeQueue    // one user's notifications in order
	summaryMu sync.Mutex     // one SendDueSummaries at a time
}

// New returns the notices. poster may be nil (no Slack: nothing is
// posted), now nil for time.Now and log nil to discard.
func New(poster SlackPoster, st *store.Store, ppl Locator, cfg Config, now clock.Clock, log *slog.Logger) *Notices {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.DefaultLocation == nil {
		cfg.DefaultLocation = time.UTC
	}
	return &Notices{poster: poster, store: st, people: ppl, cfg: cfg, now: clock.Or(now), log: log.With("component", "notices")}
}

// Wait blocks until the notifications being posted are done.
func (n *Notices) Wait() { n.inflight.Wait() }
