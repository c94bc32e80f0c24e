package bot

import (
	"context"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/store"
)

// manages reports whether actor is an admin or a manager of the Clockify
// user userID, honouring the admins' overrides: when the user has one,
// only the managers it names (and admins) manage them.
func (h *Home) manages(ctx context.Context, actor, userID string) (bool, error) {
	if h.people.IsAdmin(actor) {
		return true, nil
	}
	o, err := people.LoadManagerOverrides(h.store)
	if err != nil {
		return false, err
	}
	if ids, ok := o[userID]; ok && len(ids) > 0 {
		return slices.Contains(ids, actor), nil
	}
	return h.people.Manages(ctx, actor, userID)
}

// managedBy returns the active users actor manages (everyone for an
// admin), sorted by email, honouring the admins' overrides.
func (h *Home) managedBy(ctx context.Context, actor string) ([]store.User, error) {
	users, err := h.people.ManagedBy(ctx, actor)
	if err != nil || h.people.IsAdmin(actor) {
		return users, err
	}
	o, err := people.LoadManagerOverrides(h.store)
	if err != nil {
		return nil, err
	}
	if len(o) == 0 {
		return users, nil
	}
	var out []store.User
	for _, u := range users {
		if ids, ok := o[u.ID]; !ok || len(ids) == 0 || slices.Contains(ids, actor) {
			out = append(out, u)
		}
	}
	for id, ids := range o {
		if !slices.Contains(ids, actor) || slices.ContainsFunc(out, func(u store.User) bool { return u.ID == id }) {
			continue
		}
		if u, ok, err := h.store.User(id); err == nil && ok && u.Status == "ACTIVE" {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b store.User) int {
		return strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email))
	})
	return out, nil
}
