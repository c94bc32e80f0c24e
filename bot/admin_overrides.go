package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// ManagerOverridesKey is the store setting that holds the managers admins
// set from the App Home (ManagerOverrides).
const ManagerOverridesKey = "manager_overrides"

// ManagerOverrides maps a Clockify user id to the Slack ids of the
// managers an admin set for that user. An override replaces the managers
// found in Clockify (team managers, group managers, REPORT_MANAGERS).
type ManagerOverrides map[string][]string

// LoadManagerOverrides reads the manager overrides; none stored is an
// empty map.
func LoadManagerOverrides(st *store.Store) (ManagerOverrides, error) {
	o := ManagerOverrides{}
	if _, err := st.Setting(ManagerOverridesKey, &o); err != nil {
		return nil, fmt.Errorf("read manager overrides: %w", err)
	}
	if o == nil {
		o = ManagerOverrides{}
	}
	return o, nil
}

// SaveManagerOverrides stores the manager overrides; users with an empty
// list are dropped (their managers come from Clockify again).
func SaveManagerOverrides(st *store.Store, o ManagerOverrides) error {
	clean := ManagerOverrides{}
	for user, ids := range o {
		if len(ids) > 0 {
			clean[user] = ids
		}
	}
	if err := st.PutSetting(ManagerOverridesKey, clean); err != nil {
		return fmt.Errorf("save manager overrides: %w", err)
	}
	return nil
}

// OverrideManagerRefs returns the managers an admin set for a Clockify
// user, as ManagerRefs with the Slack id and, when the Slack user's email
// is cached, the email and Clockify id; ok is false when the user has no
// override. The Reporter's manager resolution should ask it first, so that
// the weekly messages, People.Manages and People.ManagedBy follow the
// overrides.
func OverrideManagerRefs(st *store.Store, clockifyUserID string) (refs []ManagerRef, ok bool, err error) {
	o, err := LoadManagerOverrides(st)
	if err != nil {
		return nil, false, err
	}
	refs = overrideRefs(st, clockifyUserID, o[clockifyUserID])
	return refs, len(refs) > 0, nil
}

// overrideRefs turns the Slack ids an admin named as a user's managers into
// manager references, completed from the Slack cache where it knows them.
func overrideRefs(st *store.Store, clockifyUserID string, ids []string) []ManagerRef {
	refs := make([]ManagerRef, 0, len(ids))
	for _, id := range ids {
		ref := ManagerRef{SlackUserID: id}
		if c, found, err := st.SlackUserByID(id); err == nil && found {
			ref.Email = c.Email
			if u, found, err := st.UserByEmail(c.Email); err == nil && found {
				ref.ClockifyUserID = u.ID
			}
		}
		if ref.ClockifyUserID == clockifyUserID {
			continue // never one's own manager
		}
		refs = append(refs, ref)
	}
	return refs
}

// manages reports whether actor is an admin or a manager of the Clockify
// user userID, honouring the admins' overrides: when the user has one,
// only the managers it names (and admins) manage them.
func (h *Home) manages(ctx context.Context, actor, userID string) (bool, error) {
	if h.people.IsAdmin(actor) {
		return true, nil
	}
	o, err := LoadManagerOverrides(h.store)
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
	o, err := LoadManagerOverrides(h.store)
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
