package actions

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// People says who pressed and whom they manage (*people.People).
type People interface {
	ClockifyUser(ctx context.Context, slackID string) (store.User, error)
	Manages(ctx context.Context, slackID, clockifyUserID string) (bool, error)
	Admins() []string
}

// Reports renders weeks and changes a person's target (*report.Builder).
type Reports interface {
	Build(ctx context.Context, w weekly.Week, now time.Time) (rep report.Report, warn error, err error)
	Params() weekly.Params
	Users(users []store.User, w weekly.Week, now time.Time) (map[string]report.UserReport, error)
	ProjectIndex() (map[string]store.Project, error)
	Settings() (minHours float64, exclude map[string]bool, targets map[string]float64, err error)
	SetPerson(email string, p report.PersonSettings) (string, error)
}

// Syncer re-syncs a week on Refresh (*syncer.Syncer).
type Syncer interface {
	Sync(ctx context.Context, opts syncer.Options) (syncer.Result, error)
}
