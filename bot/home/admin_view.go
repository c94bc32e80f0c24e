package home

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Action ids of the admins' part of the Home tab.
const (
	actionAdminDefault  = "admin_default_target"
	actionAdminTarget   = "admin_user_target"
	actionAdminExclude  = "admin_exclude"
	actionAdminManagers = "admin_managers"
	actionAdminPreview  = "admin_preview"
	actionAdminSync     = "admin_sync"
)

// adminBlocks are the admins' settings, the sync's health and the audit
// log.
func adminBlocks(d homeData) []slack.Block {
	a := d.admin
	bs := []slack.Block{homeHeader("Admin settings")}
	bs = append(bs, homeSection(fmt.Sprintf("*Default weekly target:* %s h %s", slackui.Hours(a.minHours), settingSource(a.minFromSlack)),
		homeButton(actionAdminDefault, "open", "Change")))

	var lines []string
	for _, email := range slices.Sorted(maps.Keys(a.targets)) {
		lines = append(lines, "• "+adminPersonLine(a, email)+" — "+slackui.Hours(a.targets[email])+" h")
	}
	bs = append(bs, homePagedList(d.pages, "targets", "*Per-person targets* "+settingSource(a.targetsFromSlack), lines,
		"None: everyone has the default target.", "people", homeButton(actionAdminTarget, "open", "Set a target"))...)

	lines = nil
	for _, email := range slices.Sorted(maps.Keys(a.exclude)) {
		lines = append(lines, "• "+adminPersonLine(a, email))
	}
	bs = append(bs, homePagedList(d.pages, "excluded", "*Exception list* (never flagged) "+settingSource(a.excludeFromSlack), lines,
		"Nobody.", "people", homeButton(actionAdminExclude, "open", "Edit the list"))...)

	lines = nil
	for _, id := range slices.Sorted(maps.Keys(a.overrides)) {
		var ms []string
		for _, m := range slackui.FirstN(a.overrides[id], report.MaxMentioned) {
			ms = append(ms, slackui.MentionOrSomeone(m))
		}
		u, ok := a.userByID[id]
		name := slackui.EscapeMrkdwn(slackui.Clean(id, homeNameRunes))
		if ok {
			name = homeWho(a.slackOf[strings.ToLower(u.Email)], u.Name, u.Email)
		}
		lines = append(lines, "• "+name+" → "+strings.Join(ms, ", "))
	}
	bs = append(bs, homePagedList(d.pages, "overrides", "*Manager overrides* (replace the managers from Clockify)", lines,
		"None: managers come from Clockify.", "people", homeButton(actionAdminManagers, "open", "Set managers"))...)

	bs = append(bs, homeSection(homeScheduleText(a.schedule, a.deliveryMode), nil))
	bs = append(bs, homeSection(homeSyncText(a, d.loc), nil))
	if a.webhooks != nil {
		bs = append(bs, homeSection(homeWebhookText(a.webhooks, d.loc), nil))
	}
	bs = append(bs, adminTimeClockBlock(a))
	syncLabel := "Sync now"
	if a.syncing {
		syncLabel = "Syncing…"
	}
	bs = append(bs, slack.NewActionBlock("admin_actions",
		homeButton(actionAdminPreview, "preview", "Preview last week's report"),
		homeButton(actionAdminSync, "sync", syncLabel),
	))
	bs = append(bs, homeHeader("Recent activity"))
	lines = nil
	for _, e := range a.audit {
		lines = append(lines, homeAuditLine(e, a, d.loc))
	}
	if len(lines) == 0 {
		lines = []string{"Nothing yet."}
	}
	bs = append(bs, homeSection(strings.Join(lines, "\n"), nil))
	return bs
}

// settingSource says where a setting comes from.
func settingSource(fromSlack bool) string {
	if fromSlack {
		return "_(set in Slack)_"
	}
	return "_(environment default)_"
}

// adminPersonLine is a person of the settings lists, by lower-case email.
func adminPersonLine(a *adminData, email string) string {
	name := a.names[email]
	s := homeWho(a.slackOf[email], name, email)
	if name != "" || a.slackOf[email] != "" {
		s += " (" + slackui.EscapeMrkdwn(slackui.Clean(email, homeEmailRunes)) + ")"
	}
	return s
}

// homeScheduleText describes the weekly report's schedule and delivery.
func homeScheduleText(sc delivery.Schedule, mode string) string {
	s := "*Weekly report:* not scheduled."
	if len(sc.Days) > 0 && sc.Location != nil {
		var days []string
		for _, d := range sc.Days {
			days = append(days, d.String()[:3])
		}
		s = fmt.Sprintf("*Weekly report:* %s at %02d:%02d, time zone %s.", strings.Join(days, ", "), sc.Hour, sc.Minute, sc.Location)
	}
	switch mode {
	case delivery.PrivateChannel:
		s += " Delivered in a private channel per person."
	case delivery.Channel:
		s += " Delivered in the shared channel."
	default:
		s += " Delivered in a group DM with each person and their managers."
	}
	return s
}

// homeSyncText is the sync's health.
func homeSyncText(a *adminData, loc *time.Location) string {
	var last time.Time
	for _, t := range a.sync.LastSuccess {
		if t.After(last) {
			last = t
		}
	}
	s := "*Clockify sync:* last success "
	if last.IsZero() {
		s += "never"
	} else {
		s += last.In(loc).Format("Mon Jan 2 15:04")
	}
	s += fmt.Sprintf(" · %d entries stored", a.entries)
	switch {
	case a.sync.LastError == "":
		s += " · no errors."
	case a.sync.LastErrorAt.Before(last):
		s += fmt.Sprintf("\nLast error (%s, fixed since): %s", a.sync.LastErrorAt.In(loc).Format("Mon Jan 2 15:04"), slackui.EscapeMrkdwn(slackui.Clean(a.sync.LastError, 300)))
	default:
		s += fmt.Sprintf("\n:warning: Last error (%s): %s", a.sync.LastErrorAt.In(loc).Format("Mon Jan 2 15:04"), slackui.EscapeMrkdwn(slackui.Clean(a.sync.LastError, 300)))
	}
	if !a.sync.TimeOffUnavailableAt.IsZero() {
		s += "\n" + report.DaysOffUnavailableText
	}
	return s
}

// homeAuditLine is one audit entry for the admins.
func homeAuditLine(e store.AuditEntry, a *adminData, loc *time.Location) string {
	s := fmt.Sprintf("`%s` %s *%s*", e.At.In(loc).Format("Jan 2 15:04"), slackui.MentionOrSomeone(e.Actor), slackui.EscapeMrkdwn(slackui.Clean(e.Action, 30)))
	if u, ok := a.userByID[e.UserID]; ok {
		s += " · " + slackui.EscapeMrkdwn(slackui.Clean(u.Name, homeNameRunes))
	}
	if e.Week != "" {
		s += " · " + slackui.EscapeMrkdwn(slackui.Clean(e.Week, 10))
	}
	if e.Detail != "" {
		s += " · " + slackui.EscapeMrkdwn(slackui.Clean(e.Detail, 120))
	}
	return slackui.CutMrkdwn(s, homeLineRunes+90)
}
