package commands

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// Timers starts and stops timers (*timer.Service).
type Timers interface {
	Start(ctx context.Context, origin timer.Origin, slackID string, u store.User, projectID, desc string) (timer.Change, error)
	Stop(ctx context.Context, origin timer.Origin, slackID string, u store.User) (timer.Change, error)
	Book(ctx context.Context, doing string, quick, need time.Duration) (_ context.Context, wait time.Duration, release func(), err error)
}

// People says who a Slack user is, where they are and whom they manage,
// and maps them (*people.People).
type People interface {
	Profile(ctx context.Context, slackID string) (store.SlackUser, error)
	ClockifyUser(ctx context.Context, slackID string) (store.User, error)
	Location(ctx context.Context, slackID string, def *time.Location) *time.Location
	IsAdmin(slackID string) bool
	Admins() []string
	Manages(ctx context.Context, slackID, clockifyUserID string) (bool, error)
	Map(slackID, email string) (store.User, error)
	ManagedBy(ctx context.Context, slackID string) ([]store.User, error)
}

// Weeks evaluates people's weeks with the rules in force (*report.Builder).
type Weeks interface {
	Params() weekly.Params
	Users(users []store.User, w weekly.Week, now time.Time) (map[string]report.UserReport, error)
}
