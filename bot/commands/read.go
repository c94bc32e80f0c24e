package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// maxTodayProjects is how many projects `/tt today` lists.
const maxTodayProjects = 10

// myDay reads the caller's day from the store in their time zone, for
// /tt status and /tt today; answer is set when they have no Clockify
// account.
func (c *Commands) myDay(ctx context.Context, slackID, what string) (t report.DayTotal, loc *time.Location, now time.Time, answer string, err error) {
	u, answer, err := c.userFor(ctx, slackID)
	if err != nil || answer != "" {
		return t, nil, now, answer, err
	}
	loc = c.people.Location(ctx, slackID, c.reporter.Params().DefaultLocation)
	now = c.now()
	if t, err = report.DayTotals(c.store, u.ID, loc, now); err != nil {
		return t, loc, now, "", fmt.Errorf("%s of %s: %w", what, u.ID, err)
	}
	return t, loc, now, "", nil
}

// status answers `/tt status` from the store.
func (c *Commands) status(ctx context.Context, slackID string) (slack.Msg, error) {
	t, loc, now, answer, err := c.myDay(ctx, slackID, "status")
	if err != nil || answer != "" {
		return cmdReply(answer), err
	}
	var text string
	if r := t.Running; r != nil {
		since := r.Start.In(loc).Format("15:04")
		if from, _ := report.LocalDayBounds(now, loc); r.Start.Before(from) {
			since = r.Start.In(loc).Format("Mon 15:04")
		}
		what := c.startedPhrase(r.ProjectID)
		if r.ProjectID == "" {
			what = "A timer without a project"
		}
		text = fmt.Sprintf(":stopwatch: %s is running: %s (since %s).", what, slackui.Duration(now.Sub(r.Start)), since)
		if d := strings.TrimSpace(r.Description); d != "" {
			text += "\n> " + echoInput(d)
		}
	} else {
		text = "No timer is running. Start one with `/tt start [project]`."
	}
	text += "\n*Today:* " + slackui.Duration(t.Total)
	return cmdReply(text), nil
}

// today answers `/tt today` from the store: the day's total in the user's
// time zone, per project.
func (c *Commands) today(ctx context.Context, slackID string) (slack.Msg, error) {
	t, loc, now, answer, err := c.myDay(ctx, slackID, "today")
	if err != nil || answer != "" {
		return cmdReply(answer), err
	}
	head := "*Today* (" + now.In(loc).Format("Mon Jan 2") + "): "
	if t.Total == 0 && len(t.Projects) == 0 {
		return cmdReply(head + "nothing logged yet. Start a timer with `/tt start [project]`."), nil
	}
	var b strings.Builder
	b.WriteString(head + "*" + slackui.Duration(t.Total) + "*")
	for _, p := range slackui.FirstN(t.Projects, maxTodayProjects) {
		name, ok := report.ProjectLabel(c.store, p.ProjectID)
		if !ok {
			name = "_No project_"
		}
		fmt.Fprintf(&b, "\n• %s: %s", name, slackui.Duration(p.Time))
		if p.Running {
			b.WriteString(" :stopwatch:")
		}
	}
	if rest := len(t.Projects) - maxTodayProjects; rest > 0 {
		fmt.Fprintf(&b, "\n• _…and %d more_", rest)
	}
	return cmdReply(b.String()), nil
}

// week answers `/tt week [@user]` from the store with the weekly rules.
func (c *Commands) week(ctx context.Context, slackID, args string) (slack.Msg, error) {
	target := slackID
	if args != "" {
		id, ok := parseUserMention(args)
		if !ok {
			return cmdReply("I can show the week of one person: mention them, like `/tt week @ann` (I got “" + echoInput(args) + "”)."), nil
		}
		target = id
	}
	if target == slackID {
		u, answer, err := c.userFor(ctx, slackID)
		if err != nil || answer != "" {
			return cmdReply(answer), err
		}
		return c.weekOf(ctx, u, slackID, "Your week")
	}
	refuse := cmdReply("Only managers of <@" + target + "> can see their week.")
	u, err := c.people.ClockifyUser(ctx, target)
	if errors.Is(err, people.ErrUnmapped) {
		if c.people.IsAdmin(slackID) {
			return cmdReply("<@" + target + "> has no Clockify account I can find."), nil
		}
		return refuse, nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return slack.Msg{}, err
		}
		c.log.Warn("look up slack user", "user", target, "err", err)
		return cmdReply("I couldn't look up <@" + target + "> in Slack just now. Please try again in a minute."), nil
	}
	ok, err := c.people.Manages(ctx, slackID, u.ID)
	if err != nil {
		return slack.Msg{}, fmt.Errorf("managers of %s: %w", u.ID, err)
	}
	if !ok {
		return refuse, nil
	}
	name := slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes))
	if name == "" {
		name = "<@" + target + ">"
	}
	return c.weekOf(ctx, u, target, name+"'s week")
}

// weekOf renders u's week so far: hours against the target and a bar per
// day, as the Monday message draws it.
func (c *Commands) weekOf(ctx context.Context, u store.User, slackID, title string) (slack.Msg, error) {
	loc := c.people.Location(ctx, slackID, c.reporter.Params().DefaultLocation)
	now := c.now()
	w := weekly.WeekOf(now.In(loc))
	weeks, err := c.reporter.Users([]store.User{u}, w, now)
	if err != nil {
		return slack.Msg{}, err
	}
	ur := weeks[u.ID]
	params := c.reporter.Params()

	monday := w.Start(time.UTC)
	var b strings.Builder
	fmt.Fprintf(&b, "*%s* %s (%s): *%s h*", title, w, report.WeekRange(monday), slackui.Hours(ur.Hours))
	switch {
	case ur.TargetHours <= 0:
		b.WriteString(", no target this week.")
	case ur.Hours >= ur.TargetHours:
		fmt.Fprintf(&b, " of %s h. :white_check_mark: Target reached.", slackui.Hours(ur.TargetHours))
	default:
		fmt.Fprintf(&b, " of %s h so far, %s h to go.", slackui.Hours(ur.TargetHours), slackui.Hours(ur.TargetHours-ur.Hours))
	}
	b.WriteString("\n" + report.DayChart(monday, ur, params.Workdays))
	if days := report.DaysInWords(ur); days != "" {
		b.WriteString("\n" + days)
	}
	return cmdReply(b.String()), nil
}
