package actions

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// WeeklyStatusBlockPrefix starts the block_id of the status line that the
// manager buttons add to a weekly message: "weekly_status:<week>:<user>".
const WeeklyStatusBlockPrefix = "weekly_status"

// maxExcuseNoteRunes bounds an excuse's reason as shown on the message.
const maxExcuseNoteRunes = 300

// messageContent is a weekly message's text and blocks.
type messageContent struct {
	text   string
	blocks []slack.Block
}

// messageOptions are the rendering options of the weekly messages, the
// same as the delivery.Deliverer's.
func (ac *Actions) messageOptions() report.MessageOptions {
	return ac.cfg.Message
}

// renderWeekly renders userID's weekly message of w from the store as it
// is now.
func (ac *Actions) renderWeekly(ctx context.Context, w weekly.Week, userID string) (report.UserReport, string, []slack.Block, error) {
	rep, _, err := ac.reporter.Build(ctx, w, ac.now())
	if err != nil {
		return report.UserReport{}, "", nil, fmt.Errorf("build report of %s: %w", w, err)
	}
	for _, u := range rep.Users {
		if u.ClockifyUserID == userID {
			blocks, fallback := report.WeeklyMessage(w.String(), u, ac.messageOptions())
			return u, fallback, blocks, nil
		}
	}
	return report.UserReport{}, "", nil, fmt.Errorf("user %s is not in the report of %s (inactive or removed)", userID, w)
}

// messageTargets are the messages that show rec's week and user: the one in the
// ledger and the one pressed, when it is another (the week was re-sent).
func messageTargets(rec store.Delivery, pressed msgRef) []msgRef {
	var out []msgRef
	if rec.Channel != "" && rec.TS != "" {
		out = append(out, msgRef{rec.Channel, rec.TS})
	}
	if pressed.Channel != "" && pressed.TS != "" && (len(out) == 0 || out[0] != pressed) {
		out = append(out, pressed)
	}
	return out
}

// restatus shows rec's acknowledgement and excuse on every message of
// ref's week and user, keeping the rest of each message as it is. The
// pressed message's own content is used when given; others are read from
// the conversation, or rendered again when that fails.
func (ac *Actions) restatus(ctx context.Context, ref weeklyRef, rec store.Delivery, pressed *slack.Message) {
	var rendered *messageContent
	ac.rewrite(ctx, ref, rec, func(t msgRef) *messageContent {
		if t == ref.pressed && pressed != nil && len(pressed.Blocks.BlockSet) > 0 {
			return &messageContent{text: pressed.Text, blocks: pressed.Blocks.BlockSet}
		}
		if c := ac.fetchMessage(ctx, t); c != nil {
			return c
		}
		if rendered == nil {
			_, fallback, blocks, err := ac.renderWeekly(ctx, ref.week, ref.userID)
			if err != nil {
				ac.log.Warn("weekly message not rendered", "week", ref.week.String(), "user", ref.userID, "err", err)
				return nil
			}
			rendered = &messageContent{text: fallback, blocks: blocks}
		}
		return rendered
	})
}

// rewrite updates every message of ref's week and user with the content
// given for it plus rec's status line, and returns how many it updated.
func (ac *Actions) rewrite(ctx context.Context, ref weeklyRef, rec store.Delivery, content func(msgRef) *messageContent) int {
	week := ref.week.String()
	n := 0
	for _, t := range messageTargets(rec, ref.pressed) {
		c := content(t)
		if c == nil {
			continue
		}
		blocks := withStatus(c.blocks, week, ref.userID, rec, ac.loc())
		_, _, _, err := ac.api.UpdateMessageContext(ctx, t.Channel, t.TS,
			slack.MsgOptionText(c.text, false),
			slack.MsgOptionBlocks(blocks...),
			slack.MsgOptionMetadata(slack.SlackMetadata{EventType: delivery.WeeklyReportEvent, EventPayload: map[string]any{"week": week, "user": ref.userID}}),
		)
		if err != nil {
			ac.log.Warn("weekly message not updated", "week", week, "user", ref.userID, "channel", t.Channel, "ts", t.TS, "err", err)
			continue
		}
		n++
	}
	return n
}

// fetchMessage reads the message t from its conversation; nil when it
// cannot.
func (ac *Actions) fetchMessage(ctx context.Context, t msgRef) *messageContent {
	resp, err := ac.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: t.Channel, Latest: t.TS, Oldest: t.TS, Inclusive: true, Limit: 1,
	})
	if err != nil {
		ac.log.Warn("weekly message not read", "channel", t.Channel, "ts", t.TS, "err", err)
		return nil
	}
	for _, m := range resp.Messages {
		if m.Timestamp == t.TS && len(m.Blocks.BlockSet) > 0 {
			return &messageContent{text: m.Text, blocks: m.Blocks.BlockSet}
		}
	}
	return nil
}

