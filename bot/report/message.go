package report

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/slack-go/slack"
)

// MessageOptions tunes the rendering of a weekly message.
type MessageOptions struct {
	ClockifyURL string         // target of the "Open in Clockify" link; "" for no link
	Mentions    bool           // channel mode: also mention the person's managers
	Workdays    []time.Weekday // working days; nil means Monday to Friday
	// DaysOffUnavailable adds a line saying holidays and time off could not
	// be read from Clockify.
	DaysOffUnavailable bool
}

// Action ids of the buttons of a weekly message, handled by the manager
// actions.
const (
	ActionAcknowledge  = "weekly_ack"
	ActionExcuse       = "weekly_excuse"
	ActionDetails      = "weekly_details"
	ActionRefresh      = "weekly_refresh"
	ActionAdjustTarget = "weekly_target"
)

// WeeklyActionsBlockPrefix starts the block_id of a weekly message's
// actions block: "weekly_actions:<week>:<clockifyUserId>".
const WeeklyActionsBlockPrefix = "weekly_actions"

// Rendering limits, well inside Slack's.
const (
	maxChartLabelRunes = 30 // the same in the chart
	maxTopProjects     = 5
	MaxMentioned       = 10 // managers mentioned in channel mode
	chartWidth         = 20 // characters of the longest bar
	chartMinScale      = 8.0
	maxContextRunes    = 2000
)

// WeeklyMessage renders u's week as Block Kit blocks plus a one-line
// plain-text fallback for notifications. Every user-provided string is
// escaped for mrkdwn and long names are shortened so the message always
// fits Slack's limits.
func WeeklyMessage(week string, u UserReport, opts MessageOptions) (blocks []slack.Block, fallback string) {
	monday, hasWeek := WeekMonday(week, u)
	title := ":wave: Your week " + slackui.Clean(week, 20)
	if hasWeek {
		title += " (" + WeekRange(monday) + ")"
	}
	blocks = append(blocks, slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, true, false)))
	blocks = append(blocks, slackui.Section(greeting(u, opts)))
	if hasWeek {
		blocks = append(blocks, slackui.Section(DayChart(monday, u, opts.Workdays)))
	}
	if s := DaysInWords(u); s != "" {
		blocks = append(blocks, slackui.Section(s))
	}
	if s := projectSummary(u); s != "" {
		blocks = append(blocks, slackui.Section(s))
	}
	if u.PersonReason != "" {
		blocks = append(blocks, slackui.Section(personReasonText(u)))
	}
	if s := ClockedLine(u); s != "" {
		blocks = append(blocks, slackui.Section(s))
	}
	blocks = append(blocks,
		slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, whyLine(u, opts.ClockifyURL), false, true)),
	)
	if opts.DaysOffUnavailable {
		blocks = append(blocks, slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, DaysOffUnavailableText, false, true)))
	}
	blocks = append(blocks,
		slack.NewDividerBlock(),
		WeeklyActions(week, u.ClockifyUserID),
	)
	return blocks, fallbackText(week, u, opts)
}

// greeting addresses the person and compares their hours with the target.
func greeting(u UserReport, opts MessageOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Hi %s! Here is a quick look at last week.\n", Addressee(u))
	if u.TargetHours > 0 {
		fmt.Fprintf(&b, "*%s h* logged of a *%s h* target", slackui.Hours(u.Hours), slackui.Hours(u.TargetHours))
	} else {
		fmt.Fprintf(&b, "*%s h* logged, no target this week.", slackui.Hours(u.Hours))
	}
	switch short := u.TargetHours - u.Hours; {
	case u.TargetHours > 0 && short > 0.005:
		fmt.Fprintf(&b, " — %s h below it.", slackui.Hours(short))
	case u.TargetHours > 0:
		b.WriteString(" :white_check_mark:")
	}
	if why := ReducedBy(u); why != "" {
		b.WriteString(" The target was lowered for " + why + ".")
	}
	if s := InARowText(u); s != "" {
		b.WriteString("\n" + s)
	}
	if cc := managerMentions(u, opts); cc != "" {
		b.WriteString("\ncc " + cc)
	}
	return b.String()
}

