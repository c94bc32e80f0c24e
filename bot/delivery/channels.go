package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// maxChannelNameLen is Slack's limit on channel names.
const maxChannelNameLen = 80

// maxNameTries bounds the "-2", "-3"... suffixes tried when a name is taken.
const maxNameTries = 20

// reportChannelKey is the store setting holding the id of the private
// report channel of a Clockify user.
func reportChannelKey(clockifyUserID string) string { return store.ReportChannelKey(clockifyUserID) }

// storeFailure marks a store error met while resolving a conversation, so
// that it ends the run instead of failing one person.
type storeFailure struct{ err error }

func (e *storeFailure) Error() string { return e.err.Error() }
func (e *storeFailure) Unwrap() error { return e.err }

// resolveChannel returns the conversation u's weekly message goes to,
// creating it or bringing its members in step as the delivery mode asks.
func (d *Deliverer) resolveChannel(ctx context.Context, u report.UserReport) (string, error) {
	if d.cfg.Mode == Channel {
		if d.cfg.Channel == "" {
			return "", errors.New("no report channel configured")
		}
		return d.cfg.Channel, nil
	}
	audience := d.audience(u)
	if d.cfg.Mode == PrivateChannel || len(audience) > maxGroupDMUsers {
		return d.privateChannel(ctx, u, audience)
	}
	return d.openDM(ctx, audience)
}

// audience returns the Slack ids who see u's message: the person first,
// then their managers, without duplicates and never the bot.
func (d *Deliverer) audience(u report.UserReport) []string {
	seen := map[string]bool{"": true}
	if d.cfg.BotUserID != "" {
		seen[d.cfg.BotUserID] = true
	}
	ids := []string{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	add(u.SlackUserID)
	for _, m := range u.Managers {
		if m.SlackUserID == "" {
			d.log.Info("manager has no Slack account; not included", "user", u.ClockifyUserID, "manager", m.ClockifyUserID)
			continue
		}
		add(m.SlackUserID)
	}
	return ids
}

// openDM opens the direct message (one user) or group DM (several) with
// users and returns its id.
func (d *Deliverer) openDM(ctx context.Context, users []string) (string, error) {
	var ch *slack.Channel
	err := d.slackCall(ctx, "conversations.open", func() (err error) {
		ch, _, _, err = d.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: users})
		return err
	})
	if err != nil {
		return "", err
	}
	return ch.ID, nil
}

// privateChannel returns u's private report channel, creating it the first
// time, with exactly the audience (and the bot) as members.
func (d *Deliverer) privateChannel(ctx context.Context, u report.UserReport, audience []string) (string, error) {
	key := reportChannelKey(u.ClockifyUserID)
	var id string
	if _, err := d.store.Setting(key, &id); err != nil {
		return "", &storeFailure{fmt.Errorf("read report channel: %w", err)}
	}
	if id != "" {
		members, err := d.channelMembers(ctx, id)
		switch {
		case err == nil:
			return id, d.syncMembers(ctx, id, members, audience)
		case slackui.IsSlackError(err, "channel_not_found"):
			d.log.Warn("report channel gone; creating a new one", "user", u.ClockifyUserID, "channel", id)
		default:
			return "", err
		}
	}
	id, err := d.createChannel(ctx, u.SlackUserID)
	if err != nil {
		return "", err
	}
	if err := d.store.PutSetting(key, id); err != nil {
		return "", &storeFailure{fmt.Errorf("save report channel: %w", err)}
	}
	return id, d.syncMembers(ctx, id, nil, audience)
}

// createChannel creates a private channel named after the person's Slack
// handle, adding "-2", "-3"... while the name is taken.
func (d *Deliverer) createChannel(ctx context.Context, slackUserID string) (string, error) {
	var user *slack.User
	err := d.slackCall(ctx, "users.info", func() (err error) {
		user, err = d.api.GetUserInfoContext(ctx, slackUserID)
		return err
	})
	if err != nil {
		return "", err
	}
	handle := user.Name
	if handle == "" {
		handle = slackUserID
	}
	base := channelName(d.cfg.ChannelPrefix, handle, 1)
	for n := 1; n <= maxNameTries; n++ {
		name := channelName(d.cfg.ChannelPrefix, handle, n)
		var ch *slack.Channel
		err := d.slackCall(ctx, "conversations.create", func() (err error) {
			ch, err = d.api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: name, IsPrivate: true})
			return err
		})
		if err == nil {
			d.log.Info("created report channel", "name", name, "channel", ch.ID)
			return ch.ID, nil
		}
		if !slackui.IsSlackError(err, "name_taken") {
			return "", err
		}
	}
	return "", fmt.Errorf("no free channel name like %s", base)
}

// channelName is prefix+handle as a Slack channel name: lower case, only
// [a-z0-9-_] (anything else becomes "-"), at most 80 characters including
// the "-n" suffix added for n > 1.
func channelName(prefix, handle string, n int) string {
	name := []rune(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, strings.ToLower(prefix+handle)))
	suffix := ""
	if n > 1 {
		suffix = "-" + strconv.Itoa(n)
	}
	if limit := maxChannelNameLen - len(suffix); len(name) > limit {
		name = name[:limit]
	}
	return string(name) + suffix
}

// channelMembers lists the members of channel id.
func (d *Deliverer) channelMembers(ctx context.Context, id string) ([]string, error) {
	params := &slack.GetUsersInConversationParameters{ChannelID: id, Limit: 200}
	var all []string
	for {
		var page []string
		var next string
		err := d.slackCall(ctx, "conversations.members", func() (err error) {
			page, next, err = d.api.GetUsersInConversationContext(ctx, params)
			return err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" {
			return all, nil
		}
		params.Cursor = next
	}
}

// syncMembers invites the audience members missing from channel id and
// removes everyone else but the bot.
func (d *Deliverer) syncMembers(ctx context.Context, id string, members, audience []string) error {
	want := make(map[string]bool, len(audience))
	for _, m := range audience {
		want[m] = true
	}
	have := make(map[string]bool, len(members))
	for _, m := range members {
		have[m] = true
		if want[m] || m == d.cfg.BotUserID {
			continue
		}
		err := d.slackCall(ctx, "conversations.kick", func() error {
			return d.api.KickUserFromConversationContext(ctx, id, m)
		})
		if err != nil && !slackui.IsSlackError(err, "not_in_channel") {
			return err
		}
		d.log.Info("removed from report channel", "channel", id, "slack_user", m)
	}
	var missing []string
	for _, m := range audience {
		if !have[m] {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	err := d.slackCall(ctx, "conversations.invite", func() error {
		_, err := d.api.InviteUsersToConversationContext(ctx, id, missing...)
		return err
	})
	if err != nil && !slackui.IsSlackError(err, "already_in_channel") {
		return err
	}
	return nil
}

// slackCall runs one Slack call and names its method in the error. It
// does not retry: the Slack client's transport (bot/slackhttp) already
// waits out 429s, 5xx and timeouts within its attempts, and a failure that
// outlasts them leaves the person pending for a later run, so one call
// waits at most the transport's attempts times Retry-After.
func (d *Deliverer) slackCall(ctx context.Context, method string, call func() error) error {
	if err := call(); err != nil {
		return fmt.Errorf("slack %s: %w", method, err)
	}
	return nil
}

// step reports a finished step to the crash hook.
func (d *Deliverer) step(name string) error {
	if d.crash == nil {
		return nil
	}
	return d.crash(name)
}
