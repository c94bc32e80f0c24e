package report

import (
	"context"
	"fmt"
	"strings"
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
	lookup := func(email string, ask bool) (string, string) {
		if email == "" {
			return "", ""
		}
		if ask && r.dir != nil {
			if firstErr != nil {
				if cached, ok, err := r.store.SlackUser(email); err == nil && ok {
					return cached.SlackID, "" // the directory would answer from its cache too
				}
				return "", fmt.Sprintf("Slack account of %s not looked up yet: an earlier lookup failed (%v)", email, firstErr)
			}
			id, err := r.dir.LookupEmail(ctx, email)
			if err != nil {
				firstErr = err
				return "", fmt.Sprintf("Slack account of %s could not be looked up: %v", email, err)
			}
			return id, ""
		}
		if cached, ok, err := r.store.SlackUser(email); err == nil && ok {
			return cached.SlackID, ""
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
