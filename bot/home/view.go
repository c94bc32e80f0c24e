package home

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Action ids of the Home tab.
const (
	ActionHomeStart   = "home_timer_start"
	ActionHomeStop    = "home_timer_stop"
	actionHomeNotify  = "home_notify"
	actionHomeSummary = "home_summary"
	actionHomePage    = "home_page" // prefix of home_page_prev and home_page_next
)

// Home tab rendering limits.
const (
	homePageSize    = 15 // lines of a paged list
	homeLineRunes   = 190
	homeNameRunes   = 40
	homeEmailRunes  = 60
	homeNoticeRunes = 500
)

// renderHome renders a Home tab.
func renderHome(d homeData) slack.HomeTabViewRequest {
	var bs []slack.Block
	if d.notice != "" {
		bs = append(bs, slackui.Section(":information_source: "+slackui.EscapeMrkdwn(slackui.Clean(d.notice, homeNoticeRunes))))
	}
	bs = append(bs, homeHeader(":stopwatch: Your time"))
	if d.mapProblem != "" {
		bs = append(bs, slackui.Section(d.mapProblem))
	} else {
		bs = append(bs, homePersonalBlocks(d)...)
	}
	bs = append(bs, homeNextRunBlock(d))
	bs = append(bs, slack.NewDividerBlock(), homeHeader("Your settings"))
	bs = append(bs, homeSettingsBlocks(d)...)
	bs = append(bs, nudgeBlocks(d)...)
	if d.manager {
		bs = append(bs, slack.NewDividerBlock())
		bs = append(bs, teamBlocks(d)...)
	}
	if d.admin != nil {
		bs = append(bs, slack.NewDividerBlock())
		bs = append(bs, adminBlocks(d)...)
		bs = append(bs, adminNudgeBlocks(d)...)
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: bs}}
}

// homeHeader is a header block, cut to Slack's limit.
func homeHeader(text string) slack.Block {
	return slack.NewHeaderBlock(slackui.Plain(slackui.Clean(text, 150)))
}

// homeButton is a button of the Home tab.
func homeButton(actionID, value, label string) *slack.ButtonBlockElement {
	return slackui.Button(actionID, value, label)
}

// homeSection is a mrkdwn section with acc as its accessory unless nil.
func homeSection(text string, acc slack.BlockElement) slack.Block {
	s := slackui.Section(text)
	if acc != nil {
		s.Accessory = slack.NewAccessory(acc)
	}
	return s
}

// homePersonalBlocks are the viewer's timer, today and week.
func homePersonalBlocks(d homeData) []slack.Block {
	var bs []slack.Block
	timer := ":zzz: No timer running."
	buttons := []slack.BlockElement{homeButton(ActionHomeStart, "start", "Start a timer").WithStyle(slack.StylePrimary)}
	if r := d.running; r != nil {
		timer = fmt.Sprintf(":stopwatch: *Running:* %s", slackui.EscapeMrkdwn(slackui.Clean(d.project, slackui.MaxNameRunes)))
		if desc := slackui.Clean(r.Description, 200); desc != "" {
			timer += " — " + slackui.EscapeMrkdwn(desc)
		}
		timer += fmt.Sprintf("\nStarted at %s, %s ago.", r.Start.In(d.loc).Format("15:04"), slackui.Duration(d.now.Sub(r.Start)))
		buttons = append(buttons, homeButton(ActionHomeStop, "stop", "Stop").WithStyle(slack.StyleDanger))
	}
	bs = append(bs, slackui.Section(timer), slack.NewActionBlock("home_timer", buttons...))

	me := d.me
	week := fmt.Sprintf("*Today:* %s h\n*This week* (%s): *%s h*", slackui.Hours(d.today), d.week, slackui.Hours(me.Hours))
	switch {
	case me.Excluded:
		week += ", you are not part of the weekly report."
	case me.TargetHours > 0:
		week += fmt.Sprintf(" of a %s h target (%d%%)", slackui.Hours(me.TargetHours), int(math.Round(min(me.Hours/me.TargetHours, 9.99)*100)))
		if why := report.ReducedBy(me); why != "" {
			week += ", lowered for " + why
		}
		week += "."
	default:
		week += ", no target this week."
	}
	if s := report.BillableText(me); s != "" {
		week += "\n" + s
	}
	bs = append(bs, slackui.Section(week))
	if monday, ok := report.WeekMonday(d.week.String(), me); ok {
		bs = append(bs, slackui.Section(report.DayChart(monday, me, d.workdays)))
	}
	return append(bs, trendBlocks(d.trend)...)
}

// homeNextRunBlock says when the next weekly report runs.
func homeNextRunBlock(d homeData) slack.Block {
	text := ":calendar: No weekly report is scheduled."
	if !d.nextRun.IsZero() {
		text = fmt.Sprintf(":calendar: Next weekly report: %s (%s)", d.nextRun.Format("Mon Jan 2, 15:04"), d.nextRun.Location())
		if local := d.nextRun.In(d.loc); d.loc != nil && local.Format("15:04 Mon") != d.nextRun.Format("15:04 Mon") {
			text += fmt.Sprintf(", %s your time", local.Format("Mon 15:04"))
		}
		text += "."
	}
	return slack.NewContextBlock("home_next_run", slack.NewTextBlockObject(slack.MarkdownType, text, false, true))
}

