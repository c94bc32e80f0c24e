package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// Client acts as the Slack client of the demo's people: it sends what they
// type and click to the bot through the fake Slack's Socket Mode, as
// Slack's own envelopes, and remembers each person's commands so that the
// page can show the answers under them.
type Client struct {
	f *Fakes
	// ackWait bounds the wait for the bot's acknowledgement; quiet is how
	// long the fake must see nothing new before an action counts as done.
	ackWait, quiet, settleMax time.Duration

	mu    sync.Mutex
	items map[string][]*Item // by user + "/" + channel
	errs  map[string]map[string]string
}

// Item is a command a person typed, or a click on an ephemeral answer, and
// what the bot answered to it.
type Item struct {
	User, Channel, Text string
	At                  time.Time
	EnvelopeID          string
	responses           []int
}

// NewClient returns a client for the fakes.
func NewClient(f *Fakes) *Client {
	return &Client{
		f: f, ackWait: 10 * time.Second, quiet: 300 * time.Millisecond, settleMax: 8 * time.Second,
		items: map[string][]*Item{}, errs: map[string]map[string]string{},
	}
}

// ErrNotConnected means the bot has no Socket Mode connection (yet).
var ErrNotConnected = errors.New("the bot is not connected to the fake Slack")

// send pushes env, waits for the bot's acknowledgement and for the bot to
// finish what it does after it (views, posts, updates), and returns the ack.
func (c *Client) send(ctx context.Context, env slacktest.Envelope) (slacktest.Ack, error) {
	return c.sendRecorded(ctx, env, nil)
}

// settle waits until the fake Slack has seen nothing new for c.quiet, at
// most c.settleMax: the bot's work after an acknowledgement is
// asynchronous, and a person looks at the screen once it is done.
func (c *Client) settle(ctx context.Context) {
	deadline := time.Now().Add(c.settleMax)
	for time.Now().Before(deadline) {
		n := c.f.Slack.Activity()
		wctx, cancel := context.WithTimeout(ctx, c.quiet)
		_, err := c.f.Slack.WaitActivity(wctx, n)
		cancel()
		if err != nil {
			return
		}
	}
}

// Command sends the slash command line ("/tt status") typed by user in
// channel (the user's DM with the bot when empty).
func (c *Client) Command(ctx context.Context, user, channel, line string) (*Item, error) {
	line = strings.TrimSpace(line)
	cmd, text, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(cmd, "/") {
		return nil, fmt.Errorf("type a slash command such as /tt status, not %q", line)
	}
	url, n := c.f.Slack.NewResponseURL()
	env := slacktest.SlashCommand(cmd, strings.TrimSpace(text), user).With("response_url", url)
	if channel != "" {
		env = env.With("channel_id", channel)
	}
	it := &Item{User: user, Channel: channel, Text: line, At: time.Now(), responses: []int{n}}
	_, err := c.sendRecorded(ctx, env, it)
	return it, err
}

// sendRecorded is send that files the envelope under it (when not nil),
// in its user's conversation, so that the page shows the answers there.
func (c *Client) sendRecorded(ctx context.Context, env slacktest.Envelope, it *Item) (slacktest.Ack, error) {
	id, err := c.f.Slack.Send(env)
	if errors.Is(err, slacktest.ErrNotConnected) {
		return slacktest.Ack{}, ErrNotConnected
	}
	if err != nil {
		return slacktest.Ack{}, err
	}
	if it != nil {
		it.EnvelopeID = id
		if it.Channel == "" {
			it.Channel = c.dm(it.User) // Send opened it when needed
		}
		c.mu.Lock()
		key := it.User + "/" + it.Channel
		c.items[key] = append(c.items[key], it)
		c.mu.Unlock()
	}
	wctx, cancel := context.WithTimeout(ctx, c.ackWait)
	defer cancel()
	ack, err := c.f.Slack.WaitAck(wctx, id)
	if err != nil {
		return ack, fmt.Errorf("the bot did not acknowledge: %w", err)
	}
	c.settle(ctx)
	return ack, nil
}

// dm returns the ID of user's DM with the bot, "" before it exists.
func (c *Client) dm(user string) string {
	for _, cv := range c.f.Slack.Conversations(user) {
		if cv.Kind == slacktest.KindIM && cv.User == user {
			return cv.ID
		}
	}
	return ""
}

// Items returns user's commands in channel, oldest first.
func (c *Client) Items(user, channel string) []*Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*Item(nil), c.items[user+"/"+channel]...)
}

