package notices

import (
	"context"
	"time"
)

// Locator gives a Slack user's time zone (*people.People).
type Locator interface {
	Location(ctx context.Context, slackID string, def *time.Location) *time.Location
}
