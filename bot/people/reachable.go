package people

import (
	"context"
	"fmt"

	"github.com/clockbot/clockbot/store"
)

// ReachableStore is the part of the store ForEachReachable reads.
type ReachableStore interface {
	Users() ([]store.User, error)
	SlackUser(email string) (store.SlackUser, bool, error)
}

// ForEachReachable calls fn for every active Clockify user whose Slack
// account the bot already knows (looked up before, by email): the people a
// scheduled DM can reach without asking Slack. A store failure for one user
// and fn's errors are collected in problems and the walk goes on; err is
// set only when the users cannot be read or ctx ends.
func ForEachReachable(ctx context.Context, st ReachableStore, fn func(u store.User, su store.SlackUser) error) (problems []error, err error) {
	users, err := st.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	for _, u := range users {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		if u.Status != "ACTIVE" || u.Email == "" {
			continue
		}
		su, ok, err := st.SlackUser(u.Email)
		if err != nil {
			problems = append(problems, fmt.Errorf("slack account of %s: %w", u.ID, err))
			continue
		}
		if !ok || su.SlackID == "" {
			continue
		}
		if err := fn(u, su); err != nil {
			problems = append(problems, err)
		}
	}
	return problems, nil
}
