package home

import (
	"context"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

// WebhookHealth is how Clockify's webhooks are doing, as the admins' Home
// tab shows it: the last accepted delivery and the counts since start.
type WebhookHealth struct {
	LastAccepted       time.Time
	Accepted, Rejected int64
	LastRejectReason   string
}

// SetWebhookHealth makes the admins' Home tab show the webhooks' health
// from f. Call it before the Home tab is served; nil shows nothing.
func (h *Home) SetWebhookHealth(f func() WebhookHealth) { h.webhookHealth = f }

// ClockifyChanged re-publishes, in the background, the Home tab of the
// Clockify user a webhook just changed (a time entry, a timer, time off),
// so that the tab shows it within a second. People the bot has never seen
// in Slack (no cached Slack id) have no tab to refresh. Wait waits for it.
func (h *Home) ClockifyChanged(clockifyUserID string) {
	if clockifyUserID == "" || h.api == nil {
		return
	}
	u, ok, err := h.store.User(clockifyUserID)
	if err != nil || !ok {
		return
	}
	slackID := h.cachedSlackID(u.Email)
	if slackID == "" {
		return
	}
	h.bg.Add(1)
	go func() {
		defer h.bg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := h.Publish(ctx, slackID); err != nil {
			h.log.Warn("refresh home tab after a webhook", "user", slackID, "err", err)
		}
	}()
}

// homeWebhookText is the webhooks' health line of the admins' tab.
func homeWebhookText(w *WebhookHealth, loc *time.Location) string {
	last := "none yet"
	if !w.LastAccepted.IsZero() {
		last = w.LastAccepted.In(loc).Format("Mon Jan 2 15:04:05")
	}
	s := fmt.Sprintf("*Clockify webhooks:* last delivery %s · %d accepted · %d rejected", last, w.Accepted, w.Rejected)
	if w.Rejected > 0 && w.LastRejectReason != "" {
		s += " (last: " + slackui.EscapeMrkdwn(slackui.Clean(w.LastRejectReason, 100)) + ")"
	}
	return s
}
