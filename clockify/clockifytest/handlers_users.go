package clockifytest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// view runs fn under the read lock with the request's workspace and then
// calls the writer fn returns, after the lock is released. An unknown
// workspace answers 403 as Clockify does.
func (s *Server) view(w http.ResponseWriter, r *http.Request, fn func(ws *workspace) func()) {
	s.rlock()
	ws, ok := s.st.workspaces[r.PathValue("ws")]
	var write func()
	if ok {
		write = fn(ws)
	}
	s.mu.RUnlock()
	if !ok {
		writeError(w, http.StatusForbidden, "Access Denied")
		return
	}
	write()
}

// update is view under the write lock.
func (s *Server) update(w http.ResponseWriter, r *http.Request, fn func(ws *workspace) func()) {
	s.mu.Lock()
	ws, ok := s.st.workspaces[r.PathValue("ws")]
	var write func()
	if ok {
		write = fn(ws)
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusForbidden, "Access Denied")
		return
	}
	write()
}

func badRequest(w http.ResponseWriter, err error) func() {
	return func() { writeError(w, http.StatusBadRequest, err.Error()) }
}

func toWireUser(u *User, wsID string, memberships bool) wireUser {
	w := wireUser{
		ID: u.ID, Email: u.Email, Name: u.Name, Memberships: []wireMembership{},
		ActiveWorkspace: wsID, DefaultWorkspace: wsID, Status: u.AccountStatus, CustomFields: []any{},
	}
	if !u.NullSettings {
		w.Settings = &wireUserSettings{WeekStart: "MONDAY", TimeZone: u.TimeZone, TimeFormat: "HOUR24", DateFormat: "YYYY-MM-DD", Lang: "EN"}
	}
	if memberships {
		w.Memberships = append(w.Memberships, wireMembership{
			UserID: u.ID, TargetID: wsID, MembershipType: "WORKSPACE", MembershipStatus: u.MembershipStatus,
		})
	}
	return w
}

func (s *Server) handleCurrentUser(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	owner, wsID := s.st.owner, s.st.primary
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, toWireUser(&owner, wsID, r.URL.Query().Get("include-memberships") == "true"))
}

func (s *Server) handleWorkspaces(w http.ResponseWriter, r *http.Request) {
	plan, features := s.planOf()
	s.mu.RLock()
	out := make([]wireWorkspace, 0, len(s.st.order))
	for _, id := range s.st.order {
		ws := s.st.workspaces[id]
		out = append(out, wireWorkspace{
			ID: ws.id, Name: ws.name, HourlyRate: wireRate{Currency: "USD"},
			Memberships:             []wireMembership{{UserID: s.st.owner.ID, TargetID: ws.id, MembershipType: "WORKSPACE", MembershipStatus: "ACTIVE"}},
			WorkspaceSettings:       wireWorkspaceSettings{ForceProjects: ws.requireProject},
			FeatureSubscriptionType: plan, Features: features,
		})
	}
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, shorten(r, out)) // a ShortPage fault truncates the list
}

var membershipStatuses = []string{"PENDING", "ACTIVE", "DECLINED", "INACTIVE", "ALL"}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q, 50, maxPageSize)
	status := q.Get("status") // enums are case-sensitive
	if err == nil && status != "" && !slices.Contains(membershipStatuses, status) {
		err = fmt.Errorf("status must be one of %v", membershipStatuses)
	}
	if err == nil {
		err = cmp.Or(checkEnum(q, "sort-column", "ID", "EMAIL", "NAME", "NAME_LOWERCASE", "ACCESS", "HOURLYRATE", "COSTRATE"),
			checkEnum(q, "sort-order", "ASCENDING", "DESCENDING"))
	}
	includeRoles := q.Get("include-roles")
	if err == nil && includeRoles != "true" && includeRoles != "false" {
		// The document marks include-roles required.
		err = fmt.Errorf("Required request parameter 'include-roles' must be true or false, got %q", includeRoles)
	}
	memberships := q.Get("memberships")
	if err == nil && !slices.Contains([]string{"", "ALL", "NONE", "WORKSPACE", "PROJECT", "USERGROUP"}, memberships) {
		err = fmt.Errorf("invalid memberships %q", memberships)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	accounts := []string{"ACTIVE", "PENDING_EMAIL_VERIFICATION", "NOT_REGISTERED"}
	if v := q.Get("account-statuses"); v != "" {
		accounts = strings.Split(strings.ToUpper(v), ",")
	}
	email, name := strings.ToLower(q.Get("email")), strings.ToLower(q.Get("name"))
	withMemberships := memberships == "ALL" || memberships == "WORKSPACE"
	s.view(w, r, func(ws *workspace) func() {
		var users []*User
		for _, u := range ws.usersSorted {
			if status != "" && status != "ALL" && u.MembershipStatus != status ||
				!slices.Contains(accounts, u.AccountStatus) ||
				email != "" && !strings.Contains(strings.ToLower(u.Email), email) ||
				name != "" && !strings.Contains(strings.ToLower(u.Name), name) {
				continue
			}
			users = append(users, u)
		}
		sortUsers(users, q.Get("sort-column"), q.Get("sort-order"))
		pg, last := slicePage(users, p)
		var managed map[string][]string
		if includeRoles == "true" {
			managed = ws.managedBy()
		}
		out := make([]wireUser, len(pg))
		for i, u := range pg {
			out[i] = toWireUser(u, ws.id, withMemberships)
			if ids := managed[u.ID]; len(ids) > 0 {
				role := wireRole{Role: "TEAM_MANAGER", Entities: make([]wireRoleEntity, 0, len(ids))}
				for _, id := range ids {
					role.Entities = append(role.Entities, wireRoleEntity{ID: id, Name: ws.users[id].Name})
				}
				out[i].Roles = []wireRole{role}
			}
			if raw, ok := ws.rawRoles[u.ID]; ok && includeRoles == "true" {
				out[i].Roles = raw
			}
		}
		return func() { writePage(w, r, out, last) }
	})
}

