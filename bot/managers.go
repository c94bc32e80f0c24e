package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// reportDirectory indexes the store's users, groups and projects for one
// report run.
type reportDirectory struct {
	overrides ManagerOverrides          // set by admins on the Home tab
	users     []store.User              // sorted by email
	managers  map[string]store.Managers // fetched Clockify team managers, by user
	byID      map[string]store.User
	byEmail   map[string]store.User
	groups    map[string]store.Group
	projects  map[string]store.Project
}

// directory loads the indexes.
func (r *Reporter) directory() (reportDirectory, error) {
	d := reportDirectory{byID: map[string]store.User{}, byEmail: map[string]store.User{}, groups: map[string]store.Group{}, projects: map[string]store.Project{}}
	o, err := LoadManagerOverrides(r.store)
	if err != nil {
		return d, err
	}
	d.overrides = o
	users, err := r.store.Users()
	if err != nil {
		return d, fmt.Errorf("read users: %w", err)
	}
	d.users = users
	if d.managers, err = r.store.AllManagers(); err != nil {
		return d, fmt.Errorf("read managers: %w", err)
	}
	for _, u := range users {
		d.byID[u.ID] = u
		d.byEmail[strings.ToLower(u.Email)] = u
	}
	groups, err := r.store.Groups()
	if err != nil {
		return d, fmt.Errorf("read groups: %w", err)
	}
	for _, g := range groups {
		d.groups[g.ID] = g
	}
	projects, err := r.store.Projects()
	if err != nil {
		return d, fmt.Errorf("read projects: %w", err)
	}
	for _, p := range projects {
		d.projects[p.ID] = p
	}
	return d, nil
}

// managers resolves u's managers: an admin's override from the Home tab,
// else their Clockify team managers, else the team managers of their user
// groups, else REPORT_MANAGERS. A user is never their own manager.
func (r *Reporter) managers(u store.User, d reportDirectory) ([]ManagerRef, error) {
	if refs := overrideRefs(r.store, u.ID, d.overrides[u.ID]); len(refs) > 0 {
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].Email < refs[j].Email })
		return refs, nil
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
		for _, v := range r.cfg.Managers {
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
	return refs, nil
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

// resolveSlack fills the Slack ids of flagged users and their managers
// (asking Slack, through the cache) and of everyone else from the cache
// only, so a report of a large workspace does not make thousands of Slack
// calls. It returns the first lookup failure; after one, it stops asking
// Slack, and every flagged person whose own or manager's account was not
// looked up gets SlackPending, so that their message waits instead of going
// out without them or being taken for "no Slack account".
func (r *Reporter) resolveSlack(ctx context.Context, rep *Report) error {
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
