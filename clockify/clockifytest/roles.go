package clockifytest

import "slices"

// managedBy returns, per team manager, the sorted ids of the users they
// manage: the inverse of managersOf over every user.
func (ws *workspace) managedBy() map[string][]string {
	sets := map[string]map[string]bool{}
	add := func(manager, user string) {
		if manager == user || ws.users[manager] == nil || ws.users[user] == nil {
			return
		}
		if sets[manager] == nil {
			sets[manager] = map[string]bool{}
		}
		sets[manager][user] = true
	}
	for user, ms := range ws.managers {
		for _, m := range ms {
			add(m, user)
		}
	}
	for _, g := range ws.groupsSorted {
		for _, m := range g.ManagerIDs {
			for _, u := range g.UserIDs {
				add(m, u)
			}
		}
	}
	out := make(map[string][]string, len(sets))
	for m, set := range sets {
		ids := make([]string, 0, len(set))
		for id := range set {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		out[m] = ids
	}
	return out
}
