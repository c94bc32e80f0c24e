package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// SlackAPI is the part of *slack.Client the delivery of weekly messages
// uses.
type SlackAPI interface {
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	CreateConversationContext(ctx context.Context, params slack.CreateConversationParams) (*slack.Channel, error)
	InviteUsersToConversationContext(ctx context.Context, channelID string, users ...string) (*slack.Channel, error)
	KickUserFromConversationContext(ctx context.Context, channelID string, user string) error
	GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slack.GetUserInfoOption) (*slack.User, error)
	// GetPermalinkContext links the team digest to each weekly message.
	GetPermalinkContext(ctx context.Context, params *slack.PermalinkParameters) (string, error)
}

// WeeklyReportEvent is the Slack message metadata event type carried by
// every weekly message; its payload holds "week" and "user" (the Clockify
// user id).
const WeeklyReportEvent = "clockbot_weekly_report"

// DefaultChannelPrefix is the default name prefix of private report channels.
const DefaultChannelPrefix = "hours-"

// Delivery limits.
const (
	historyScanLimit = 200 // recent messages searched when recovering
	maxGroupDMUsers  = 8   // users conversations.open accepts
)

// Config is how weekly messages reach people.
type Config struct {
	Mode          string   // GroupDM (default), PrivateChannel or Channel
	ChannelPrefix string   // name prefix of private channels; default DefaultChannelPrefix
	Channel       string   // shared channel id for Channel
	Admins        []string // Slack ids that get the digest and notices
	BotUserID     string   // the bot's own Slack id, never invited or kicked
	ClockifyURL   string   // base of the "Open in Clockify" link; "" for no link
	Workdays      []time.Weekday
}

// Deliverer sends each flagged person's weekly message through Slack
// exactly once, even across crashes and restarts, using the store's
// delivery ledger and Slack message metadata.
type Deliverer struct {
	api   SlackAPI
	store *store.Store
	cfg   Config
	sleep func(ctx context.Context, d time.Duration) error
	now   clock.Clock
	log   *slog.Logger
	// crash, when set, is called after each step ("claimed", "channel",
	// "posted", "recorded"); an error stops the run there, as a crash would.
	crash func(step string) error
	// observe, when set, is told each weekly message's outcome.
	observe func(outcome string)
}

// New returns a Deliverer. sleep may be nil for a real timer that
// honours ctx; now may be nil for time.Now.
func New(api SlackAPI, st *store.Store, cfg Config, sleep func(ctx context.Context, d time.Duration) error, now clock.Clock, log *slog.Logger) *Deliverer {
	if cfg.Mode == "" {
		cfg.Mode = GroupDM
	}
	if cfg.ChannelPrefix == "" {
		cfg.ChannelPrefix = DefaultChannelPrefix
	}
	if sleep == nil {
		sleep = clock.Sleep
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Deliverer{api: api, store: st, cfg: cfg, sleep: sleep, now: clock.Or(now), log: log.With("component", "delivery")}
}

// weeklyJob describes the weekly message of u.
func (d *Deliverer) weeklyJob(week string, u report.UserReport, daysOffUnavailable bool) sendJob {
	return sendJob{
		week:   week,
		key:    u.ClockifyUserID,
		event:  WeeklyReportEvent,
		ledger: deliveryLedger{st: d.store, week: week, userID: u.ClockifyUserID},
		resolve: func(ctx context.Context) (string, error) {
			if u.SlackPending != "" {
				return "", slackhttp.Transient(errors.New(u.SlackPending))
			}
			if u.SlackUserID == "" {
				return "", fmt.Errorf("no Slack account for %s", u.Email)
			}
			return d.resolveChannel(ctx, u)
		},
		message: func() []slack.MsgOption {
			opts := MessageOptions(d.cfg.Mode, d.cfg.ClockifyURL, d.cfg.Workdays)
			opts.DaysOffUnavailable = daysOffUnavailable
			blocks, fallback := report.WeeklyMessage(week, u, opts)
			return []slack.MsgOption{slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...)}
		},
	}
}

// sendOutcome is what happened to one message.
type sendOutcome int

const (
	outcomeFailed sendOutcome = iota
	outcomeSent
	outcomeAlreadySent
	outcomePending // a passing failure: a later attempt may succeed
)

// sendResult is the outcome of sendOnce; reason explains a failure.
type sendResult struct {
	outcome sendOutcome
	reason  string
	// rateLimited: Slack still answered 429 after the transport's retries.
	rateLimited bool
}

// sendJob is one message to send exactly once: the ledger remembers it,
// resolve finds (or makes) its conversation and message builds it. The
// message carries metadata {event, {"week": week, "user": key}} so that a
// restart can find it in the conversation's history.
type sendJob struct {
	week, key, event string
	ledger           sendLedger
	resolve          func(ctx context.Context) (string, error)
	message          func() []slack.MsgOption
}

// sendLedger is where sendOnce records a message's progress.
type sendLedger interface {
	claim(rec store.Delivery) (bool, error) // insert only if absent
	load() (store.Delivery, bool, error)
	save(rec store.Delivery) error
}

// deliveryLedger keeps weekly messages in the store's delivery records.
type deliveryLedger struct {
	st           *store.Store
	week, userID string
}

