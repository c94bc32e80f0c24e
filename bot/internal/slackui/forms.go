package slackui

import (
	"context"
	"time"

	"github.com/slack-go/slack"
)

// InputValue is the action_id of every single-input block of a modal.
const InputValue = "value"

// FormState returns the state of the input actionID of block in a view
// submission (the zero BlockAction when absent).
func FormState(cb slack.InteractionCallback, block, actionID string) slack.BlockAction {
	if cb.View.State == nil {
		return slack.BlockAction{}
	}
	return cb.View.State.Values[block][actionID]
}

// FormInput returns the state of the InputValue input of block.
func FormInput(cb slack.InteractionCallback, block string) slack.BlockAction {
	return FormState(cb, block, InputValue)
}

// FormError is a view submission answer that shows msg under block.
func FormError(block, msg string) *slack.ViewSubmissionResponse {
	return slack.NewErrorsViewSubmissionResponse(map[string]string{block: TruncateRunes(msg, 150)})
}

// MentionOrSomeone is a user mention, or "someone" when id is not a user
// id.
func MentionOrSomeone(id string) string {
	if m := Mention(id); m != "" {
		return m
	}
	return "someone"
}

// At formats an instant as "Mon 10:14" in loc (UTC when nil).
func At(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Mon 15:04")
}

// Teller is the part of the Slack API Tell uses.
type Teller interface {
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
}

// Tell shows text to user: ephemeral in channel when possible, else in a
// direct message.
func Tell(ctx context.Context, api Teller, channel, user, text string) error {
	opt := slack.MsgOptionText(text, false)
	if channel != "" {
		if _, err := api.PostEphemeralContext(ctx, channel, user, opt); err == nil {
			return nil
		}
	}
	_, _, err := api.PostMessageContext(ctx, user, opt)
	return err
}
