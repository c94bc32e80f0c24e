package delivery

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// maxTeamDigestLines bounds the people listed in one team digest, to stay
// well within Slack's 40,000 characters of message text.
const maxTeamDigestLines = 150

// TeamDigestEvent is the Slack message metadata event type of a manager's
// team digest; its payload holds "week" and "user" ("_team:<manager>").
const TeamDigestEvent = "clockbot_team_digest"

// teamOf is one manager's people in a report, sorted as the report is.
type teamOf struct {
	slackID string
	people  []report.UserReport
}

// teams groups rep's people by the Slack id of each of their managers;
// managers without a Slack account are left out.
func teams(rep report.Report) []teamOf {
	byManager := map[string]*teamOf{}
	var order []string
	for _, u := range rep.Users {
		for _, m := range u.Managers {
			if m.SlackUserID == "" {
				continue
			}
			t, ok := byManager[m.SlackUserID]
			if !ok {
				t = &teamOf{slackID: m.SlackUserID}
				byManager[m.SlackUserID] = t
				order = append(order, m.SlackUserID)
			}
			t.people = append(t.people, u)
		}
	}
	sort.Strings(order)
	out := make([]teamOf, 0, len(order))
	for _, id := range order {
		out = append(out, *byManager[id])
	}
	return out
}

// SendTeamDigests sends each manager who turned the team digest on
// (people.Prefs.TeamDigest) one direct message with their whole team's
// week, once per week even across restarts (the same ledger as the weekly
// messages). It runs after the weekly messages of sum: a manager one of
// whose people still waits on a passing failure waits too, and is
// returned as pending with the managers Slack held back; the caller
// retries them like the weekly messages. The error is a store failure or
// the end of ctx.
func (d *Deliverer) SendTeamDigests(ctx context.Context, rep report.Report, sum Summary) (pending []Failure, err error) {
	waiting := map[string]bool{}
	for _, f := range sum.Pending {
		waiting[f.UserID] = true
	}
	var errs []error
	for _, t := range teams(rep) {
		prefs, err := people.LoadPrefs(d.store, t.slackID)
		if err != nil {
			return pending, err
		}
		if !prefs.TeamDigest {
			continue
		}
		fail := Failure{UserID: "_team:" + t.slackID, Name: "team digest of " + t.slackID}
		if who := waitingIn(t, waiting); who != "" {
			fail.Reason = "waits for the weekly message of " + who
			pending = append(pending, fail)
			continue
		}
		links, err := d.teamLinks(ctx, rep.Week, t)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return pending, ctxErr
			}
			var sf *storeFailure
			if errors.As(err, &sf) {
				return pending, err
			}
			fail.Reason = err.Error()
			pending = append(pending, fail)
			continue
		}
		res, err := d.sendOnce(ctx, d.teamDigestJob(rep, t, links))
		if err != nil {
			return pending, fmt.Errorf("team digest to %s: %w", t.slackID, err)
		}
		switch res.outcome {
		case outcomePending:
			fail.Reason = res.reason
			pending = append(pending, fail)
		case outcomeFailed:
			errs = append(errs, fmt.Errorf("team digest to %s: %s", t.slackID, res.reason))
		}
	}
	if len(errs) > 0 {
		d.log.Warn("team digests not delivered", "err", errors.Join(errs...))
	}
	return pending, nil
}

// waitingIn names the first person of t whose weekly message is pending;
// "" when none is.
func waitingIn(t teamOf, waiting map[string]bool) string {
	for _, u := range t.people {
		if waiting[u.ClockifyUserID] {
			return firstNonBlank(u.Name, u.Email, u.ClockifyUserID)
		}
	}
	return ""
}

// teamLinks finds the link of each of t's weekly messages of week that
// were sent, by Clockify id (chat.getPermalink).
func (d *Deliverer) teamLinks(ctx context.Context, week string, t teamOf) (map[string]string, error) {
	links := map[string]string{}
	for _, u := range t.people {
		rec, ok, err := d.store.Delivery(week, u.ClockifyUserID)
		if err != nil {
			return nil, &storeFailure{fmt.Errorf("read delivery: %w", err)}
		}
		if !ok || rec.State != store.DeliverySent || rec.Channel == "" || rec.TS == "" {
			continue
		}
		var link string
		err = d.slackCall(ctx, "chat.getPermalink", func() (err error) {
			link, err = d.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: rec.Channel, Ts: rec.TS})
			return err
		})
		if err != nil {
			if !slackhttp.IsTransient(err) {
				d.log.Warn("no link to a weekly message", "user", u.ClockifyUserID, "err", err)
				continue
			}
			return nil, fmt.Errorf("link to the weekly message of %s: %w", firstNonBlank(u.Name, u.Email), err)
		}
		links[u.ClockifyUserID] = link
	}
	return links, nil
}

