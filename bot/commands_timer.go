package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/clockify"
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
	if errors.Is(err, ErrUnmapped) {
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
		return cmdReply("*" + projectName(*m.Archived) + "* is archived in Clockify, so I can't start a timer on it."), nil
	}
	text := "I couldn't find an active project matching “" + echoInput(query) + "”."
	if len(m.Suggestions) > 0 {
		var names []string
		for _, p := range m.Suggestions {
			name := "*" + projectName(p) + "*"
			if client := clean(p.ClientName, maxLabelRunes); client != "" {
				name += " (" + escapeMrkdwn(client) + ")"
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
	now := c.now().UTC().Truncate(time.Second)
	stopped, problem, err := c.stopRunning(ctx, u, now)
	if err != nil || problem != "" {
		return problem, err
	}
	started, err := c.api.StartTimer(ctx, c.cfg.WorkspaceID, u.ID, clockify.StartTimerRequest{Start: now, ProjectID: projectID, Description: desc})
	var prefix string
	if stopped != nil {
		prefix = "Stopped " + c.stoppedPhrase(*stopped) + " after " + fmtElapsed(stopped.End.Sub(stopped.Start))
	}
	if err != nil {
		c.timerChanged(slackID, u, stopped, nil)
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", ctx.Err()
		}
		sentence := timerProblem("start your timer", err)
		c.log.Warn("start timer", "user", u.ID, "err", err)
		if prefix != "" {
			return prefix + ", but I couldn't start the new one. " + sentence, nil
		}
		return sentence, nil
	}
	e := storeEntry(*started)
	if e.UserID == "" {
		e.UserID = u.ID
	}
	e.End = time.Time{}
	if err := c.store.PutRunning(e, c.now()); err != nil {
		return "", fmt.Errorf("record started timer: %w", err)
	}
	c.timerChanged(slackID, u, stopped, &e)
	text := "Started " + c.startedPhrase(e.ProjectID) + "."
	if prefix != "" {
		text = prefix + " and started " + c.startedPhrase(e.ProjectID) + "."
	}
	if d := strings.TrimSpace(e.Description); d != "" {
		text += "\n> " + echoInput(d)
	}
	return text, nil
}

// stopRunning stops u's running timer at end and records it in the store.
// stopped is nil when nothing was running; problem is Clockify's refusal
// as a sentence.
func (c *Commands) stopRunning(ctx context.Context, u store.User, end time.Time) (stopped *store.Entry, problem string, err error) {
	te, err := c.api.StopTimer(ctx, c.cfg.WorkspaceID, u.ID, end)
	if errors.Is(err, clockify.ErrNotRunning) {
		if err := c.store.DeleteRunning(u.ID, c.now()); err != nil {
			return nil, "", fmt.Errorf("forget running timer: %w", err)
		}
		return nil, "", nil
	}
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, "", ctx.Err()
		}
		c.log.Warn("stop timer", "user", u.ID, "err", err)
		return nil, timerProblem("stop your running timer", err), nil
	}
	e := storeEntry(*te)
	if e.UserID == "" {
		e.UserID = u.ID
	}
	if e.End.IsZero() {
		e.End = end
	}
	if err := c.store.DeleteRunning(u.ID, c.now()); err != nil {
		return nil, "", fmt.Errorf("forget running timer: %w", err)
	}
	if err := c.store.PutEntry(e); err != nil {
		return nil, "", fmt.Errorf("record stopped timer: %w", err)
	}
	return &e, "", nil
}

// stop answers `/tt stop`.
func (c *Commands) stop(ctx context.Context, slackID string) (slack.Msg, error) {
	u, answer, err := c.userFor(ctx, slackID)
	if err != nil || answer != "" {
		return cmdReply(answer), err
	}
	now := c.now().UTC().Truncate(time.Second)
	stopped, problem, err := c.stopRunning(ctx, u, now)
	if err != nil || problem != "" {
		return cmdReply(problem), err
	}
	if stopped == nil {
		return cmdReply("No timer is running, nothing to stop. Start one with `/tt start [project]`."), nil
	}
	c.timerChanged(slackID, u, stopped, nil)
	text := "Stopped " + c.stoppedPhrase(*stopped) + " after " + fmtElapsed(stopped.End.Sub(stopped.Start)) + "."
	loc := c.people.Location(ctx, slackID, c.cfg.Params.DefaultLocation)
	if t, err := dayTotals(c.store, u.ID, loc, c.now()); err == nil {
		text += " Today so far: " + fmtElapsed(t.Total) + "."
	}
	return cmdReply(text), nil
}

// stoppedPhrase names a stopped timer: "*Design*" or "your timer (no
// project)".
func (c *Commands) stoppedPhrase(e store.Entry) string {
	if name, ok := c.projectLabel(e.ProjectID); ok {
		return "*" + name + "*"
	}
	return "your timer (no project)"
}

// startedPhrase names a started timer: "*Design*" or "a timer without a
// project".
func (c *Commands) startedPhrase(projectID string) string {
	if name, ok := c.projectLabel(projectID); ok {
		return "*" + name + "*"
	}
	return "a timer without a project"
}

// projectLabel is the escaped name of a project; ok is false for no
// project. A project the store does not know yet is "a new project".
func (c *Commands) projectLabel(projectID string) (string, bool) {
	if projectID == "" {
		return "", false
	}
	p, ok, err := c.store.Project(projectID)
	if err != nil || !ok {
		return "a new project", true
	}
	return projectName(p), true
}

// projectName is a project's name made safe for mrkdwn.
func projectName(p store.Project) string {
	return escapeMrkdwn(clean(p.Name, maxNameRunes))
}

// timerProblem turns a failed Clockify call into a sentence: Clockify's
// own refusals in its words, outages and timeouts in ours.
func timerProblem(doing string, err error) string {
	var ce *clockify.Error
	if !errors.As(err, &ce) {
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			return "Clockify didn't answer in time, so I'm not sure I could " + doing + ". Please check in Clockify or try again in a minute."
		}
		return "I couldn't reach Clockify to " + doing + ". Please try again in a minute."
	}
	switch {
	case ce.StatusCode == 401 || ce.StatusCode == 403:
		return fmt.Sprintf("Clockify refused my access (status %d), so I couldn't %s. Ask an admin to check the bot's Clockify API key.", ce.StatusCode, doing)
	case ce.StatusCode == 429:
		return "Clockify is busy right now, so I couldn't " + doing + ". Please try again " + retryWhen(err) + "."
	case ce.StatusCode >= 500:
		return fmt.Sprintf("Clockify had a problem (status %d), so I couldn't %s. Please try again in a minute.", ce.StatusCode, doing)
	}
	msg := strings.TrimRight(clean(ce.Message, 200), ". ")
	if msg == "" {
		return fmt.Sprintf("Clockify refused to %s (status %d).", doing, ce.StatusCode)
	}
	s := "Clockify says: " + escapeMrkdwn(msg) + "."
	if l := strings.ToLower(msg); strings.Contains(l, "project") && strings.Contains(l, "required") {
		s += " This workspace needs a project on every timer: try `/tt start [project]`."
	}
	return s
}
