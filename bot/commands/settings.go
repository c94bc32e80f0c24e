package commands

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/notices"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// notify answers `/tt notify on|off`.
func (c *Commands) notify(slackID, args string) (slack.Msg, error) {
	p, err := people.LoadPrefs(c.store, slackID)
	if err != nil {
		return slack.Msg{}, err
	}
	switch strings.ToLower(args) {
	case "on", "off":
		on := strings.EqualFold(args, "on")
		if p, err = people.UpdatePrefs(c.store, slackID, func(p *people.Prefs) { p.Notify = on }); err != nil {
			return slack.Msg{}, err
		}
	case "":
	default:
		return cmdReply("Use `/tt notify on` or `/tt notify off` (I got “" + echoInput(args) + "”)."), nil
	}
	switch {
	case !p.Notify && args == "":
		return cmdReply("Your timer starts and stops are not posted. Turn that on with `/tt notify on`."), nil
	case !p.Notify:
		return cmdReply("Done: your timer starts and stops won't be posted any more."), nil
	case c.cfg.NotifyChannel == "":
		return cmdReply("Notifications are on for you, but no channel is set up for them yet: an admin needs to set NOTIFY_CHANNEL."), nil
	}
	return cmdReply("Done: your timer starts and stops are posted to " + channelLabel(c.cfg.NotifyChannel) + ". Turn that off with `/tt notify off`."), nil
}

// channelIDRe is a Slack conversation id.
var channelIDRe = regexp.MustCompile(`^[CG][A-Z0-9]{2,20}$`)

// channelLabel shows a channel given as an id ("<#C123>") or a name.
func channelLabel(ch string) string {
	if channelIDRe.MatchString(ch) {
		return "<#" + ch + ">"
	}
	return "#" + slackui.EscapeMrkdwn(slackui.Clean(strings.TrimPrefix(ch, "#"), 80))
}

// summary answers `/tt summary HH:MM|off`.
func (c *Commands) summary(ctx context.Context, slackID, args string) (slack.Msg, error) {
	p, err := people.LoadPrefs(c.store, slackID)
	if err != nil {
		return slack.Msg{}, err
	}
	switch {
	case args == "":
		if p.SummaryAt == "" {
			return cmdReply("You get no daily summary. Ask for one with `/tt summary 18:00`."), nil
		}
		return cmdReply("You get a daily summary at " + p.SummaryAt + " (" + c.slackZone(ctx, slackID) + "). Stop it with `/tt summary off`."), nil
	case strings.EqualFold(args, "off"):
		if _, err := people.UpdatePrefs(c.store, slackID, func(p *people.Prefs) { p.SummaryAt = "" }); err != nil {
			return slack.Msg{}, err
		}
		return cmdReply("Done: no more daily summaries."), nil
	}
	at, ok := notices.ParseClockTime(args)
	if !ok {
		return cmdReply("I need a time of day like `18:00` (24-hour clock), or `off` (I got “" + echoInput(args) + "”)."), nil
	}
	if _, answer, err := c.userFor(ctx, slackID); err != nil || answer != "" {
		return cmdReply(answer), err
	}
	if _, err := people.UpdatePrefs(c.store, slackID, func(p *people.Prefs) { p.SummaryAt = at }); err != nil {
		return slack.Msg{}, err
	}
	return cmdReply("Done: I'll send you a summary of your day at " + at + " every day (" + c.slackZone(ctx, slackID) + ", your Slack time zone)."), nil
}

// slackZone names the Slack time zone of a user, or the default zone.
func (c *Commands) slackZone(ctx context.Context, slackID string) string {
	if prof, err := c.people.Profile(ctx, slackID); err == nil && prof.TimeZone != "" {
		return slackui.EscapeMrkdwn(prof.TimeZone)
	}
	return c.reporter.Params().DefaultLocation.String()
}

// admin answers `/tt admin map @user email@example.com`.
func (c *Commands) admin(ctx context.Context, slackID, args string) (slack.Msg, error) {
	if !c.people.IsAdmin(slackID) {
		text := "Sorry, only clockbot admins can do that."
		if admins := c.people.Admins(); len(admins) > 0 {
			slices.Sort(admins)
			var names []string
			for _, a := range slackui.FirstN(admins, 3) {
				names = append(names, "<@"+a+">")
			}
			text += " You could ask " + joinOr(names) + "."
		}
		return cmdReply(text), nil
	}
	sub, rest := splitWord(args)
	const usage = "To map a Slack user to their Clockify account: `/tt admin map @user email@example.com`; to their time-clock user: `/tt admin timeclock @user 145`."
	if strings.EqualFold(sub, "timeclock") {
		return c.adminTimeClock(ctx, slackID, rest)
	}
	if !strings.EqualFold(sub, "map") {
		return cmdReply(usage), nil
	}
	f := strings.Fields(rest)
	if len(f) != 2 {
		return cmdReply(usage), nil
	}
	target, ok := parseUserMention(f[0])
	if !ok {
		return cmdReply("The first argument should mention a Slack user, like `@ann` (I got “" + echoInput(f[0]) + "”). " + usage), nil
	}
	email, ok := parseEmailArg(f[1])
	if !ok {
		return cmdReply("“" + echoInput(f[1]) + "” doesn't look like an email address. " + usage), nil
	}
	if _, found, err := c.store.UserByEmail(email); err != nil {
		return slack.Msg{}, fmt.Errorf("read user: %w", err)
	} else if !found {
		return cmdReply("No member of the Clockify workspace has the email " + echoInput(email) + " (as of the last sync)."), nil
	}
	u, err := c.people.Map(target, email)
	if err != nil {
		return slack.Msg{}, err
	}
	audit := store.AuditEntry{At: c.now().UTC(), Actor: slackID, Action: "map_user", UserID: u.ID, Detail: target + " -> " + email}
	if err := c.store.AppendAudit(audit); err != nil {
		c.log.Warn("audit map_user", "err", err)
	}
	name := slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes))
	if name == "" {
		name = "their account"
	}
	return cmdReply("Done: <@" + target + "> is now mapped to *" + name + "* (" + echoInput(email) + ") in Clockify."), nil
}
