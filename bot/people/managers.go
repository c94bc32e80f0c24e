package people

import (
	"fmt"
	"sort"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// Directory is a snapshot of who manages whom: the store's users, groups,
// fetched Clockify managers and the admins' overrides, indexed once so that
// a whole report resolves everyone's managers without reading the store
// again.
type Directory struct {
	overrides ManagerOverrides          // set by admins on the Home tab
	users     []store.User              // sorted by email
	managers  map[string]store.Managers // fetched Clockify team managers, by user
	byID      map[string]store.User
	byEmail   map[string]store.User
	groups    map[string]store.Group
	fallback  []string // REPORT_MANAGERS
	store     *store.Store
}

// Users returns every user of the snapshot, sorted by email.
func (d *Directory) Users() []store.User { return d.users }

// Directory loads a snapshot of who manages whom.
func (p *People) Directory() (*Directory, error) {
	d := &Directory{byID: map[string]store.User{}, byEmail: map[string]store.User{}, groups: map[string]store.Group{}, fallback: p.cfg.Managers, store: p.store}
	o, err := LoadManagerOverrides(p.store)
	if err != nil {
		return nil, err
	}
	d.overrides = o
	users, err := p.store.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	d.users = users
	if d.managers, err = p.store.AllManagers(); err != nil {
		return nil, fmt.Errorf("read managers: %w", err)
	}
	for _, u := range users {
		d.byID[u.ID] = u
		d.byEmail[strings.ToLower(u.Email)] = u
	}
	groups, err := p.store.Groups()
	if err != nil {
		return nil, fmt.Errorf("read groups: %w", err)
	}
	for _, g := range groups {
		d.groups[g.ID] = g
	}
	return d, nil
}

// Managers resolves u's managers: an admin's override from the Home tab,
// else their Clockify team managers, else the team managers of their user
// groups, else REPORT_MANAGERS. A user is never their own manager. It is
// the one place overrides are applied.
func (d *Directory) Managers(u store.User) []ManagerRef {
	if refs := overrideRefs(d.store, u.ID, d.overrides[u.ID]); len(refs) > 0 {
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Email < refs[j].Email })
		return refs
	}
	ids := d.managers[u.ID].ManagerIDs
	if len(without(ids, u.ID)) == 0 {
		ids = nil
		for _, gid := range u.GroupIDs {
			ids = append(ids, d.groups[gid].ManagerIDs...)
		}
	}
	refs := []ManagerRef{}
	seen := map[string]bool{u.ID: true}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		ref := ManagerRef{ClockifyUserID: id}
		if mu, ok := d.byID[id]; ok {
			ref.Email = mu.Email
		}
		refs = append(refs, ref)
	}
	if len(refs) == 0 {
		for _, v := range d.fallback {
			v = strings.TrimSpace(v)
			switch {
			case v == "":
			case strings.Contains(v, "@"):
				if strings.EqualFold(v, u.Email) {
					continue
				}
				ref := ManagerRef{Email: strings.ToLower(v)}
				if mu, ok := d.byEmail[strings.ToLower(v)]; ok {
					ref.ClockifyUserID, ref.Email = mu.ID, mu.Email
				}
				refs = append(refs, ref)
			default:
				refs = append(refs, ManagerRef{SlackUserID: v})
			}
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Email < refs[j].Email })
	return refs
}

// without returns ids minus id.
func without(ids []string, id string) []string {
	var out []string
	for _, v := range ids {
		if v != id {
			out = append(out, v)
		}
	}
	return out
}

// ManagerRef is one manager of a user. Managers configured only in Slack
// (REPORT_MANAGERS given as Slack ids) have no Clockify id or email.
type ManagerRef struct {
	ClockifyUserID string `json:"clockifyUserId"`
	Email          string `json:"email"`
	SlackUserID    string `json:"slackUserId"`
}
