package home

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/slack-go/slack"
)

// Preview limits.
const (
	previewMessages = 3  // weekly messages rendered in the preview
	previewListed   = 25 // flagged people listed in the preview's summary
)

// onAdminPreview sends the admin who pressed it, and nobody else, last
// week's report as it would go out: a summary and a few of the messages,
// without their buttons.
func (h *Home) onAdminPreview(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	actor := cb.User.ID
	if !h.adminGate(ctx, actor, AuditAdminPreview) {
		return nil
	}
	w := weekly.LastWeek(h.now().In(h.loc()))
	rep, err := h.previewReport(ctx, w)
	if err != nil {
		h.audit(actor, AuditAdminPreview, w.String(), "", "failed: "+err.Error())
		h.republish(ctx, actor, "The preview could not be built: "+err.Error())
		return err
	}
	var flagged []report.UserReport
	for _, u := range rep.Users {
		if u.Flagged {
			flagged = append(flagged, u)
		}
	}
	if _, _, err := h.api.PostMessageContext(ctx, actor, slack.MsgOptionText(previewSummary(rep, flagged), false)); err != nil {
		h.audit(actor, AuditAdminPreview, w.String(), "", "failed: "+err.Error())
		return fmt.Errorf("post preview: %w", err)
	}
	for _, u := range slackui.FirstN(flagged, previewMessages) {
		blocks, fallback := report.WeeklyMessage(rep.Week, u, delivery.MessageOptions(h.cfg.DeliveryMode, h.cfg.ClockifyURL, h.reporter.Params().Workdays))
		blocks = previewBlocks(blocks)
		if _, _, err := h.api.PostMessageContext(ctx, actor, slack.MsgOptionText("Preview: "+fallback, false), slack.MsgOptionBlocks(blocks...)); err != nil {
			h.log.Warn("preview message not posted", "admin", actor, "err", err)
		}
	}
	h.audit(actor, AuditAdminPreview, w.String(), "", fmt.Sprintf("preview sent to the admin: %d flagged of %d", len(flagged), len(rep.Users)))
	h.republish(ctx, actor, "The preview of "+w.String()+" is in your direct messages with clockbot.")
	return nil
}

// previewReport builds week w's report as the Monday run would (with
// fresh managers), else from the store as it is.
func (h *Home) previewReport(ctx context.Context, w weekly.Week) (report.Report, error) {
	if h.runner != nil {
		rep, _, err := h.runner.FreshReport(ctx, w)
		if err == nil {
			return rep, nil
		}
		h.log.Warn("preview: fresh report failed, using the store as it is", "err", err)
	}
	rep, _, err := h.reporter.Build(ctx, w, h.now())
	return rep, err
}

// previewSummary sums up a report for an admin.
func previewSummary(rep report.Report, flagged []report.UserReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, ":eyes: *Preview of the weekly report %s* (%s to %s). Nothing was sent to anyone.\n", rep.Week, rep.From, rep.To)
	fmt.Fprintf(&b, "%d people in the report, %d would get a message", len(rep.Users), len(flagged))
	if len(flagged) == 0 {
		b.WriteString(".")
		return b.String()
	}
	b.WriteString(":")
	for _, u := range slackui.FirstN(flagged, previewListed) {
		fmt.Fprintf(&b, "\n• %s — %s h", report.Addressee(u), slackui.Hours(u.Hours))
		if u.TargetHours > 0 {
			fmt.Fprintf(&b, " of %s h", slackui.Hours(u.TargetHours))
		}
		var ms []string
		for _, m := range slackui.FirstN(u.Managers, report.MaxMentioned) {
			if at := slackui.Mention(m.SlackUserID); at != "" {
				ms = append(ms, at)
			} else if m.Email != "" {
				ms = append(ms, slackui.EscapeMrkdwn(slackui.Clean(m.Email, homeEmailRunes)))
			}
		}
		if len(ms) > 0 {
			b.WriteString(" · managers: " + strings.Join(ms, ", "))
		} else {
			b.WriteString(" · no manager found")
		}
	}
	if n := len(flagged) - previewListed; n > 0 {
		fmt.Fprintf(&b, "\n…and %d more.", n)
	}
	if len(flagged) > previewMessages {
		fmt.Fprintf(&b, "\nThe first %d messages follow.", previewMessages)
	} else {
		b.WriteString("\nTheir messages follow.")
	}
	return b.String()
}

// previewBlocks replaces a weekly message's buttons with a note: a preview
// must not act on the real week.
func previewBlocks(blocks []slack.Block) []slack.Block {
	out := make([]slack.Block, 0, len(blocks))
	for _, b := range blocks {
		if b.BlockType() == slack.MBTAction && strings.HasPrefix(b.ID(), report.WeeklyActionsBlockPrefix+":") {
			out = append(out, slack.NewContextBlock("preview_note", slack.NewTextBlockObject(slack.MarkdownType,
				":eyes: Preview: the real message has the Acknowledge, Excuse, Details, Refresh and Adjust target buttons.", false, true)))
			continue
		}
		out = append(out, b)
	}
	return out
}

// onAdminSync syncs Clockify now and shows the outcome on the Home tab.
// A second press while a sync runs does not start another.
func (h *Home) onAdminSync(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	actor := cb.User.ID
	if !h.adminGate(ctx, actor, AuditAdminSync) {
		return nil
	}
	if h.syncer == nil {
		h.audit(actor, AuditAdminSync, "", "", "failed: no sync configured")
		return h.publish(ctx, actor, "Sync is not available: clockbot has no Clockify connection.")
	}
	if !h.syncing.CompareAndSwap(false, true) {
		h.audit(actor, AuditAdminSync, "", "", "already running")
		return h.publish(ctx, actor, "A sync is already running.")
	}
	h.republish(ctx, actor, "Syncing with Clockify…")
	res, err := h.syncer.Sync(ctx, syncer.Options{})
	h.syncing.Store(false)
	if err != nil {
		h.audit(actor, AuditAdminSync, "", "", "failed: "+err.Error())
		return h.publish(ctx, actor, "The sync failed: "+err.Error())
	}
	detail := fmt.Sprintf("synced %d users and %d entries in %s", res.Users, res.Entries, res.Took.Round(time.Millisecond))
	h.audit(actor, AuditAdminSync, "", "", detail)
	return h.publish(ctx, actor, "Sync done: "+detail+".")
}
