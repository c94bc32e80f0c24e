package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// slackLookupTTL is how long a cached Slack profile, or Slack's answer
// that an email has no account, is trusted before Slack is asked again.
const slackLookupTTL = 24 * time.Hour

// slackAccountTTL is how long the Slack account found for an email is
// trusted: a person keeps their Slack id, so a weekly report of thousands
// of people does not look everyone up again every week (users.lookupByEmail
// is Tier 3, 50 a minute).
const slackAccountTTL = 30 * 24 * time.Hour

// SlackUsersAPI is the part of the Slack API that maps emails to users.
type SlackUsersAPI interface {
	GetUserByEmailContext(ctx context.Context, email string) (*slack.User, error)
}

// EmailDirectory maps emails to Slack users with users.lookupByEmail,
// caching answers in the store (an account for slackAccountTTL, "no such
// user" for slackLookupTTL). Mappings set by an
// admin are never replaced by a lookup.
type EmailDirectory struct {
	api   SlackUsersAPI
	store *store.Store
	now   clock.Clock
}

// NewEmailDirectory returns a directory. now may be nil for time.Now.
func NewEmailDirectory(api SlackUsersAPI, st *store.Store, now clock.Clock) *EmailDirectory {
	return &EmailDirectory{api: api, store: st, now: clock.Or(now)}
}

// LookupEmail returns the Slack id of email, or "" when Slack has no user
// with that email.
func (d *EmailDirectory) LookupEmail(ctx context.Context, email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	cached, ok, err := d.store.SlackUser(email)
	if err != nil {
		return "", fmt.Errorf("read slack user cache: %w", err)
	}
	now := d.now()
	ttl := slackLookupTTL
	if cached.SlackID != "" {
		ttl = slackAccountTTL
	}
	if ok && (cached.Manual || now.Sub(cached.LookedUpAt) < ttl) {
		return cached.SlackID, nil
	}
	u, err := d.api.GetUserByEmailContext(ctx, email)
	entry := store.SlackUser{Email: email, LookedUpAt: now}
	switch {
	case err == nil:
		entry.SlackID, entry.TimeZone = u.ID, u.TZ
	case slackui.IsSlackError(err, "users_not_found"):
		// Cached as "no account" so the next report does not ask again today.
	default:
		if ok {
			return cached.SlackID, nil // stale beats nothing while Slack is down
		}
		return "", fmt.Errorf("slack users.lookupByEmail: %w", err)
	}
	if err := d.store.PutSlackUser(entry); err != nil {
		return "", fmt.Errorf("cache slack user: %w", err)
	}
	return entry.SlackID, nil
}
