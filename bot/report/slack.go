package report

import "context"

// resolveSlack fills the Slack ids of flagged users and their managers
// (asking Slack, through the cache) and of everyone else from the cache
// only, so a report of a large workspace does not make thousands of Slack
// calls. It returns the first lookup failure; after one, it stops asking.
func (r *Builder) resolveSlack(ctx context.Context, rep *Report) error {
	var firstErr error
	lookup := func(email string, ask bool) string {
		if email == "" {
			return ""
		}
		if ask && r.dir != nil && firstErr == nil {
			id, err := r.dir.LookupEmail(ctx, email)
			if err != nil {
				firstErr = err
			}
			return id
		}
		if cached, ok, err := r.store.SlackUser(email); err == nil && ok {
			return cached.SlackID
		}
		return ""
	}
	for i := range rep.Users {
		u := &rep.Users[i]
		u.SlackUserID = lookup(u.Email, u.Flagged)
		for j := range u.Managers {
			m := &u.Managers[j]
			if m.SlackUserID == "" {
				m.SlackUserID = lookup(m.Email, u.Flagged)
			}
		}
	}
	return firstErr
}