// homeSettingsBlocks are the viewer's timer notifications and daily summary.
func homeSettingsBlocks(d homeData) []slack.Block {
	notify := "*Timer notifications:* off. Your timer starts and stops are not posted."
	toggle := homeButton(actionHomeNotify, "on", "Turn on")
	if d.prefs.Notify {
		notify = "*Timer notifications:* on. Your timer starts and stops are posted to the team channel."
		toggle = homeButton(actionHomeNotify, "off", "Turn off")
	}
	summary := "*Daily summary:* off."
	if d.prefs.SummaryAt != "" {
		summary = fmt.Sprintf("*Daily summary:* a direct message at %s, your time.", slackui.EscapeMrkdwn(slackui.Clean(d.prefs.SummaryAt, 5)))
	}
	return []slack.Block{homeSection(notify, toggle), homeSection(summary, homeSummarySelect(d.prefs.SummaryAt))}
}

// homeSummarySelect picks the time of the daily summary: off, or every half
// hour from 07:00 to 22:00.
func homeSummarySelect(current string) *slack.SelectBlockElement {
	off := slack.NewOptionBlockObject("off", slackui.Plain("Off"), nil)
	opts := []*slack.OptionBlockObject{off}
	initial := off
	for m := 7 * 60; m <= 22*60; m += 30 {
		v := fmt.Sprintf("%02d:%02d", m/60, m%60)
		o := slack.NewOptionBlockObject(v, slackui.Plain(v), nil)
		opts = append(opts, o)
		if v == current {
			initial = o
		}
	}
	if current != "" && initial == off { // a time set with /tt summary
		initial = slack.NewOptionBlockObject(slackui.Clean(current, 5), slackui.Plain(slackui.Clean(current, 5)), nil)
		opts = append(opts[:1], append([]*slack.OptionBlockObject{initial}, opts[1:]...)...)
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, slackui.Plain("Daily summary"), actionHomeSummary, opts...)
	return sel.WithInitialOption(initial)
}

// teamBlocks are the managers' view: their people's week so far and last
// week's flagged people.
func teamBlocks(d homeData) []slack.Block {
	bs := []slack.Block{homeHeader(fmt.Sprintf("Your team this week (%s)", d.week)), teamDigestBlock(d)}
	var lines []string
	for _, r := range d.team {
		lines = append(lines, homeTeamLine(r))
	}
	bs = append(bs, homePagedList(d.pages, "team", "", lines, "No one reports to you in Clockify yet.", "people", nil)...)
	bs = append(bs, teamTrendBlocks(d)...)
	bs = append(bs, homeHeader(fmt.Sprintf("Flagged last week (%s)", d.lastWeek)))
	lines = nil
	for _, r := range d.flagged {
		lines = append(lines, homeFlaggedLine(r, d.loc))
	}
	return append(bs, homePagedList(d.pages, "flagged", "", lines, "Nobody of your team was flagged last week.", "people", nil)...)
}

// homeWho is a person as a Slack mention when their Slack id is known, else
// their escaped name.
func homeWho(slackID, name, email string) string {
	if m := slackui.Mention(slackID); m != "" {
		return m
	}
	if strings.TrimSpace(name) != "" {
		return "*" + slackui.EscapeMrkdwn(slackui.Clean(name, homeNameRunes)) + "*"
	}
	return slackui.EscapeMrkdwn(slackui.Clean(email, homeEmailRunes))
}

// homeTeamLine is one person's week so far.
func homeTeamLine(r teamRow) string {
	rep := r.rep
	s := "• " + homeWho(r.slackID, r.user.Name, r.user.Email) + " — " + slackui.Hours(rep.Hours) + " h"
	if rep.TargetHours > 0 {
		s += " of " + slackui.Hours(rep.TargetHours) + " h"
	}
	if n := len(rep.DaysOff); n > 0 {
		s += " · " + slackui.Plural(float64(n), "day without time", "days without time")
	}
	if off := report.TimeOffAmount(rep.TimeOff, float64(len(rep.Holidays))); off != "" {
		s += " · " + off + " off"
	}
	switch {
	case rep.Excluded:
		s += " · :no_entry_sign: exception list"
	case rep.TargetHours > 0 && rep.Hours >= rep.TargetHours-0.005:
		s += " · :white_check_mark: target reached"
	case len(rep.DaysOff) > 0:
		s += " · :warning: missing days"
	default:
		s += " · :hourglass_flowing_sand: on the way"
	}
	return s
}

// homeFlaggedLine is one flagged person and the state of their message.
func homeFlaggedLine(r flaggedRow, loc *time.Location) string {
	s := "• " + homeWho(r.slackID, r.user.Name, r.user.Email) + " — "
	rec := r.rec
	switch rec.State {
	case store.DeliverySent:
		switch {
		case rec.ExcusedBy != "":
			s += fmt.Sprintf(":ok_hand: excused by %s, %s", slackui.MentionOrSomeone(rec.ExcusedBy), slackui.At(rec.ExcusedAt, loc))
			if note := slackui.Clean(rec.ExcuseNote, 60); note != "" {
				s += ": “" + slackui.EscapeMrkdwn(note) + "”"
			}
		case rec.AckBy != "":
			s += fmt.Sprintf(":white_check_mark: acknowledged by %s, %s", slackui.MentionOrSomeone(rec.AckBy), slackui.At(rec.AckAt, loc))
		default:
			s += ":envelope: sent, no answer yet"
		}
	case store.DeliveryFailed:
		s += ":x: not delivered: " + slackui.EscapeMrkdwn(slackui.Clean(rec.Error, 80))
	default:
		s += ":hourglass_flowing_sand: being sent"
	}
	return s
}