// Answers returns what the bot answered to it: the acknowledgement's
// message, then each post to its response_urls (one that replaces the
// original replaces the earlier answers), as message JSON objects.
func (c *Client) Answers(it *Item) []map[string]any {
	var out []map[string]any
	for _, a := range c.f.Slack.Acks() {
		if a.EnvelopeID != it.EnvelopeID || len(a.Payload) == 0 {
			continue
		}
		var m map[string]any
		if json.Unmarshal(a.Payload, &m) == nil && (m["text"] != nil || m["blocks"] != nil) {
			out = append(out, m)
		}
		break
	}
	c.mu.Lock()
	resp := append([]int(nil), it.responses...)
	c.mu.Unlock()
	for _, p := range c.f.Slack.ResponseURLPosts() {
		if !containsInt(resp, p.N) || p.JSON == nil {
			continue
		}
		switch {
		case p.JSON["delete_original"] == true:
			out = nil
			continue
		case p.JSON["replace_original"] == true:
			out = nil
		}
		out = append(out, p.JSON)
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// OpenHome sends app_home_opened for user, as Slack does when they open
// the bot's Home tab.
func (c *Client) OpenHome(ctx context.Context, user string) error {
	_, err := c.send(ctx, slacktest.AppHomeOpened(user))
	return err
}

// Click is a press on a button or a choice in a select.
type Click struct {
	User string
	// Where is "home", "modal" or "message".
	Where string
	// Channel and TS locate a message; Ephemeral marks an ephemeral one,
	// Item the command it answered (ephemeral answers only).
	Channel, TS string
	Ephemeral   bool
	Item        *Item
	// Type is the element type: "button" (the default) or "static_select".
	Type, ActionID, BlockID, Value, OptionText string
}

// Press sends the block_actions interaction of k.
func (c *Client) Press(ctx context.Context, k Click) error {
	action := map[string]any{"type": "button", "action_id": k.ActionID, "block_id": k.BlockID, "value": k.Value}
	if k.Type == "static_select" {
		action = map[string]any{"type": "static_select", "action_id": k.ActionID, "block_id": k.BlockID,
			"selected_option": map[string]any{"text": map[string]any{"type": "plain_text", "text": k.OptionText}, "value": k.Value}}
	}
	env := slacktest.BlockAction(k.User, k.ActionID, k.Value).With("actions", []any{action})
	if k.Where != "message" {
		_, err := c.send(ctx, env)
		return err
	}
	url, n := c.f.Slack.NewResponseURL()
	env = env.With("response_url", url).
		With("container", map[string]any{"type": "message", "channel_id": k.Channel, "message_ts": k.TS, "is_ephemeral": k.Ephemeral}).
		With("channel", map[string]any{"id": k.Channel})
	if msg, ok := c.message(k.Channel, k.TS); ok && !k.Ephemeral {
		env = env.With("message", msg)
	}
	it := k.Item
	if it == nil {
		it = &Item{User: k.User, Channel: k.Channel, At: time.Now()}
	}
	c.mu.Lock()
	it.responses = append(it.responses, n)
	c.mu.Unlock()
	if k.Item != nil {
		_, err := c.send(ctx, env)
		return err
	}
	_, err := c.sendRecorded(ctx, env, it)
	return err
}

// message returns the posted message at channel/ts as Slack sends it in
// interactions.
func (c *Client) message(channel, ts string) (map[string]any, bool) {
	for _, m := range c.f.Slack.Messages(channel) {
		if m.TS != ts {
			continue
		}
		out := map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "user": m.User}
		if m.Blocks != nil {
			var b any
			if json.Unmarshal(m.Blocks, &b) == nil {
				out["blocks"] = b
			}
		}
		return out, true
	}
	return nil, false
}

// Submit sends the view_submission of user's top modal with the values,
// keyed by block ID then action ID. When the bot answers with errors the
// modal stays open and ModalErrors returns them; otherwise it closes.
func (c *Client) Submit(ctx context.Context, user string, values map[string]map[string]any) error {
	_, raw, ok := c.f.Slack.ModalView(user)
	if !ok {
		return errors.New("no modal is open")
	}
	var view struct {
		CallbackID      string `json:"callback_id"`
		PrivateMetadata string `json:"private_metadata"`
	}
	_ = json.Unmarshal(raw, &view)
	ack, err := c.send(ctx, slacktest.ViewSubmission(user, view.CallbackID, values, view.PrivateMetadata))
	if err != nil {
		return err
	}
	var resp struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
	}
	_ = json.Unmarshal(ack.Payload, &resp)
	c.mu.Lock()
	defer c.mu.Unlock()
	if resp.Action == "errors" {
		c.errs[user] = resp.Errors
		return nil
	}
	delete(c.errs, user)
	c.f.Slack.CloseModal(user, resp.Action == "clear")
	return nil
}

// CloseModal closes user's top modal, as its Cancel button does.
func (c *Client) CloseModal(user string) {
	c.mu.Lock()
	delete(c.errs, user)
	c.mu.Unlock()
	c.f.Slack.CloseModal(user, false)
}

// ModalErrors returns the errors the bot gave for user's last submission,
// by block ID.
func (c *Client) ModalErrors(user string) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.errs[user]
}
