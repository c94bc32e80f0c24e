package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// SlackUserInfoAPI reads Slack profiles (users.info, scope users:read.email).
type SlackUserInfoAPI interface {
	GetUserInfoContext(ctx context.Context, user string, options ...slack.GetUserInfoOption) (*slack.User, error)
}

// ErrUnmapped is returned when a Slack user has no Clockify account.
var ErrUnmapped = fmt.Errorf("no Clockify account for this Slack user")

// People maps Slack users to Clockify users by email (users.info, cached in
// the store and refreshed daily; admins may override a mapping), and
// answers who is an admin and who manages whom.
type People struct {
	api    SlackUserInfoAPI
	store  *store.Store
	cfg    Config
	admins map[string]bool
	now    clock.Clock
}

// Config says who the admins are and who manages people Clockify names no
// manager for.
type Config struct {
	// Admins are the Slack ids of REPORT_ADMINS.
	Admins []string
	// Managers is REPORT_MANAGERS (Slack ids or emails): the managers of
	// last resort.
	Managers []string
}

// New returns People. api may be nil when only the directory is needed
// (no profile look-ups); now may be nil for time.Now.
func New(api SlackUserInfoAPI, st *store.Store, cfg Config, now clock.Clock) *People {
	m := make(map[string]bool, len(cfg.Admins))
	for _, a := range cfg.Admins {
		m[a] = true
	}
	return &People{api: api, store: st, cfg: cfg, admins: m, now: clock.Or(now)}
}

// IsAdmin reports whether a Slack user is one of REPORT_ADMINS.
func (p *People) IsAdmin(slackID string) bool { return p.admins[slackID] }

// Admins returns the admins' Slack ids.
func (p *People) Admins() []string {
	out := make([]string, 0, len(p.admins))
	for id := range p.admins {
		out = append(out, id)
	}
	return out
}

// Profile returns the cached Slack profile of slackID (email and time
// zone), asking Slack when the cache is missing or older than a day.
func (p *People) Profile(ctx context.Context, slackID string) (store.SlackUser, error) {
	cached, ok, err := p.store.SlackUserByID(slackID)
	if err != nil {
		return cached, fmt.Errorf("read slack user: %w", err)
	}
	if ok && (cached.Manual || p.now().Sub(cached.LookedUpAt) < slackLookupTTL) {
		return cached, nil
	}
	u, err := p.api.GetUserInfoContext(ctx, slackID)
	if err != nil {
		if ok {
			return cached, nil // stale beats nothing while Slack is down
		}
		return store.SlackUser{}, fmt.Errorf("slack users.info: %w", err)
	}
	entry := store.SlackUser{Email: strings.ToLower(u.Profile.Email), SlackID: u.ID, TimeZone: u.TZ, LookedUpAt: p.now()}
	if entry.Email == "" {
		return entry, nil // bots, or a token without users:read.email
	}
	if err := p.store.PutSlackUser(entry); err != nil {
		return entry, fmt.Errorf("cache slack user: %w", err)
	}
	return entry, nil
}

// ClockifyUser returns the Clockify user of a Slack user, or ErrUnmapped.
func (p *People) ClockifyUser(ctx context.Context, slackID string) (store.User, error) {
	prof, err := p.Profile(ctx, slackID)
	if err != nil {
		return store.User{}, err
	}
	if prof.Email == "" {
		return store.User{}, ErrUnmapped
	}
	u, ok, err := p.store.UserByEmail(prof.Email)
	if err != nil {
		return store.User{}, fmt.Errorf("read user: %w", err)
	}
	if !ok {
		return store.User{}, ErrUnmapped
	}
	return u, nil
}

// Location returns the time zone of a Slack user: their Clockify zone when
// mapped, else their Slack zone, else def.
func (p *People) Location(ctx context.Context, slackID string, def *time.Location) *time.Location {
	if u, err := p.ClockifyUser(ctx, slackID); err == nil && u.TimeZone != "" {
		if loc, err := time.LoadLocation(u.TimeZone); err == nil {
			return loc
		}
	}
	if prof, err := p.Profile(ctx, slackID); err == nil && prof.TimeZone != "" {
		if loc, err := time.LoadLocation(prof.TimeZone); err == nil {
			return loc
		}
	}
	return def
}

// Map sets a manual mapping of a Slack user to a Clockify email (the
// `/tt admin map` command). It replaces what lookups found.
func (p *People) Map(slackID, email string) (store.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	u, ok, err := p.store.UserByEmail(email)
	if err != nil {
		return store.User{}, fmt.Errorf("read user: %w", err)
	}
	if !ok {
		return store.User{}, fmt.Errorf("no Clockify user has the email %s", email)
	}
	prev, _, _ := p.store.SlackUserByID(slackID)
	entry := store.SlackUser{Email: email, SlackID: slackID, TimeZone: prev.TimeZone, LookedUpAt: p.now(), Manual: true}
	if err := p.store.PutSlackUser(entry); err != nil {
		return store.User{}, fmt.Errorf("save mapping: %w", err)
	}
	return u, nil
}

// managerRefs resolves a Clockify user's managers as the weekly report does.
func (p *People) managerRefs(clockifyUserID string) ([]ManagerRef, error) {
	u, ok, err := p.store.User(clockifyUserID)
	if err != nil || !ok {
		return nil, err
	}
	d, err := p.Directory()
	if err != nil {
		return nil, err
	}
	return d.Managers(u), nil
}

// ManagerSlackIDs returns the Slack ids of a Clockify user's managers that
// are known (given as Slack ids or cached from a lookup by email).
func (p *People) ManagerSlackIDs(ctx context.Context, clockifyUserID string) ([]string, error) {
	refs, err := p.managerRefs(clockifyUserID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, m := range refs {
		id := m.SlackUserID
		if id == "" && m.Email != "" {
			if c, ok, err := p.store.SlackUser(m.Email); err == nil && ok {
				id = c.SlackID
			}
		}
		if id != "" {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// Manages reports whether slackID may act for clockifyUserID: an admin or
// one of that user's managers (matched by Slack id or by email).
func (p *People) Manages(ctx context.Context, slackID, clockifyUserID string) (bool, error) {
	if p.IsAdmin(slackID) {
		return true, nil
	}
	refs, err := p.managerRefs(clockifyUserID)
	if err != nil {
		return false, err
	}
	var email string
	if prof, err := p.Profile(ctx, slackID); err == nil {
		email = prof.Email
	}
	for _, m := range refs {
		if m.SlackUserID == slackID || (email != "" && strings.EqualFold(m.Email, email)) {
			return true, nil
		}
	}
	return false, nil
}

// ManagedBy returns the active Clockify users whom slackID manages
// (everyone for an admin), sorted by email.
func (p *People) ManagedBy(ctx context.Context, slackID string) ([]store.User, error) {
	d, err := p.Directory()
	if err != nil {
		return nil, err
	}
	var email string
	if prof, err := p.Profile(ctx, slackID); err == nil {
		email = prof.Email
	}
	users, err := p.store.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	admin := p.IsAdmin(slackID)
	var out []store.User
	for _, u := range users {
		if u.Status != "ACTIVE" {
			continue
		}
		if admin {
			out = append(out, u)
			continue
		}
		for _, m := range d.Managers(u) {
			if m.SlackUserID == slackID || (email != "" && strings.EqualFold(m.Email, email)) {
				out = append(out, u)
				break
			}
		}
	}
	return out, nil
}
