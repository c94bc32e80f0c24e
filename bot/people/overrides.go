package people

import (
	"fmt"

	"github.com/clockbot/clockbot/store"
)

// ManagerOverrides maps a Clockify user id to the Slack ids of the
// managers an admin set for that user. An override replaces the managers
// found in Clockify (team managers, group managers, REPORT_MANAGERS).
type ManagerOverrides map[string][]string

// LoadManagerOverrides reads the manager overrides; none stored is an
// empty map.
func LoadManagerOverrides(st *store.Store) (ManagerOverrides, error) {
	o := ManagerOverrides{}
	if _, err := st.Setting(store.ManagerOverridesKey(), &o); err != nil {
		return nil, fmt.Errorf("read manager overrides: %w", err)
	}
	if o == nil {
		o = ManagerOverrides{}
	}
	return o, nil
}

// SetManagers sets the managers an admin chose for a Clockify user (none:
// their managers come from Clockify again), in one store transaction so
// that concurrent edits of different people never lose each other.
func (p *People) SetManagers(clockifyUserID string, slackIDs []string) error {
	o := ManagerOverrides{}
	err := p.store.UpdateSetting(store.ManagerOverridesKey(), &o, func(bool) (bool, error) {
		if o == nil {
			o = ManagerOverrides{}
		}
		if len(slackIDs) == 0 {
			delete(o, clockifyUserID)
		} else {
			o[clockifyUserID] = slackIDs
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("save manager overrides: %w", err)
	}
	return nil
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
	if err := st.PutSetting(store.ManagerOverridesKey(), clean); err != nil {
		return fmt.Errorf("save manager overrides: %w", err)
	}
	return nil
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
