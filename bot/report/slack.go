package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// Resolver fills in the Slack accounts of a report's people one person at
// a time, so that the weekly delivery can look each flagged person up just
// before their message is sent, overlapping the lookups (Tier 3) with the
// conversations and posts of the people before them. A flagged person and
// their managers are looked up through the injected directory (cached in
// the store); anyone else's ids come from the cache only, so a report of a
// large workspace does not make thousands of Slack calls. After the first
// lookup failure it stops asking Slack: every flagged person whose own or
// manager's account was not looked up then gets SlackPending, so that their
// message waits instead of going out without them or being taken for "no
// Slack account". A Resolver is not safe for concurrent use.
type Resolver struct {
	b        *Builder
	cache    map[string]store.SlackUser // nil: read per person
	firstErr error
}

// SlackResolver returns a Resolver that starts from the store's cache of
// Slack accounts, read once for everyone (a read per person costs a
// transaction each); the accounts it looks up are added to it.
func (r *Builder) SlackResolver() *Resolver {
	cache, err := r.store.SlackUsers()
	if err != nil {
		cache = nil // read per person instead
	}
	return &Resolver{b: r, cache: cache}
}

// Err is the first lookup failure, nil when every lookup succeeded.
func (s *Resolver) Err() error { return s.firstErr }

// Resolve fills u's Slack id, their managers' ids and SlackPending: asking
// Slack (through the cache) when u is flagged, from the cache only when
// not.
func (s *Resolver) Resolve(ctx context.Context, u *UserReport) { s.resolve(ctx, u, u.Flagged) }

// Cached fills u's and their managers' Slack ids from the cache only, for
// a flagged person whose message waits anyway: the managers' team digests
// still know them.
func (s *Resolver) Cached(u *UserReport) { s.resolve(context.Background(), u, false) }

func (s *Resolver) resolve(ctx context.Context, u *UserReport, ask bool) {
	var pending []string
	id, why := s.lookup(ctx, u.Email, ask)
	u.SlackUserID = id
	if why != "" {
		pending = append(pending, why)
	}
	for j := range u.Managers {
		m := &u.Managers[j]
		if m.SlackUserID == "" {
			id, why := s.lookup(ctx, m.Email, ask)
			m.SlackUserID = id
			if why != "" {
				pending = append(pending, why)
			}
		}
	}
	u.SlackPending = strings.Join(pending, "; ")
}

// cached is the Slack id the cache holds for email.
func (s *Resolver) cached(email string) (string, bool) {
	if s.cache == nil {
		c, ok, err := s.b.store.SlackUser(email)
		return c.SlackID, err == nil && ok
	}
	c, ok := s.cache[strings.ToLower(strings.TrimSpace(email))]
	return c.SlackID, ok
}

// lookup returns the Slack id of email, asking the directory when ask is
// set, and why it is not known when a lookup failed.
func (s *Resolver) lookup(ctx context.Context, email string, ask bool) (string, string) {
	if email == "" {
		return "", ""
	}
	if !ask || s.b.dir == nil {
		id, _ := s.cached(email)
		return id, ""
	}
	if s.firstErr != nil {
		if id, ok := s.cached(email); ok {
			return id, "" // the directory would answer from its cache too
		}
		return "", fmt.Sprintf("Slack account of %s not looked up yet: an earlier lookup failed (%v)", email, s.firstErr)
	}
	id, err := s.b.dir.LookupEmail(ctx, email)
	if err != nil {
		s.firstErr = err
		return "", fmt.Sprintf("Slack account of %s could not be looked up: %v", email, err)
	}
	if s.cache != nil {
		s.cache[strings.ToLower(strings.TrimSpace(email))] = store.SlackUser{Email: email, SlackID: id}
	}
	return id, ""
}

// ResolveSlack fills the Slack ids of everyone in rep with one Resolver,
// in the report's order, and returns the first lookup failure.
func (r *Builder) ResolveSlack(ctx context.Context, rep *Report) error {
	res := r.SlackResolver()
	for i := range rep.Users {
		res.Resolve(ctx, &rep.Users[i])
	}
	return res.Err()
}
