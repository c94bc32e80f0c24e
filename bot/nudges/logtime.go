package nudges

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/store"
)

// maxDescriptionRunes is CreateTimeEntryRequest.description's maxLength.
const maxDescriptionRunes = 3000

// logRequest is one request to log time: a local date, an optional start
// ("HH:MM"), a duration, a project as typed and a description.
type logRequest struct {
	date    string
	start   string
	dur     time.Duration
	project string
	desc    string
}

// The fields a refusal is about (the Log time modal's blocks).
const (
	fieldDate     = "date"
	fieldStart    = "start"
	fieldDuration = "duration"
	fieldProject  = "project"
	fieldDesc     = "description"
)

// refusal is a request to log time that is refused, with the sentence to
// show and the field it is about.
type refusal struct{ field, text string }

// Error is the sentence.
func (r *refusal) Error() string { return r.text }

// refuse is a refusal of field.
func refuse(field, format string, args ...any) error {
	return &refusal{field: field, text: fmt.Sprintf(format, args...)}
}

// logTime logs req for u and says what was logged and the day's new total.
// A *refusal is a sentence for the user (its field says where); other
// errors are the bot's own.
func (n *Nudges) logTime(ctx context.Context, slackID string, u store.User, req logRequest) (string, error) {
	loc := n.weeks.Location(u)
	now := n.now().In(loc)
	d, err := time.ParseInLocation(time.DateOnly, req.date, loc)
	if err != nil {
		return "", refuse(fieldDate, "I can't read the date “%s”: use YYYY-MM-DD, today, yesterday or a weekday.", slackui.Clean(req.date, 20))
	}
	dayStart := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	dayEnd := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
	if dayStart.After(now) {
		return "", refuse(fieldDate, "%s is in the future: I can only log time that has passed.", dayLabel(dayStart.Add(12*time.Hour)))
	}
	if req.dur < timer.MinLog || req.dur > timer.MaxLog {
		return "", refuse(fieldDuration, "I can log from 1 minute to 24 hours at a time; %s is outside that.", slackui.Duration(req.dur))
	}
	if n := utf8.RuneCountInString(req.desc); n > maxDescriptionRunes {
		return "", refuse(fieldDesc, "That description is %d characters long; Clockify takes at most %d.", n, maxDescriptionRunes)
	}
	projectID, projectName, err := n.project(req.project)
	if err != nil {
		return "", err
	}
	var start time.Time
	switch {
	case req.start != "":
		hm, ok := ParseClock(req.start)
		if !ok {
			return "", refuse(fieldStart, "I can't read the start time “%s”: use HH:MM, for example 09:30.", slackui.Clean(req.start, 20))
		}
		h, _ := strconv.Atoi(hm[:2])
		m, _ := strconv.Atoi(hm[3:])
		start = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
	case !now.Before(dayEnd):
		// A past day: from 09:00, earlier when it would run past midnight.
		start = time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, loc)
		if start.Add(req.dur).After(dayEnd) {
			start = dayEnd.Add(-req.dur)
		}
	default:
		// Today: up to now.
		start = now.Add(-req.dur)
	}
	if start.Before(dayStart) {
		start = dayStart
	}
	end := start.Add(req.dur)
	if end.After(now) {
		return "", refuse(fieldDuration, "That would end at %s, which is still to come: I can only log time that has passed.", slackui.At(end, loc))
	}
	e, err := n.timers.Log(ctx, timer.FromCommand, slackID, u, start, end, projectID, req.desc)
	var refused *timer.Refused
	switch {
	case errors.Is(err, timer.ErrLogDuration):
		return "", refuse(fieldDuration, "I can log from 1 minute to 24 hours at a time.")
	case errors.Is(err, timer.ErrLogFuture):
		return "", refuse(fieldDuration, "I can only log time that has passed.")
	case errors.As(err, &refused):
		return "", refuse(fieldDate, "%s", timer.Problem(err))
	case err != nil:
		return "", err
	}
	at := now
	if dayEnd.Before(now) {
		at = dayEnd.Add(-time.Second)
	}
	total, err := report.DayTotals(n.store, u.ID, loc, at)
	if err != nil {
		return "", fmt.Errorf("read the day's total: %w", err)
	}
	on := ""
	if projectName != "" {
		on = " on *" + projectName + "*"
	}
	text := fmt.Sprintf(":white_check_mark: Logged %s%s on %s (%s–%s). Your total for that day is now %s.",
		slackui.Duration(e.End.Sub(e.Start)), on, dayLabel(dayStart.Add(12*time.Hour)), e.Start.In(loc).Format("15:04"), e.End.In(loc).Format("15:04"), slackui.Duration(total.Total))
	if desc := strings.TrimSpace(req.desc); desc != "" {
		text += "\n> " + slackui.EscapeMrkdwn(slackui.Clean(desc, 200))
	}
	return text, nil
}

// project finds the project typed, with /tt start's matching: its id and
// escaped name, or a refusal.
func (n *Nudges) project(query string) (id, name string, err error) {
	if strings.TrimSpace(query) == "" {
		return "", "", nil
	}
	projects, err := n.store.Projects()
	if err != nil {
		return "", "", fmt.Errorf("read projects: %w", err)
	}
	m := report.MatchProject(projects, query)
	echo := slackui.EscapeMrkdwn(slackui.Clean(query, 100))
	switch {
	case m.Project != nil:
		if m.Project.Archived {
			return "", "", refuse(fieldProject, "%s is archived in Clockify, so I can't log time on it.", report.ProjectName(*m.Project))
		}
		return m.Project.ID, report.ProjectName(*m.Project), nil
	case len(m.Choices) > 0:
		var names []string
		for _, p := range slackui.FirstN(m.Choices, 5) {
			names = append(names, report.ProjectName(p))
		}
		return "", "", refuse(fieldProject, "Several projects match “%s”: %s. Type more of the name.", echo, strings.Join(names, ", "))
	case m.Archived != nil:
		return "", "", refuse(fieldProject, "%s is archived in Clockify, so I can't log time on it.", report.ProjectName(*m.Archived))
	}
	return "", "", refuse(fieldProject, "I couldn't find an active project matching “%s”.", echo)
}

// ParseDuration reads a duration to log: "2h30m", "90m", "1.5h", "1:30"
// or a number of hours ("2").
func ParseDuration(s string) (time.Duration, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || len(m) != 2 {
			return 0, false
		}
		return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > 1000 {
			return 0, false
		}
		return time.Duration(f * float64(time.Hour)).Round(time.Minute), true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}

// parseDay reads a day word at local time now: "today", "yesterday", a
// weekday ("mon", "monday": the last one, today included) or a date.
func parseDay(s string, now time.Time) (string, bool) {
	s = strings.ToLower(s)
	switch s {
	case "today":
		return now.Format(time.DateOnly), true
	case "yesterday":
		_, d := day(now, -1)
		return d, true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), true
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		if s == name || s == name[:3] {
			back := (int(now.Weekday()) - int(wd) + 7) % 7
			_, d := day(now, -back)
			return d, true
		}
	}
	return "", false
}