// teamDigestJob is the team digest of t for rep's week.
func (d *Deliverer) teamDigestJob(rep report.Report, t teamOf, links map[string]string) sendJob {
	return sendJob{
		week:   rep.Week,
		key:    "_team:" + t.slackID,
		event:  TeamDigestEvent,
		ledger: settingLedger{st: d.store, key: store.TeamDigestKey(rep.Week, t.slackID)},
		resolve: func(ctx context.Context) (string, error) {
			return d.openDM(ctx, []string{t.slackID})
		},
		message: func() []slack.MsgOption {
			text := TeamDigestText(rep.Week, t.people, links, d.excuses(rep.Week, t.people))
			return []slack.MsgOption{slack.MsgOptionText(text, false)}
		},
	}
}

// excuses are the notes managers left on t's weekly messages of week, by
// Clockify id.
func (d *Deliverer) excuses(week string, people []report.UserReport) map[string]string {
	out := map[string]string{}
	for _, u := range people {
		if rec, ok, err := d.store.Delivery(week, u.ClockifyUserID); err == nil && ok && rec.ExcuseNote != "" {
			out[u.ClockifyUserID] = rec.ExcuseNote
		}
	}
	return out
}

// TeamDigestText is a manager's team digest: one line per person with
// their hours and target, why they were flagged, their billable share and
// the link to their weekly message when they got one.
func TeamDigestText(week string, people []report.UserReport, links, excuses map[string]string) string {
	var b strings.Builder
	flagged := 0
	for _, u := range people {
		if u.Flagged {
			flagged++
		}
	}
	fmt.Fprintf(&b, ":busts_in_silhouette: *Your team's week %s*: %s, %d flagged.", slackui.Clean(week, 20), slackui.Plural(float64(len(people)), "person", "people"), flagged)
	for i, u := range people {
		if i == maxTeamDigestLines {
			fmt.Fprintf(&b, "\n…and %d more: see your team on the Home tab.", len(people)-i)
			break
		}
		name := slackui.EscapeMrkdwn(slackui.Clean(firstNonBlank(u.Name, u.Email), slackui.MaxNameRunes))
		if m := slackui.Mention(u.SlackUserID); m != "" {
			name = m
		}
		fmt.Fprintf(&b, "\n• %s — *%s h*", name, slackui.Hours(u.Hours))
		if u.TargetHours > 0 {
			fmt.Fprintf(&b, " of %s h", slackui.Hours(u.TargetHours))
		}
		if u.Hours > 0 {
			fmt.Fprintf(&b, " · %d%% billable", report.BillableShare(u))
		}
		switch {
		case u.Excluded:
			b.WriteString(" · exception list")
		case u.Flagged:
			b.WriteString(" · :warning: " + reasonsText(u.Reasons))
		default:
			b.WriteString(" · :white_check_mark:")
		}
		if u.WeeksInARow >= 2 {
			fmt.Fprintf(&b, " (%s week in a row)", report.Ordinal(u.WeeksInARow))
		}
		if note := slackui.Clean(excuses[u.ClockifyUserID], 80); note != "" {
			b.WriteString(" · excused: “" + slackui.EscapeMrkdwn(note) + "”")
		}
		if link := links[u.ClockifyUserID]; link != "" {
			b.WriteString(" · <" + strings.ReplaceAll(link, "|", "%7C") + "|weekly message>")
		}
	}
	return b.String()
}

// reasonsText words the reasons a week was flagged.
func reasonsText(reasons []string) string {
	words := make([]string, 0, len(reasons))
	for _, r := range reasons {
		switch r {
		case weekly.ReasonUnderHours:
			words = append(words, "under target")
		case weekly.ReasonDayOff:
			words = append(words, "days without time")
		case weekly.ReasonTimeOff:
			words = append(words, "time off")
		default:
			words = append(words, slackui.EscapeMrkdwn(slackui.Clean(r, 40)))
		}
	}
	return strings.Join(words, ", ")
}
