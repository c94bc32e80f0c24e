package commands

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// timeClockUsage says how to map a person to their time-clock user.
const timeClockUsage = "To map a person to their time-clock user: `/tt admin timeclock @user 145` (the time clock's numeric user id)."

// adminTimeClock answers `/tt admin timeclock @user 145`: the time
// clock's user 145 is that person, so that their clocked shifts and their
// time off from the time clock count in their week. The caller checked
// that slackID is an admin.
func (c *Commands) adminTimeClock(ctx context.Context, slackID, args string) (slack.Msg, error) {
	f := strings.Fields(args)
	if len(f) != 2 {
		return cmdReply(timeClockUsage), nil
	}
	target, ok := parseUserMention(f[0])
	if !ok {
		return cmdReply("The first argument should mention a Slack user, like `@ann` (I got “" + echoInput(f[0]) + "”). " + timeClockUsage), nil
	}
	tcUser, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || tcUser <= 0 {
		return cmdReply("“" + echoInput(f[1]) + "” is not a time-clock user id: give its number, like 145. " + timeClockUsage), nil
	}
	u, err := c.people.ClockifyUser(ctx, target)
	if errors.Is(err, people.ErrUnmapped) {
		return cmdReply("<@" + target + "> has no Clockify account I know of: map them first with `/tt admin map @user email@example.com`."), nil
	}
	if err != nil {
		return slack.Msg{}, err
	}
	was, err := c.store.TimeClockUsers()
	if err != nil {
		return slack.Msg{}, fmt.Errorf("read time-clock users: %w", err)
	}
	if err := c.store.MapTimeClockUser(tcUser, u.ID); err != nil {
		return slack.Msg{}, err
	}
	audit := store.AuditEntry{At: c.now().UTC(), Actor: slackID, Action: "map_timeclock", UserID: u.ID, Detail: fmt.Sprintf("%s -> time clock %d", target, tcUser)}
	if err := c.store.AppendAudit(audit); err != nil {
		c.log.Warn("audit map_timeclock", "err", err)
	}
	name := slackui.EscapeMrkdwn(slackui.Clean(u.Name, slackui.MaxNameRunes))
	text := fmt.Sprintf("Done: time-clock user %d is now <@%s> (*%s*): their shifts and approved time off from the time clock count in their week.", tcUser, target, name)
	if prev, ok := was[tcUser]; ok && prev != u.ID {
		text += " It was mapped to someone else before."
	}
	return cmdReply(text), nil
}