// managerMentions mentions u's managers that have a Slack account, in
// channel mode only; "" otherwise.
func managerMentions(u UserReport, opts MessageOptions) string {
	if !opts.Mentions {
		return ""
	}
	var ms []string
	for _, m := range u.Managers {
		if at := slackui.Mention(m.SlackUserID); at != "" && len(ms) < MaxMentioned {
			ms = append(ms, at)
		}
	}
	return strings.Join(ms, ", ")
}

// Addressee is the person as a Slack mention, else their escaped name.
func Addressee(u UserReport) string {
	switch {
	case slackui.Mention(u.SlackUserID) != "":
		return slackui.Mention(u.SlackUserID)
	case strings.TrimSpace(u.Name) != "":
		return slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes))
	case u.Email != "":
		return slackui.EscapeMrkdwn(slackui.Clean(u.Email, slackui.MaxNameRunes))
	}
	return "there"
}

// ReducedBy says which holidays and time off lowered the target, "" if
// none.
func ReducedBy(u UserReport) string {
	var parts []string
	if n := len(u.Holidays); n > 0 {
		parts = append(parts, slackui.Plural(float64(n), "holiday", "holidays"))
	}
	if s := TimeOffAmount(u.TimeOff, 0); s != "" {
		parts = append(parts, s+" of time off")
	}
	return strings.Join(parts, " and ")
}

// whyLine is the context line: the reasons in words and the Clockify link.
func whyLine(u UserReport, clockifyURL string) string {
	known := map[string]string{
		weekly.ReasonUnderHours: "fewer hours than the target",
		weekly.ReasonDayOff:     "a workday without time logged",
		weekly.ReasonTimeOff:    "time off",
		ReasonClockGap:          "clocked and tracked hours far apart",
	}
	if len(u.DaysOff) > 1 {
		known[weekly.ReasonDayOff] = "workdays without time logged"
	}
	var why []string
	for _, r := range []string{weekly.ReasonUnderHours, weekly.ReasonDayOff, weekly.ReasonTimeOff, ReasonClockGap} {
		if slices.Contains(u.Reasons, r) {
			why = append(why, known[r])
		}
	}
	for _, r := range slackui.FirstN(u.Reasons, 5) {
		if _, ok := known[r]; !ok {
			why = append(why, slackui.EscapeMrkdwn(slackui.Clean(strings.ReplaceAll(r, "_", " "), slackui.MaxLabelRunes)))
		}
	}
	s := ":information_source: A friendly weekly check-in"
	if len(why) > 0 {
		s += ", sent because last week had " + slackui.JoinWords(why)
	}
	s += ". Forgot something? Log it in Clockify and press *Refresh*."
	link := " · <" + strings.ReplaceAll(slackui.EscapeMrkdwn(clockifyURL), "|", "%7C") + "|Open in Clockify>"
	if clockifyURL != "" && utf8.RuneCountInString(s+link) <= maxContextRunes {
		s += link // a link too long to fit is left out, never cut
	}
	return s
}

// WeeklyActions is the actions block of the weekly message.
func WeeklyActions(week, userID string) *slack.ActionBlock {
	value := week + "|" + userID
	button := func(id, text string) *slack.ButtonBlockElement {
		return slack.NewButtonBlockElement(id, value, slack.NewTextBlockObject(slack.PlainTextType, text, true, false))
	}
	return slack.NewActionBlock(WeeklyActionsBlockPrefix+":"+week+":"+userID,
		button(ActionAcknowledge, "Acknowledge").WithStyle(slack.StylePrimary),
		button(ActionExcuse, "Excuse this week"),
		button(ActionDetails, "Details"),
		button(ActionRefresh, "Refresh"),
		button(ActionAdjustTarget, "Adjust target"),
	)
}

// fallbackText is the one-line notification text; in channel mode it
// mentions the managers too.
func fallbackText(week string, u UserReport, opts MessageOptions) string {
	s := fmt.Sprintf("%s, here is your week %s: %s h logged", Addressee(u), slackui.Clean(week, 20), slackui.Hours(u.Hours))
	if u.TargetHours > 0 {
		s += fmt.Sprintf(" of a %s h target", slackui.Hours(u.TargetHours))
	}
	if cc := managerMentions(u, opts); cc != "" {
		s += " (cc " + cc + ")"
	}
	return s
}
