package delivery

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// DigestEvent is the Slack message metadata event type of the admins'
// weekly digest; its payload holds "week" and "user" ("_digest:<admin>").
const DigestEvent = "clockbot_admin_digest"

// NotifyAdmins sends text, as it is (mrkdwn), in a direct message to each
// admin. It tries every admin and returns the problems met.
func (d *Deliverer) NotifyAdmins(ctx context.Context, text string) error {
	var errs []error
	for _, admin := range d.admins() {
		ch, err := d.openDM(ctx, []string{admin})
		if err == nil {
			err = d.slackCall(ctx, "chat.postMessage", func() error {
				_, _, err := d.api.PostMessageContext(ctx, ch, slack.MsgOptionText(text, false))
				return err
			})
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			errs = append(errs, fmt.Errorf("notify admin %s: %w", admin, err))
		}
	}
	return errors.Join(errs...)
}

// SendDigest sends each admin one direct message summing up the week's
// delivery, once per week: a second call for the same week sends nothing,
// even after a crash. It returns store failures, the end of ctx and the
// admins who could not be reached.
func (d *Deliverer) SendDigest(ctx context.Context, sum Summary) error {
	text := DigestText(sum)
	var errs []error
	for _, admin := range d.admins() {
		key := "_digest:" + admin
		res, err := d.sendOnce(ctx, sendJob{
			week:   sum.Week,
			key:    key,
			event:  DigestEvent,
			ledger: settingLedger{st: d.store, key: store.AdminDigestKey(sum.Week, admin)},
			resolve: func(ctx context.Context) (string, error) {
				return d.openDM(ctx, []string{admin})
			},
			message: func() []slack.MsgOption { return []slack.MsgOption{slack.MsgOptionText(text, false)} },
		})
		if err != nil {
			return fmt.Errorf("digest to %s: %w", admin, err)
		}
		if res.outcome == outcomeFailed || res.outcome == outcomePending {
			errs = append(errs, fmt.Errorf("digest to %s: %s", admin, res.reason))
		}
	}
	return errors.Join(errs...)
}

// DigestText is the admins' digest of sum, for example "Weekly report
// 2026-W46: 4 flagged, 3 delivered, 1 could not be delivered:" followed by
// one "• Name (email): reason" line per failure, then the people still
// pending with why. Delivered counts messages sent by this run and by
// earlier ones. A run of a minute or more says how long it took.
func DigestText(sum Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Weekly report %s: %d flagged, %d delivered", sum.Week, sum.Flagged, sum.Delivered+sum.AlreadySent)
	if len(sum.Failed) == 0 && len(sum.Pending) == 0 {
		b.WriteString(".")
	}
	if len(sum.Failed) > 0 {
		fmt.Fprintf(&b, ", %d could not be delivered:", len(sum.Failed))
		writeDigestPeople(&b, sum.Failed)
	}
	if len(sum.Pending) > 0 {
		if len(sum.Failed) > 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(". ")
		}
		fmt.Fprintf(&b, "%d still pending after a passing Slack failure, retried until the end of the report day:", len(sum.Pending))
		writeDigestPeople(&b, sum.Pending)
	}
	if sum.Elapsed >= time.Minute {
		fmt.Fprintf(&b, "\nDelivery took %s: %d sent by this run, paced to Slack's rate limits.", slackui.Duration(sum.Elapsed), sum.Delivered)
	}
	if sum.DaysOffUnavailable {
		b.WriteString("\n" + report.DaysOffUnavailableText)
	}
	return b.String()
}

// writeDigestPeople writes one "• Name (email): reason" line per person.
func writeDigestPeople(b *strings.Builder, people []Failure) {
	for _, f := range people {
		name := f.Name
		if name == "" {
			name = f.UserID
		}
		fmt.Fprintf(b, "\n• %s (%s): %s", slackui.EscapeMrkdwn(name), slackui.EscapeMrkdwn(f.Email), slackui.EscapeMrkdwn(f.Reason))
	}
}

// admins returns the configured admins without duplicates or blanks.
func (d *Deliverer) admins() []string {
	seen := map[string]bool{}
	var ids []string
	for _, a := range d.cfg.Admins {
		if a = strings.TrimSpace(a); a != "" && !seen[a] {
			seen[a] = true
			ids = append(ids, a)
		}
	}
	if len(ids) == 0 {
		d.log.Warn("no admins configured; nobody to tell")
	}
	return ids
}

// settingLedger keeps a message's progress as a store.Delivery in a store
// setting, for messages that are not a person's weekly report. Every
// write is one store transaction.
type settingLedger struct {
	st  *store.Store
	key string
}

// claim stores rec unless the key holds a record, in one transaction.
func (l settingLedger) claim(rec store.Delivery) (bool, error) {
	var cur store.Delivery
	claimed := false
	err := l.st.UpdateSetting(l.key, &cur, func(found bool) (bool, error) {
		if found {
			return false, nil
		}
		cur, claimed = rec, true
		return true, nil
	})
	return claimed, err
}

func (l settingLedger) load() (store.Delivery, bool, error) {
	var rec store.Delivery
	ok, err := l.st.Setting(l.key, &rec)
	return rec, ok, err
}

// save records the progress of rec over the stored record, in one
// transaction.
func (l settingLedger) save(rec store.Delivery) error {
	var cur store.Delivery
	return l.st.UpdateSetting(l.key, &cur, func(bool) (bool, error) {
		cur.Week, cur.UserID = rec.Week, rec.UserID
		copyProgress(&cur, rec)
		return true, nil
	})
}
