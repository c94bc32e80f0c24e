package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// userFor returns the Clockify account of a Slack user. When there is none
// (or Slack cannot be asked), answer is the sentence to reply with.
func (c *Commands) userFor(ctx context.Context, slackID string) (u store.User, answer string, err error) {
	u, err = c.people.ClockifyUser(ctx, slackID)
	if err == nil {
		return u, "", nil
	}
	const ask = " Ask an admin to run `/tt admin map @you your-clockify-email`."
	if errors.Is(err, people.ErrUnmapped) {
		prof, _ := c.people.Profile(ctx, slackID)
		if prof.Email == "" {
			return u, "I couldn't find your Clockify account: I can't see an email on your Slack profile." + ask, nil
		}
		return u, "I couldn't find your Clockify account: your Slack email (" + echoInput(prof.Email) + ") isn't a member of the Clockify workspace." + ask, nil
	}
	if ctx.Err() == nil {
		c.log.Warn("look up slack user", "user", slackID, "err", err)
		return u, "I couldn't look up your Slack profile just now. Please try again in a minute.", nil
	}
	return u, "", err
}

// maxDescriptionRunes is the longest time entry description Clockify
// accepts (CreateTimeEntryRequest.description maxLength), in characters.
const maxDescriptionRunes = 3000

// start answers `/tt start [project] [-- description]`.
func (c *Commands) start(ctx context.Context, slackID, args string) (slack.Msg, error) {
	u, answer, err := c.userFor(ctx, slackID)
	if err != nil || answer != "" {
		return cmdReply(answer), err
	}
	query, desc := parseStartArgs(args)
	if n := utf8.RuneCountInString(desc); n > maxDescriptionRunes {
		// Clockify refuses it; say so before stopping anything.
		return cmdReply(fmt.Sprintf("That description is %d characters long; Clockify takes at most %d. Shorten it and try again.", n, maxDescriptionRunes)), nil
	}
	if query == "" {
		text, err := c.startTimer(ctx, slackID, u, "", desc)
		return cmdReply(text), err
	}
	projects, err := c.store.Projects()
	if err != nil {
		return slack.Msg{}, fmt.Errorf("read projects: %w", err)
	}
	m := matchProject(projects, query)
	switch {
	case m.Project != nil:
		text, err := c.startTimer(ctx, slackID, u, m.Project.ID, desc)
		return cmdReply(text), err
	case len(m.Choices) > 0:
		return projectChoices(query, desc, m.Choices), nil
	case m.Archived != nil:
		return cmdReply("*" + report.ProjectName(*m.Archived) + "* is archived in Clockify, so I can't start a timer on it."), nil
	}
	text := "I couldn't find an active project matching “" + echoInput(query) + "”."
	if len(m.Suggestions) > 0 {
		var names []string
		for _, p := range m.Suggestions {
			name := "*" + report.ProjectName(p) + "*"
			if client := slackui.Clean(p.ClientName, slackui.MaxLabelRunes); client != "" {
				name += " (" + slackui.EscapeMrkdwn(client) + ")"
			}
			names = append(names, name)
		}
		text += " Did you mean " + joinOr(names) + "?"
	} else if desc == "" && strings.Contains(query, " ") {
		text += " To add a description, put it after `--`: `/tt start design -- fixing the login page`."
	}
	return cmdReply(text), nil
}

// joinOr joins "a", "b" and "c" as "a, b or c".
func joinOr(w []string) string {
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " or " + w[len(w)-1]
}

// startTimer stops u's running timer, starts a new one and says what
// happened. Problems Clockify reports are returned as sentences; err is
// only for failures of the bot itself.
func (c *Commands) startTimer(ctx context.Context, slackID string, u store.User, projectID, desc string) (string, error) {
	ctx, release, tooBusy := c.book(ctx, timer.DoingStart, c.startingText(projectID))
	defer release()
	if tooBusy != "" {
		return tooBusy, nil
	}
	ch, err := c.timers.Start(ctx, timer.FromCommand, slackID, u, projectID, desc)
	var refused *timer.Refused
	if err != nil && !errors.As(err, &refused) {
		return "", err
	}
	stopped := ch.Stopped
	var prefix string
	if stopped != nil {
		prefix = "Stopped " + c.stoppedPhrase(*stopped) + " after " + slackui.Duration(stopped.End.Sub(stopped.Start))
	}
	if err != nil {
		sentence := timer.Problem(err)
		if prefix != "" {
			return prefix + ", but I couldn't start the new one. " + sentence, nil
		}
		return sentence, nil
	}
	e := *ch.Started
	text := "Started " + c.startedPhrase(e.ProjectID) + "."
	if prefix != "" {
		text = prefix + " and started " + c.startedPhrase(e.ProjectID) + "."
	}
	if d := strings.TrimSpace(e.Description); d != "" {
		text += "\n> " + echoInput(d)
	}
	return text, nil
}

// stop answers `/tt stop`.
func (c *Commands) stop(ctx context.Context, slackID string) (slack.Msg, error) {
	u, answer, err := c.userFor(ctx, slackID)
	if err != nil || answer != "" {
		return cmdReply(answer), err
	}
	ctx, release, tooBusy := c.book(ctx, timer.DoingStop, stoppingText)
	if tooBusy != "" {
		return cmdReply(tooBusy), nil
	}
	ch, err := c.timers.Stop(ctx, timer.FromCommand, slackID, u)
	release()
	var refused *timer.Refused
	switch {
	case errors.As(err, &refused):
		return cmdReply(timer.Problem(err)), nil
	case err != nil:
		return slack.Msg{}, err
	}
	stopped := ch.Stopped
	if stopped == nil {
		return cmdReply("No timer is running, nothing to stop. Start one with `/tt start [project]`."), nil
	}
	text := "Stopped " + c.stoppedPhrase(*stopped) + " after " + slackui.Duration(stopped.End.Sub(stopped.Start)) + "."
	loc := c.people.Location(ctx, slackID, c.reporter.Params().DefaultLocation)
	if t, err := report.DayTotals(c.store, u.ID, loc, c.now()); err == nil {
		text += " Today so far: " + slackui.Duration(t.Total) + "."
	}
	return cmdReply(text), nil
}

// stoppedPhrase names a stopped timer: "*Design*" or "your timer (no
// project)".
func (c *Commands) stoppedPhrase(e store.Entry) string {
	if name, ok := report.ProjectLabel(c.store, e.ProjectID); ok {
		return "*" + name + "*"
	}
	return "your timer (no project)"
}

// startedPhrase names a started timer: "*Design*" or "a timer without a
// project".
func (c *Commands) startedPhrase(projectID string) string {
	if name, ok := report.ProjectLabel(c.store, projectID); ok {
		return "*" + name + "*"
	}
	return "a timer without a project"
}
