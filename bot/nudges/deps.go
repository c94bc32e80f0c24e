package nudges

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// SlackAPI is the part of the Slack Web API the nudges use.
// *slack.Client implements it.
type SlackAPI interface {
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	OpenViewContext(ctx context.Context, triggerID string, view slack.ModalViewRequest) (*slack.ViewResponse, error)
}

// Weeks evaluates people's weeks with the rules in force
// (*report.Builder): the one evaluation the report uses.
type Weeks interface {
	Params() weekly.Params
	Users(users []store.User, w weekly.Week, now time.Time) (map[string]report.UserReport, error)
	Location(u store.User) *time.Location
}

// People maps a Slack user to their Clockify account (*people.People).
type People interface {
	ClockifyUser(ctx context.Context, slackID string) (store.User, error)
	IsAdmin(slackID string) bool
}

// Timers logs time after the fact (*timer.Service).
type Timers interface {
	Log(ctx context.Context, origin timer.Origin, slackID string, u store.User, start, end time.Time, projectID, desc string) (store.Entry, error)
}
