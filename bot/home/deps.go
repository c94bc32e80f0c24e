package home

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
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

// People says who the viewer is, where, and whom they manage; admins set
// managers through it (*people.People).
type People interface {
	Profile(ctx context.Context, slackID string) (store.SlackUser, error)
	ClockifyUser(ctx context.Context, slackID string) (store.User, error)
	Location(ctx context.Context, slackID string, def *time.Location) *time.Location
	IsAdmin(slackID string) bool
	ManagedBy(ctx context.Context, slackID string) ([]store.User, error)
	SetManagers(clockifyUserID string, slackIDs []string) error
}

// Reports evaluates weeks and reads and edits the report settings
// (*report.Builder).
type Reports interface {
	Params() weekly.Params
	Users(users []store.User, w weekly.Week, now time.Time) (map[string]report.UserReport, error)
	Trends(users []store.User, last weekly.Week, n int, now time.Time) (map[string][]report.TrendWeek, error)
	Settings() (minHours float64, exclude map[string]bool, targets map[string]float64, err error)
	EditSettings(fn func(f *report.InForce)) (before, after report.InForce, err error)
	SetPerson(email string, p report.PersonSettings) (string, error)
	Build(ctx context.Context, w weekly.Week, now time.Time) (rep report.Report, warn error, err error)
}

// Runner builds a fresh report for the admins' preview
// (*delivery.WeeklyRunner).
type Runner interface {
	FreshReport(ctx context.Context, w weekly.Week) (rep report.Report, warn error, err error)
}

// Syncer syncs on an admin's "Sync now" (*syncer.Syncer).
type Syncer interface {
	Sync(ctx context.Context, opts syncer.Options) (syncer.Result, error)
}
