package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// Metadata event types of the bot's report messages.
const (
	weeklyEvent = "clockbot_weekly_report"
	digestEvent = "clockbot_admin_digest"
)

// WaitReport blocks until the bot has posted the admins' digest of the
// weekly report (the last step of a delivery) and is connected over Socket
// Mode, or ctx is done.
func WaitReport(ctx context.Context, f *Fakes) error {
	if _, err := f.Slack.WaitCall(ctx, "chat.postMessage", func(c slacktest.Call) bool {
		return strings.Contains(c.Params.Get("metadata"), digestEvent)
	}); err != nil {
		return fmt.Errorf("no admins' digest: %w", err)
	}
	if err := f.Slack.WaitConnected(ctx, 1); err != nil {
		return fmt.Errorf("no Socket Mode connection: %w", err)
	}
	return nil
}

// Posted is a message the bot posted, as text.
type Posted struct {
	// To names the conversation: its members other than the bot.
	To, Text string
}

// ReportMessages returns the weekly messages and the admins' digests the
// bot posted, as text, in a stable order.
func ReportMessages(f *Fakes) (weekly, digests []Posted) {
	names := f.Names()
	for ch, msgs := range f.Slack.AllMessages() {
		to := f.members(ch, names)
		for _, m := range msgs {
			p := Posted{To: to, Text: BlocksText(m.Blocks, m.Text, names)}
			switch md := string(m.Metadata); {
			case strings.Contains(md, weeklyEvent):
				weekly = append(weekly, p)
			case strings.Contains(md, digestEvent):
				digests = append(digests, p)
			}
		}
	}
	for _, l := range [][]Posted{weekly, digests} {
		sort.Slice(l, func(i, j int) bool { return l[i].To < l[j].To })
	}
	return weekly, digests
}

// members names the people of a conversation, the bot left out.
func (f *Fakes) members(channel string, names Names) string {
	c, ok := f.Slack.Conversation(channel)
	if !ok {
		return channel
	}
	var out []string
	for _, m := range c.Members {
		if m != f.Slack.BotUserID {
			out = append(out, names(m))
		}
	}
	if c.Kind == slacktest.KindChannel {
		return "#" + c.Name
	}
	return strings.Join(out, ", ")
}

// Names resolves Slack user IDs to the people's names.
func (f *Fakes) Names() Names {
	users := f.Slack.Users()
	return func(id string) string {
		for _, u := range users {
			if u.ID == id {
				if u.RealName != "" {
					return u.RealName
				}
				return u.Name
			}
		}
		return id
	}
}

// AnswerText runs the command line as user in their DM with the bot and
// returns the bot's answers as text.
func (c *Client) AnswerText(ctx context.Context, user, line string) (string, error) {
	it, err := c.Command(ctx, user, "", line)
	if err != nil {
		return "", err
	}
	names := c.f.Names()
	answers, err := c.finalAnswers(ctx, it)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, a := range answers {
		text, _ := a["text"].(string)
		parts = append(parts, BlocksText(a["blocks"], text, names))
	}
	if len(parts) == 0 {
		return "(no answer)\n", nil
	}
	return strings.Join(parts, "\n"), nil
}

// finalAnswers returns it's answers once the last is not the bot's
// "working on it" note: a slow command is answered later through its
// response_url.
func (c *Client) finalAnswers(ctx context.Context, it *Item) ([]map[string]any, error) {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		n := c.f.Slack.Activity()
		answers := c.Answers(it)
		if len(answers) > 0 {
			if text, _ := answers[len(answers)-1]["text"].(string); !strings.HasPrefix(text, ":hourglass") {
				return answers, nil
			}
		}
		if _, err := c.f.Slack.WaitActivity(wctx, n); err != nil {
			return answers, fmt.Errorf("no answer to %s: %w", it.Text, err)
		}
	}
}
