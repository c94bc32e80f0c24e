package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// resolveSlack fills the Slack ids of flagged users and their managers
// (asking Slack, through the cache) and of everyone else from the cache
// only, so a report of a large workspace does not make thousands of Slack
// calls. It returns the first lookup failure; after one, it stops asking
// Slack, and every flagged person whose own or manager's account was not
// looked up gets SlackPending, so that their message waits instead of going
// out without them or being taken for "no Slack account".
func (r *Builder) resolveSlack(ctx context.Context, rep *Report) error {
	var firstErr error
	// The cache is read once for everyone (a read per person costs a
	// transaction each); accounts this build looks up are added to it.
	cache, err := r.store.SlackUsers()
	if err != nil {
		cache = nil // read per person instead
	}
	cached := func(email string) (string, bool) {
		if cache == nil {
			c, ok, err := r.store.SlackUser(email)
			return c.SlackID, err == nil && ok
		}
		c, ok := cache[strings.ToLower(strings.TrimSpace(email))]
		return c.SlackID, ok
	}
	lookup := func(email string, ask bool) (string, string) {
		if email == "" {
			return "", ""
		}
		if ask && r.dir != nil {
			if firstErr != nil {
				if id, ok := cached(email); ok {
					return id, "" // the directory would answer from its cache too
				}
				return "", fmt.Sprintf("Slack account of %s not looked up yet: an earlier lookup failed (%v)", email, firstErr)
			}
			id, err := r.dir.LookupEmail(ctx, email)
			if err != nil {
				firstErr = err
				return "", fmt.Sprintf("Slack account of %s could not be looked up: %v", email, err)
			}
			if cache != nil {
				cache[strings.ToLower(strings.TrimSpace(email))] = store.SlackUser{Email: email, SlackID: id}
			}
			return id, ""
		}
		if id, ok := cached(email); ok {
			return id, ""
		}
		return "", ""
	}
	for i := range rep.Users {
		u := &rep.Users[i]
		var pending []string
		id, why := lookup(u.Email, u.Flagged)
		u.SlackUserID = id
		if why != "" {
			pending = append(pending, why)
		}
		for j := range u.Managers {
			m := &u.Managers[j]
			if m.SlackUserID == "" {
				id, why := lookup(m.Email, u.Flagged)
				m.SlackUserID = id
				if why != "" {
					pending = append(pending, why)
				}
			}
		}
		u.SlackPending = strings.Join(pending, "; ")
	}
	return firstErr
}
