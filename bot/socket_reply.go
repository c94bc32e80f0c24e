package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/slack-go/slack"
)

// What the runtime itself says.
const (
	workingText      = ":hourglass_flowing_sand: Working on it…"
	apologyText      = "Sorry, that went wrong on my side. The team has been told."
	restartingText   = ":arrows_counterclockwise: I'm restarting right now. Please try again in a minute."
	stillWorkingText = ":hourglass_flowing_sand: Still working on it… You can close this window; the result will show up shortly."
	noticeTitle      = "Clockbot"
)

// PublicError is an error a handler returns when its cause may be shown
// to the user as it is: the runtime answers "Sorry, something went wrong:
// <Public>." and logs Err.
type PublicError struct {
	Public string // a short, safe sentence fragment, such as "Clockify is down"
	Err    error
}

// Error returns the public text and the cause.
func (e *PublicError) Error() string {
	if e.Err == nil {
		return e.Public
	}
	return e.Public + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *PublicError) Unwrap() error { return e.Err }

// slashAnswer turns what a slash handler returned into the answer: the
// message (ephemeral unless it says otherwise), or a friendly sentence for
// an error, which is logged.
func slashAnswer(msg slack.Msg, err error, log *slog.Logger) slack.Msg {
	switch {
	case errors.Is(err, errHandlerPanic):
		return slack.Msg{Text: apologyText}
	case err != nil:
		log.Error("command failed", "err", err)
		return slack.Msg{Text: failureText(err)}
	}
	return msg
}

// failureText is the friendly sentence for an error.
func failureText(err error) string {
	return "Sorry, something went wrong: " + safeReason(err) + "."
}

// retryWhen says when a request Clockify refused with 429 may succeed: "in
// a minute", or the Retry-After in minutes when Clockify's hourly limit
// (the Free plan's 30 requests) is spent.
func retryWhen(err error) string {
	var rl *clockify.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter <= time.Minute {
		return "in a minute"
	}
	mins := int((rl.RetryAfter + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("in %d minutes (this Clockify workspace's hourly request limit is used up)", mins)
}

// safeReason names the cause of err in words that carry no secret and no
// raw error text.
func safeReason(err error) string {
	var pub *PublicError
	var rl *clockify.RateLimitError
	var ce *clockify.Error
	var srl *slack.RateLimitedError
	var se slack.SlackErrorResponse
	var ne net.Error
	switch {
	case errors.As(err, &pub):
		return escapeMrkdwn(pub.Public)
	case errors.Is(err, context.DeadlineExceeded):
		return "that took too long. Please try again in a minute"
	case errors.Is(err, context.Canceled):
		return "I was interrupted, probably by a restart. Please try again in a minute"
	case errors.Is(err, ErrUnmapped):
		return "I can't find a Clockify account with your Slack email"
	case errors.As(err, &rl):
		return "Clockify is busy right now. Please try again " + retryWhen(err)
	case errors.As(err, &ce):
		switch {
		case ce.StatusCode == 401 || ce.StatusCode == 403:
			return "Clockify refused the bot's access. Please tell an admin"
		case ce.StatusCode >= 500:
			return fmt.Sprintf("Clockify is having trouble (HTTP %d). Please try again later", ce.StatusCode)
		}
		return fmt.Sprintf("Clockify refused the request (HTTP %d)", ce.StatusCode)
	case errors.As(err, &srl):
		return "Slack is asking me to slow down. Please try again in a minute"
	case errors.As(err, &se):
		return "Slack refused a request (" + escapeMrkdwn(se.Err) + ")"
	case errors.As(err, &ne):
		return "a service I depend on did not answer. Please try again in a minute"
	}
	return "an unexpected error. It has been logged"
}

// unknownCommandText answers a slash command no handler is registered for.
func unknownCommandText(command string) string {
	return "Sorry, I don't know the command " + escapeMrkdwn(strings.TrimSpace(command)) + ". Try `/tt help`."
}

// ephemeralPayload is a slash command acknowledgement showing text to the
// user only.
func ephemeralPayload(text string) map[string]any {
	return map[string]any{"response_type": slack.ResponseTypeEphemeral, "text": text}
}

// msgPayload is the acknowledgement carrying a slash command's answer;
// nil (an empty acknowledgement) when the answer is empty.
func msgPayload(msg slack.Msg) any {
	if msg.Text == "" && len(msg.Blocks.BlockSet) == 0 && len(msg.Attachments) == 0 {
		return nil
	}
	p := map[string]any{"response_type": responseType(msg)}
	if msg.Text != "" {
		p["text"] = msg.Text
	}
	if len(msg.Blocks.BlockSet) > 0 {
		p["blocks"] = msg.Blocks.BlockSet
	}
	if len(msg.Attachments) > 0 {
		p["attachments"] = msg.Attachments
	}
	return p
}

// webhookMessage is msg as a response_url post that adds a message
// (ephemeral unless msg says otherwise) instead of replacing one.
func webhookMessage(msg slack.Msg) *slack.WebhookMessage {
	w := &slack.WebhookMessage{
		Text:            msg.Text,
		Attachments:     msg.Attachments,
		ResponseType:    responseType(msg),
		ReplaceOriginal: msg.ReplaceOriginal,
		DeleteOriginal:  msg.DeleteOriginal,
	}
	if len(msg.Blocks.BlockSet) > 0 {
		blocks := msg.Blocks
		w.Blocks = &blocks
	}
	return w
}

// responseType is the message's response type, ephemeral by default.
func responseType(msg slack.Msg) string {
	if msg.ResponseType == "" {
		return slack.ResponseTypeEphemeral
	}
	return msg.ResponseType
}

// noticeModal is a view submission response that turns the modal into a
// notice showing text.
func noticeModal(text string) *slack.ViewSubmissionResponse {
	return slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type:  slack.VTModal,
		Title: slack.NewTextBlockObject(slack.PlainTextType, noticeTitle, false, false),
		Close: slack.NewTextBlockObject(slack.PlainTextType, "Close", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil),
		}},
	})
}

// emptyOptions answers a block_suggestion with no options.
func emptyOptions() map[string]any {
	return map[string]any{"options": []any{}}
}
