package actions

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Audit actions of the weekly messages' buttons. Every press is audited,
// allowed or not; Detail says what happened.
const (
	AuditAcknowledge  = "acknowledge"
	AuditExcuse       = "excuse"
	AuditDetails      = "details"
	AuditRefresh      = "refresh"
	AuditAdjustTarget = "adjust_target"
)

// weeklyRef is what a weekly message's button is about: a week and a
// Clockify user, plus the message it was pressed on.
type weeklyRef struct {
	week    weekly.Week
	userID  string
	pressed msgRef
}

// msgRef locates one Slack message.
type msgRef struct{ Channel, TS string }

// parseWeeklyValue reads a weekly button's value "<week>|<clockifyUserId>".
func parseWeeklyValue(v string) (weekly.Week, string, error) {
	ws, user, ok := strings.Cut(v, "|")
	if !ok || user == "" || len(user) > 64 || strings.ContainsAny(user, "|<>& \n") {
		return weekly.Week{}, "", fmt.Errorf("malformed button value %q", slackui.TruncateRunes(v, 40))
	}
	w, err := weekly.ParseWeek(ws)
	if err != nil {
		return weekly.Week{}, "", err
	}
	return w, user, nil
}

// pressedMessage is the message a block action came from.
func pressedMessage(cb slack.InteractionCallback) msgRef {
	ch := cb.Container.ChannelID
	if ch == "" {
		ch = cb.Channel.ID
	}
	ts := cb.Container.MessageTs
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	return msgRef{Channel: ch, TS: ts}
}

// weeklyPress reads, checks and authorizes a press of a weekly message's
// button. It returns false when the press must go no further: the value
// is malformed, the presser may not act or the check failed; the presser
// has then been told and the press audited. selfOK lets the person the
// message is about press too.
func (ac *Actions) weeklyPress(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction, auditAction string, selfOK bool) (weeklyRef, bool) {
	actor := cb.User.ID
	ref := weeklyRef{pressed: pressedMessage(cb)}
	w, userID, err := parseWeeklyValue(action.Value)
	if err != nil {
		ac.audit(actor, auditAction, "", "", store.AuditRefused+err.Error())
		ac.tell(ctx, ref.pressed.Channel, actor, "This button is not valid any more.")
		return ref, false
	}
	ref.week, ref.userID = w, userID
	ok, err := ac.mayAct(ctx, actor, userID, selfOK)
	if err != nil {
		ac.fail(ctx, ref, actor, auditAction, err)
		return ref, false
	}
	if !ok {
		ac.audit(actor, auditAction, w.String(), userID, store.AuditRefused+"not a manager of this user or an admin")
		ac.tell(ctx, ref.pressed.Channel, actor, "Only managers of "+ac.personMention(userID)+" can do this.")
		return ref, false
	}
	return ref, true
}

// fail logs and audits a press that failed on clockbot's side and
// apologizes to the presser.
func (ac *Actions) fail(ctx context.Context, ref weeklyRef, actor, auditAction string, err error) {
	ac.log.Error("weekly message button failed", "action", auditAction, "actor", actor, "week", ref.week.String(), "user", ref.userID, "err", err)
	ac.audit(actor, auditAction, ref.week.String(), ref.userID, "failed: "+err.Error())
	ac.tell(ctx, ref.pressed.Channel, actor, "Sorry, something went wrong on my side. Please try again in a minute.")
}

// mayAct reports whether actor may act on userID's week: an admin, one of
// the user's managers (People.Manages, or the admins' override) or, when
// selfOK, the user.
func (ac *Actions) mayAct(ctx context.Context, actor, userID string, selfOK bool) (bool, error) {
	ok, err := ac.people.Manages(ctx, actor, userID)
	if err != nil || ok {
		return ok, err
	}
	if !selfOK {
		return false, nil
	}
	u, err := ac.people.ClockifyUser(ctx, actor)
	switch {
	case errors.Is(err, people.ErrUnmapped):
		return false, nil
	case err != nil:
		return false, err
	}
	return u.ID == userID, nil
}

// personMention is the Slack mention of a Clockify user when known, else
// their escaped name.
func (ac *Actions) personMention(userID string) string {
	u, ok, err := ac.store.User(userID)
	if err != nil || !ok {
		return "this person"
	}
	if c, ok, err := ac.store.SlackUser(u.Email); err == nil && ok {
		if m := slackui.Mention(c.SlackID); m != "" {
			return m
		}
	}
	return storeUserName(u)
}

// storeUserName is a user's escaped name, else their email.
func storeUserName(u store.User) string {
	if strings.TrimSpace(u.Name) != "" {
		return slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes))
	}
	return slackui.EscapeMrkdwn(slackui.Clean(u.Email, slackui.MaxNameRunes))
}