// sortUsers applies sort-column (EMAIL by default, NAME, ID) and sort-order.
func sortUsers(users []*User, column, order string) {
	switch strings.ToUpper(column) {
	case "NAME", "NAME_LOWERCASE":
		slices.SortStableFunc(users, func(a, b *User) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	case "ID":
		slices.SortStableFunc(users, func(a, b *User) int { return cmp.Compare(a.ID, b.ID) })
	}
	if strings.ToUpper(order) == "DESCENDING" {
		slices.Reverse(users)
	}
}

func (s *Server) handleManagers(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r.URL.Query(), 50, maxPageSize)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.view(w, r, func(ws *workspace) func() {
		userID := r.PathValue("userId")
		if _, ok := ws.users[userID]; !ok {
			return func() { writeError(w, http.StatusBadRequest, "User doesn't belong to Workspace") }
		}
		pg, last := slicePage(ws.managersOf(userID), p)
		out := make([]wireUser, len(pg))
		for i, u := range pg {
			out[i] = toWireUser(u, ws.id, false)
		}
		return func() { writePage(w, r, out, last) }
	})
}

func (s *Server) handleGroups(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q, 50, maxPageSize)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := cmp.Or(checkEnum(q, "sort-column", "ID", "NAME"), checkEnum(q, "sort-order", "ASCENDING", "DESCENDING")); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	name := strings.ToLower(q.Get("name"))
	withManagers := q.Get("includeTeamManagers") == "true"
	s.view(w, r, func(ws *workspace) func() {
		var groups []*Group
		for _, g := range ws.groupsSorted {
			if strings.Contains(strings.ToLower(g.Name), name) {
				groups = append(groups, g)
			}
		}
		pg, last := slicePage(groups, p)
		out := make([]wireGroup, len(pg))
		for i, g := range pg {
			out[i] = wireGroup{ID: g.ID, Name: g.Name, WorkspaceID: ws.id, UserIDs: append([]string{}, g.UserIDs...)}
			if withManagers {
				out[i].TeamManagers = []wireRedactedUser{}
				for _, id := range g.ManagerIDs {
					m := wireRedactedUser{ID: id}
					if u, ok := ws.users[id]; ok {
						m.Name = u.Name
					}
					out[i].TeamManagers = append(out[i].TeamManagers, m)
				}
			}
		}
		return func() { writePage(w, r, out, last) }
	})
}

func (s *Server) handleProjects(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q, 50, maxPageSize)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := cmp.Or(checkEnum(q, "sort-column", "ID", "NAME", "CLIENT_NAME", "DURATION", "BUDGET", "PROGRESS"),
		checkEnum(q, "sort-order", "ASCENDING", "DESCENDING")); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	name := strings.ToLower(q.Get("name"))
	archived, billable, hydrated := q.Get("archived"), q.Get("billable"), q.Get("hydrated") == "true"
	s.view(w, r, func(ws *workspace) func() {
		var projects []*Project
		for _, pr := range ws.projectsSorted {
			if archived != "" && (archived == "true") != pr.Archived ||
				billable == "true" && !pr.Billable ||
				!strings.Contains(strings.ToLower(pr.Name), name) {
				continue
			}
			projects = append(projects, pr)
		}
		pg, last := slicePage(projects, p)
		out := make([]wireProject, len(pg))
		for i, pr := range pg {
			out[i] = wireProject{
				ID: pr.ID, Name: pr.Name, WorkspaceID: ws.id, Billable: pr.Billable, Archived: pr.Archived,
				Color: "#03A9F4", Duration: "PT0S", Public: true,
			}
			if hydrated && pr.ClientName != "" {
				out[i].ClientID, out[i].ClientName = clientID(pr.ClientName), pr.ClientName
			}
		}
		return func() { writePage(w, r, out, last) }
	})
}

// clientID derives a stable client id from a client name.
func clientID(name string) string {
	return "client-" + strings.ToLower(strings.Join(strings.Fields(name), "-"))
}
