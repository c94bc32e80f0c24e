package nudges

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// The help lines of the subcommands, for /tt help.
const (
	HelpNudge   = "`/tt nudge on [HH:MM]|off`: a DM the morning after a day with less time than its share of your target (default 10:00)"
	HelpHeadsUp = "`/tt headsup on|off`: a DM on the last working day when your week would be flagged on Monday"
	HelpLog     = "`/tt log DURATION [project] [today|yesterday|mon…sun|YYYY-MM-DD] [-- description]`: log time you did not track"
)

// reply is an ephemeral answer.
func reply(text string) slack.Msg {
	return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: text}
}

// NudgeCommand answers `/tt nudge on [HH:MM]`, `/tt nudge off` and, for
// admins, `/tt nudge default on|off` (the workspace default).
func (n *Nudges) NudgeCommand(ctx context.Context, slackID, args string) (slack.Msg, error) {
	w := strings.Fields(strings.ToLower(args))
	if len(w) >= 1 && w[0] == "default" {
		if !n.people.IsAdmin(slackID) {
			return reply("Only admins can set the workspace default of the daily nudge."), nil
		}
		if len(w) != 2 || (w[1] != "on" && w[1] != "off") {
			return reply("Use `/tt nudge default on` or `/tt nudge default off`."), nil
		}
		if err := SetDefault(n.store, w[1] == "on"); err != nil {
			return slack.Msg{}, err
		}
		return reply("The daily nudge is now " + w[1] + " by default for people who did not choose."), nil
	}
	// The nudge goes to people whose Clockify account is known.
	if _, answer, err := n.userFor(ctx, slackID); err != nil || answer != "" {
		return reply(answer), err
	}
	switch {
	case len(w) == 1 && w[0] == "off":
		if err := UpdatePrefs(n.store, slackID, func(p *Prefs) { off := false; p.Nudge = &off }); err != nil {
			return slack.Msg{}, err
		}
		return reply("Daily nudge off. Turn it back on with `/tt nudge on`."), nil
	case (len(w) == 1 || len(w) == 2) && w[0] == "on":
		at := DefaultNudgeAt
		if len(w) == 2 {
			var ok bool
			if at, ok = ParseClock(w[1]); !ok {
				return reply("I can't read “" + slackEcho(w[1]) + "” as a time: use HH:MM, for example `/tt nudge on 09:30`."), nil
			}
		}
		if err := UpdatePrefs(n.store, slackID, func(p *Prefs) { on := true; p.Nudge, p.NudgeAt, p.SnoozedUntil = &on, at, "" }); err != nil {
			return slack.Msg{}, err
		}
		return reply("Daily nudge on: at " + at + " your time, on working days after a day with less time than its share of your target, I'll send you a DM."), nil
	}
	return reply("Use `/tt nudge on [HH:MM]` or `/tt nudge off`."), nil
}

// HeadsUpCommand answers `/tt headsup on|off`.
func (n *Nudges) HeadsUpCommand(ctx context.Context, slackID, args string) (slack.Msg, error) {
	if _, answer, err := n.userFor(ctx, slackID); err != nil || answer != "" {
		return reply(answer), err
	}
	switch strings.ToLower(strings.TrimSpace(args)) {
	case "off":
		if err := UpdatePrefs(n.store, slackID, func(p *Prefs) { p.HeadsUpOff = true }); err != nil {
			return slack.Msg{}, err
		}
		return reply("Heads-up off: I won't tell you before Monday when your week is short."), nil
	case "on":
		if err := UpdatePrefs(n.store, slackID, func(p *Prefs) { p.HeadsUpOff = false }); err != nil {
			return slack.Msg{}, err
		}
		if n.cfg.HeadsUp == "" {
			return reply("Heads-up on for you, but an admin turned heads-ups off for everyone (REPORT_HEADSUP=off)."), nil
		}
		return reply("Heads-up on: on the last working day of the week at " + n.cfg.HeadsUp + " your time, I'll tell you if your week would be flagged."), nil
	}
	return reply("Use `/tt headsup on` or `/tt headsup off`."), nil
}

// LogCommand answers `/tt log DURATION [project] [day] [-- description]`.
func (n *Nudges) LogCommand(ctx context.Context, slackID, args string) (slack.Msg, error) {
	const usage = "Use `/tt log DURATION [project] [today|yesterday|mon…sun|YYYY-MM-DD] [-- description]`, for example `/tt log 2h30m website yesterday -- review`."
	u, answer, err := n.userFor(ctx, slackID)
	if err != nil || answer != "" {
		return reply(answer), err
	}
	head, desc, _ := strings.Cut(args, "--")
	w := strings.Fields(head)
	if len(w) == 0 {
		return reply(usage), nil
	}
	dur, ok := ParseDuration(w[0])
	if !ok {
		return reply("I can't read “" + slackEcho(w[0]) + "” as a duration. " + usage), nil
	}
	now := n.now().In(n.weeks.Location(u))
	req := logRequest{dur: dur, desc: strings.TrimSpace(desc), date: now.Format(time.DateOnly)}
	rest := w[1:]
	if len(rest) > 0 {
		if d, ok := parseDay(rest[len(rest)-1], now); ok {
			req.date, rest = d, rest[:len(rest)-1]
		}
	}
	req.project = strings.Join(rest, " ")
	text, err := n.logTime(ctx, slackID, u, req)
	var r *refusal
	if errors.As(err, &r) {
		return reply(r.text), nil
	}
	if err != nil {
		return slack.Msg{}, err
	}
	return reply(text), nil
}

// userFor returns the Clockify account of a Slack user, or the sentence
// to answer when there is none.
func (n *Nudges) userFor(ctx context.Context, slackID string) (store.User, string, error) {
	u, err := n.people.ClockifyUser(ctx, slackID)
	switch {
	case err == nil:
		return u, "", nil
	case errors.Is(err, people.ErrUnmapped):
		return u, "I couldn't find your Clockify account. Ask an admin to run `/tt admin map @you your-clockify-email`.", nil
	case ctx.Err() == nil:
		n.log.Warn("look up slack user", "user", slackID, "err", err)
		return u, "I couldn't look up your Slack profile just now. Please try again in a minute.", nil
	}
	return u, "", fmt.Errorf("look up slack user: %w", err)
}

// slackEcho is user input safe to echo.
func slackEcho(s string) string {
	return slackui.EscapeMrkdwn(slackui.Clean(s, 100))
}