// statusBlockID is the block_id of a weekly message's status line.
func statusBlockID(week, userID string) string {
	return WeeklyStatusBlockPrefix + ":" + week + ":" + userID
}

// withStatus returns blocks with their status line replaced by rec's
// (removed when rec has neither an acknowledgement nor an excuse), placed
// just above the buttons.
func withStatus(blocks []slack.Block, week, userID string, rec store.Delivery, loc *time.Location) []slack.Block {
	id := statusBlockID(week, userID)
	out := make([]slack.Block, 0, len(blocks)+1)
	at := -1
	for _, b := range blocks {
		if b.ID() == id {
			continue
		}
		if at < 0 && b.BlockType() == slack.MBTAction && strings.HasPrefix(b.ID(), report.WeeklyActionsBlockPrefix+":") {
			at = len(out)
		}
		out = append(out, b)
	}
	text := statusText(rec, loc)
	if text == "" {
		return out
	}
	status := slack.NewContextBlock(id, slack.NewTextBlockObject(slack.MarkdownType, text, false, true))
	if at < 0 {
		return append(out, status)
	}
	return append(out[:at], append([]slack.Block{status}, out[at:]...)...)
}

// statusText is the status line of a weekly message, "" when nobody has
// acted on it.
func statusText(rec store.Delivery, loc *time.Location) string {
	var lines []string
	if rec.AckBy != "" {
		lines = append(lines, fmt.Sprintf(":white_check_mark: Acknowledged by %s, %s", slackui.MentionOrSomeone(rec.AckBy), slackui.At(rec.AckAt, loc)))
	}
	if rec.ExcusedBy != "" {
		s := fmt.Sprintf(":ok_hand: Week excused by %s, %s", slackui.MentionOrSomeone(rec.ExcusedBy), slackui.At(rec.ExcusedAt, loc))
		if note := slackui.Clean(rec.ExcuseNote, maxExcuseNoteRunes); note != "" {
			s += ": “" + slackui.EscapeMrkdwn(note) + "”"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

// digestLedgerKey is where the delivery.Deliverer keeps the record of an admin's
// digest of a week (see SendDigest).
func digestLedgerKey(week, admin string) string { return store.AdminDigestKey(week, admin) }

// updateDigests rewrites the admins' digests of week with the managers'
// answers so far, so that acknowledgements and excuses are counted there.
func (ac *Actions) updateDigests(ctx context.Context, week string) {
	text, err := ac.digestText(week)
	if err != nil {
		ac.log.Warn("digest not updated", "week", week, "err", err)
		return
	}
	for _, admin := range ac.people.Admins() {
		var rec store.Delivery
		ok, err := ac.store.Setting(digestLedgerKey(week, admin), &rec)
		if err != nil || !ok || rec.State != store.DeliverySent || rec.TS == "" {
			continue
		}
		_, _, _, err = ac.api.UpdateMessageContext(ctx, rec.Channel, rec.TS,
			slack.MsgOptionText(text, false),
			slack.MsgOptionMetadata(slack.SlackMetadata{EventType: delivery.DigestEvent, EventPayload: map[string]any{"week": week, "user": "_digest:" + admin}}),
		)
		if err != nil {
			ac.log.Warn("digest not updated", "week", week, "admin", admin, "err", err)
		}
	}
}

// digestText is the admins' digest of week rebuilt from the ledger, with
// a line counting the managers' answers.
func (ac *Actions) digestText(week string) (string, error) {
	recs, err := ac.store.Deliveries(week)
	if err != nil {
		return "", err
	}
	sum := delivery.Summary{Week: week}
	var acked, excused, waiting int
	for _, r := range recs {
		sum.Flagged++
		switch r.State {
		case store.DeliverySent:
			sum.Delivered++
			switch {
			case r.ExcusedBy != "":
				excused++
			case r.AckBy != "":
				acked++
			default:
				waiting++
			}
		case store.DeliveryFailed:
			f := delivery.Failure{UserID: r.UserID, Reason: r.Error}
			if u, ok, err := ac.store.User(r.UserID); err == nil && ok {
				f.Email, f.Name = u.Email, u.Name
			}
			sum.Failed = append(sum.Failed, f)
		}
	}
	sort.Slice(sum.Failed, func(i, j int) bool { return sum.Failed[i].Email < sum.Failed[j].Email })
	return delivery.DigestText(sum) + fmt.Sprintf("\nManagers' answers so far: %d acknowledged, %d excused, %d waiting.", acked, excused, waiting), nil
}
