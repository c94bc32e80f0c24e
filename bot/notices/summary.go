package notices

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// summarySent records the last local day a user's daily summary was sent.
type summarySent struct {
	Date string    `json:"date"` // "2026-11-18", in the user's zone
	At   time.Time `json:"at"`
}

// SendDueSummaries sends the daily summary DM to every user whose summary
// time (`/tt summary HH:MM`) has come in their Slack time zone: at that
// minute, or up to summaryCatchUpWindow later when a tick was missed. Each
// user gets at most one summary per local day, even across restarts: the
// day is recorded in the store before the DM is sent (and forgotten again
// when sending fails, so that the next tick retries). The scheduler calls it
// every minute. It returns the problems met, after trying everyone.
func (n *Notices) SendDueSummaries(ctx context.Context) error {
	n.summaryMu.Lock()
	defer n.summaryMu.Unlock()
	now := n.now()
	problems, err := people.ForEachReachable(ctx, n.store, func(u store.User, su store.SlackUser) error {
		if err := n.sendSummaryIfDue(ctx, u, su, now); err != nil {
			return fmt.Errorf("daily summary of %s: %w", su.SlackID, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("daily summaries: %w", err)
	}
	return errors.Join(problems...)
}

// sendSummaryIfDue sends u's summary when it is due at now.
func (n *Notices) sendSummaryIfDue(ctx context.Context, u store.User, su store.SlackUser, now time.Time) error {
	p, err := people.LoadPrefs(n.store, su.SlackID)
	if err != nil || p.SummaryAt == "" {
		return err
	}
	loc := n.cfg.DefaultLocation
	if su.TimeZone != "" {
		if l, err := time.LoadLocation(su.TimeZone); err == nil {
			loc = l
		}
	}
	local := now.In(loc)
	if !summaryDue(p.SummaryAt, local) {
		return nil
	}
	today := local.Format(time.DateOnly)
	var last summarySent
	if _, err := n.store.Setting(store.SummarySentKey(su.SlackID), &last); err != nil {
		return err
	}
	if last.Date == today {
		return nil
	}
	if err := n.store.PutSetting(store.SummarySentKey(su.SlackID), summarySent{Date: today, At: now.UTC()}); err != nil {
		return err
	}
	t, err := report.DayTotals(n.store, u.ID, loc, now)
	if err == nil {
		err = n.postDM(ctx, su.SlackID, n.summaryText(t))
	}
	if err != nil {
		if undo := n.store.PutSetting(store.SummarySentKey(su.SlackID), last); undo != nil {
			n.log.Warn("daily summary: forget failed send", "user", su.SlackID, "err", undo)
		}
		return err
	}
	return nil
}

// summaryDue reports whether a summary set for at ("HH:MM") is due at the
// local time now: from that minute until summaryCatchUpWindow later, the
// same day.
func summaryDue(at string, now time.Time) bool {
	hm, ok := ParseClockTime(at)
	if !ok {
		return false
	}
	h, m := int(hm[0]-'0')*10+int(hm[1]-'0'), int(hm[3]-'0')*10+int(hm[4]-'0')
	y, mo, d := now.Date()
	due := time.Date(y, mo, d, h, m, 0, 0, now.Location())
	return !now.Before(due) && now.Before(due.Add(summaryCatchUpWindow))
}

// postDM opens the DM with a user and posts text there.
func (n *Notices) postDM(ctx context.Context, slackID, text string) error {
	ch, _, _, err := n.poster.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{slackID}, ReturnIM: true})
	if err != nil {
		return fmt.Errorf("slack conversations.open: %w", err)
	}
	if _, _, err := n.poster.PostMessageContext(ctx, ch.ID, slack.MsgOptionText(text, false)); err != nil {
		return fmt.Errorf("slack chat.postMessage: %w", err)
	}
	return nil
}

// summaryText is the daily summary: ":bar_chart: Daily summary: *Hours
// logged:* 6.5h across 3 projects" and the time per project.
func (n *Notices) summaryText(t report.DayTotal) string {
	var b strings.Builder
	b.WriteString(":bar_chart: Daily summary: *Hours logged:* " + slackui.HoursShort(t.Total))
	count, none := 0, false
	for _, p := range t.Projects {
		if p.ProjectID == "" {
			none = true
		} else {
			count++
		}
	}
	switch {
	case count == 0 && none:
		b.WriteString(" without a project")
	case count > 0:
		b.WriteString(" across " + slackui.Plural(float64(count), "project", "projects"))
		if none {
			b.WriteString(" and time without a project")
		}
	}
	for _, p := range slackui.FirstN(t.Projects, maxTodayProjects) {
		name, ok := report.ProjectLabel(n.store, p.ProjectID)
		if !ok {
			name = "_No project_"
		}
		fmt.Fprintf(&b, "\n• %s: %s", name, slackui.Duration(p.Time))
	}
	if t.Running != nil {
		b.WriteString("\n:stopwatch: Your timer is still running.")
	}
	return b.String()
}

// ParseClockTime reads a time of day, "18:00" or "9:30", and returns it as
// "HH:MM".
func ParseClockTime(s string) (string, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return "", false
	}
	hh, okH := digitsValue(h)
	mm, okM := digitsValue(m)
	if !okH || !okM || hh > 23 || mm > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// digitsValue parses ASCII digits.
func digitsValue(s string) (int, bool) {
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, s != ""
}