func (l deliveryLedger) claim(rec store.Delivery) (bool, error) { return l.st.ClaimDelivery(rec) }
func (l deliveryLedger) load() (store.Delivery, bool, error)    { return l.st.Delivery(l.week, l.userID) }

// save records the delivery's progress in the stored record in one store
// transaction, keeping what managers wrote meanwhile (acknowledgements,
// excuses): a read-modify-write that must not lose their change.
func (l deliveryLedger) save(rec store.Delivery) error {
	_, err := l.st.UpdateDelivery(l.week, l.userID, func(d *store.Delivery, _ bool) (bool, error) {
		copyProgress(d, rec)
		return true, nil
	})
	return err
}

// copyProgress copies what the deliverer owns of a record (state, channel,
// message, error, attempts, time) from src to dst.
func copyProgress(dst *store.Delivery, src store.Delivery) {
	dst.State, dst.Channel, dst.TS, dst.Error = src.State, src.Channel, src.TS, src.Error
	dst.Attempts, dst.UpdatedAt = src.Attempts, src.UpdatedAt
}

// sendOnce sends job's message unless the ledger says it was sent. A record
// left pending (or failed) by an earlier run may hide a message that did
// reach Slack, so the conversation's history is searched before sending
// again. The returned error is a store failure, the end of ctx or a crash
// from the test hook; Slack problems are a failed result.
func (d *Deliverer) sendOnce(ctx context.Context, job sendJob) (sendResult, error) {
	rec := store.Delivery{Week: job.week, UserID: job.key, State: store.DeliveryPending, UpdatedAt: d.now()}
	claimed, err := job.ledger.claim(rec)
	if err != nil {
		return sendResult{}, fmt.Errorf("claim delivery: %w", err)
	}
	if !claimed {
		old, ok, err := job.ledger.load()
		if err != nil {
			return sendResult{}, fmt.Errorf("read delivery: %w", err)
		}
		if !ok {
			return sendResult{}, fmt.Errorf("delivery %s/%s neither claimable nor readable", job.week, job.key)
		}
		if old.State == store.DeliverySent {
			return sendResult{outcome: outcomeAlreadySent}, nil
		}
		rec = old
	}
	if err := d.step("claimed"); err != nil {
		return sendResult{}, err
	}
	ch, err := job.resolve(ctx)
	if sf := (*storeFailure)(nil); errors.As(err, &sf) {
		return sendResult{}, err
	}
	if err != nil {
		return d.fail(ctx, job, rec, err)
	}
	if !claimed {
		foundIn, ts, err := d.findPosted(ctx, job, ch, rec.Channel)
		if err != nil {
			return d.fail(ctx, job, rec, fmt.Errorf("look for an earlier message: %w", err))
		}
		if ts != "" {
			d.log.Info("found message of an interrupted run", "week", job.week, "key", job.key, "channel", foundIn, "ts", ts)
			return d.recordSent(job, rec, foundIn, ts)
		}
	}
	rec.State, rec.Channel, rec.Error, rec.UpdatedAt = store.DeliveryPending, ch, "", d.now()
	rec.Attempts++
	if err := job.ledger.save(rec); err != nil {
		return sendResult{}, fmt.Errorf("save delivery: %w", err)
	}
	if err := d.step("channel"); err != nil {
		return sendResult{}, err
	}
	opts := append(job.message(), slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType:    job.event,
		EventPayload: map[string]any{"week": job.week, "user": job.key},
	}))
	var ts string
	err = d.slackCall(ctx, "chat.postMessage", func() (err error) {
		_, ts, err = d.api.PostMessageContext(ctx, ch, opts...)
		return err
	})
	if err != nil {
		return d.fail(ctx, job, rec, err)
	}
	if err := d.step("posted"); err != nil {
		return sendResult{}, err
	}
	return d.recordSent(job, rec, ch, ts)
}

// recordSent marks rec sent as message ts of channel ch.
func (d *Deliverer) recordSent(job sendJob, rec store.Delivery, ch, ts string) (sendResult, error) {
	rec.State, rec.Channel, rec.TS, rec.Error, rec.UpdatedAt = store.DeliverySent, ch, ts, "", d.now()
	if err := job.ledger.save(rec); err != nil {
		return sendResult{}, fmt.Errorf("save delivery: %w", err)
	}
	if err := d.step("recorded"); err != nil {
		return sendResult{}, err
	}
	return sendResult{outcome: outcomeSent}, nil
}

// fail records that job could not be sent because of cause. When ctx has
// ended the outcome is unknown instead: the record is left as it is, for
// the next run to check, and ctx's error is returned.
func (d *Deliverer) fail(ctx context.Context, job sendJob, rec store.Delivery, cause error) (sendResult, error) {
	if err := ctx.Err(); err != nil {
		return sendResult{}, err
	}
	rec.State, rec.Error, rec.UpdatedAt = store.DeliveryFailed, cause.Error(), d.now()
	if err := job.ledger.save(rec); err != nil {
		return sendResult{}, fmt.Errorf("save delivery: %w", err)
	}
	if slackhttp.IsTransient(cause) {
		var rl *slack.RateLimitedError
		return sendResult{outcome: outcomePending, reason: cause.Error(), rateLimited: errors.As(cause, &rl)}, nil
	}
	return sendResult{outcome: outcomeFailed, reason: cause.Error()}, nil
}