// onAcknowledge records who acknowledged a weekly message and when, and
// shows it on the message. A second press keeps the first
// acknowledgement and says so.
func (ac *Actions) onAcknowledge(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	ref, ok := ac.weeklyPress(ctx, cb, action, AuditAcknowledge, false)
	if !ok {
		return nil
	}
	actor, now, week := cb.User.ID, ac.now(), ref.week.String()

	already := false
	rec, err := ac.store.UpdateDelivery(week, ref.userID, func(d *store.Delivery, _ bool) (bool, error) {
		ac.markPressed(d, ref)
		if d.AckBy != "" {
			already = true
			return false, nil
		}
		d.AckBy, d.AckAt = actor, now.UTC()
		return true, nil
	})
	if err == nil && already {
		ac.audit(actor, AuditAcknowledge, week, ref.userID, "already acknowledged by "+rec.AckBy)
		ac.tell(ctx, ref.pressed.Channel, actor, fmt.Sprintf("Already acknowledged by %s, %s.", slackui.MentionOrSomeone(rec.AckBy), slackui.At(rec.AckAt, ac.loc())))
		return nil
	}
	if err != nil {
		ac.fail(ctx, ref, actor, AuditAcknowledge, err)
		return nil
	}
	ac.audit(actor, AuditAcknowledge, week, ref.userID, "acknowledged")
	ac.restatus(ctx, ref, rec, &cb.Message)
	ac.updateDigests(ctx, week)
	ac.republish(ctx, actor, "")
	return nil
}

// ledgerRecord returns the ledger record of ref's week and user, as
// markPressed completes it; it writes nothing.
func (ac *Actions) ledgerRecord(ref weeklyRef) (store.Delivery, error) {
	rec, found, err := ac.store.Delivery(ref.week.String(), ref.userID)
	if err != nil {
		return rec, err
	}
	if !found {
		rec = store.Delivery{Week: ref.week.String(), UserID: ref.userID}
	}
	ac.markPressed(&rec, ref)
	return rec, nil
}

// markPressed completes a ledger record from the message a button was
// pressed on: a message the ledger does not know (its record was lost, or
// never finished) proves the message was sent, and the record says so.
func (ac *Actions) markPressed(rec *store.Delivery, ref weeklyRef) {
	if rec.TS == "" && ref.pressed.TS != "" {
		rec.State, rec.Channel, rec.TS, rec.Error, rec.UpdatedAt = store.DeliverySent, ref.pressed.Channel, ref.pressed.TS, "", ac.now().UTC()
	}
}

// onRefresh re-syncs the week of the message and rewrites the message in
// place with the new numbers. The person the message is about may press
// it too: the message asks them to.
func (ac *Actions) onRefresh(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	ref, ok := ac.weeklyPress(ctx, cb, action, AuditRefresh, true)
	if !ok {
		return nil
	}
	actor, week := cb.User.ID, ref.week.String()
	if ac.syncer == nil {
		ac.audit(actor, AuditRefresh, week, ref.userID, "failed: no sync configured")
		ac.tell(ctx, ref.pressed.Channel, actor, "Refreshing is not available: clockbot is not syncing Clockify.")
		return nil
	}
	from, to := ref.week.Bounds()
	if _, err := ac.syncer.Sync(ctx, syncer.Options{From: from, To: to}); err != nil {
		ac.audit(actor, AuditRefresh, week, ref.userID, "failed: "+err.Error())
		ac.tell(ctx, ref.pressed.Channel, actor, "I could not reach Clockify to refresh this week, so the message is unchanged. Please try again later.")
		return nil
	}
	u, fallback, blocks, err := ac.renderWeekly(ctx, ref.week, ref.userID)
	if err == nil {
		var rec store.Delivery
		rec, err = ac.ledgerRecord(ref)
		if err == nil {
			ac.refreshed(ctx, cb, ref, rec, u, fallback, blocks)
			return nil
		}
	}
	ac.fail(ctx, ref, actor, AuditRefresh, err)
	return nil
}

// refreshed rewrites the messages of ref with freshly rendered content.
func (ac *Actions) refreshed(ctx context.Context, cb slack.InteractionCallback, ref weeklyRef, rec store.Delivery, u report.UserReport, fallback string, blocks []slack.Block) {
	actor, week := cb.User.ID, ref.week.String()
	fresh := &messageContent{text: fallback, blocks: blocks}
	n := ac.rewrite(ctx, ref, rec, func(msgRef) *messageContent { return fresh })
	detail := fmt.Sprintf("refreshed: %s h of %s h", slackui.Hours(u.Hours), slackui.Hours(u.TargetHours))
	ac.audit(actor, AuditRefresh, week, ref.userID, detail)
	if n == 0 {
		ac.tell(ctx, ref.pressed.Channel, actor, "The week is synced, but I could not rewrite the message.")
	}
}
