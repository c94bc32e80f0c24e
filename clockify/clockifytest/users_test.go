package clockifytest

import (
	"net/http"
	"strings"
	"testing"
)

func usersServer(t *testing.T) *Server {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "Europe/Berlin"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com", Name: "Bob", NullSettings: true})
	s.AddUser(User{ID: "u3", Email: "cat@other.org", Name: "Cat", MembershipStatus: "INACTIVE"})
	s.AddUser(User{ID: "u4", Email: "dan@example.com", Name: "Dan", MembershipStatus: "PENDING", AccountStatus: "PENDING_EMAIL_VERIFICATION"})
	s.AddUser(User{ID: "u5", Email: "eve@example.com", Name: "Eve", AccountStatus: "DELETED"})
	return s
}

func TestUsersWire(t *testing.T) {
	s := usersServer(t)
	users := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false&memberships=WORKSPACE", nil).objects(t)
	byID := map[string]map[string]any{}
	for _, u := range users {
		byID[u["id"].(string)] = u
	}
	if s, ok := byID["u2"]["settings"]; !ok || s != nil {
		t.Errorf("u2 settings = %v (present %v), want null", s, ok)
	}
	assertEqual(t, "u1 time zone", byID["u1"]["settings"].(map[string]any)["timeZone"], any("Europe/Berlin"))
	want := []any{map[string]any{
		"userId": "u3", "targetId": "ws-1", "membershipType": "WORKSPACE", "membershipStatus": "INACTIVE",
		"hourlyRate": nil, "costRate": nil,
	}}
	assertEqual(t, "u3 memberships", byID["u3"]["memberships"], any(want))
	assertEqual(t, "u4 account status", byID["u4"]["status"], any("PENDING_EMAIL_VERIFICATION"))

	plain := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false", nil).objects(t)
	assertEqual(t, "memberships without the parameter", plain[0]["memberships"], any([]any{}))
}

func TestUsersFilters(t *testing.T) {
	s := usersServer(t)
	for _, tc := range []struct {
		name, query string
		want        []string
		lastPage    string
	}{
		{"default hides deleted accounts, sorted by email", "", []string{"u1", "u2", "u3", "u4"}, "true"},
		{"status", "?status=ACTIVE", []string{"u1", "u2"}, "true"},
		{"status all", "?status=ALL", []string{"u1", "u2", "u3", "u4"}, "true"},
		{"email substring", "?email=EXAMPLE.com", []string{"u1", "u2", "u4"}, "true"},
		{"account statuses", "?account-statuses=DELETED", []string{"u5"}, "true"},
		{"first page", "?page-size=3", []string{"u1", "u2", "u3"}, "false"},
		{"second page", "?page=2&page-size=3", []string{"u4"}, "true"},
		{"past the end", "?page=3&page-size=3", []string{}, "true"},
		{"name sort descending", "?sort-column=NAME&sort-order=DESCENDING", []string{"u4", "u3", "u2", "u1"}, "true"},
		{"max page size", "?page-size=5000", []string{"u1", "u2", "u3", "u4"}, "true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, s, "GET", "/api/v1/workspaces/ws-1/users?include-roles=false"+strings.Replace(tc.query, "?", "&", 1), nil)
			assertEqual(t, "users", ids(r.objects(t)), tc.want)
			if got := r.Header.Get("Last-Page"); got != tc.lastPage {
				t.Errorf("Last-Page = %q, want %q", got, tc.lastPage)
			}
		})
	}
	for _, q := range []string{"?include-roles=false&page-size=5001", "?include-roles=false&page=0", "?include-roles=false&page-size=x",
		"?include-roles=false&status=BOGUS", "?include-roles=false&memberships=BOGUS", "", "?include-roles=yes"} {
		t.Run("rejects "+q, func(t *testing.T) {
			call(t, s, "GET", "/api/v1/workspaces/ws-1/users"+q, nil).wantError(t, http.StatusBadRequest, "")
		})
	}
}

func TestManagers(t *testing.T) {
	s := usersServer(t)
	s.SetManagers("u1", "u4", "u2")
	s.AddGroup(Group{ID: "g1", Name: "Team", UserIDs: []string{"u1", "u3"}, ManagerIDs: []string{"u3", "u5"}})
	for _, tc := range []struct {
		name, user, query string
		want              []string
	}{
		{"direct and group managers by email", "u1", "", []string{"u2", "u3", "u4", "u5"}},
		{"paged", "u1", "?page=2&page-size=3", []string{"u5"}},
		{"group only, not the user itself", "u3", "", []string{"u5"}},
		{"none", "u2", "", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, s, "GET", "/api/v1/workspaces/ws-1/users/"+tc.user+"/managers"+tc.query, nil).objects(t)
			assertEqual(t, "managers", ids(got), tc.want)
		})
	}
	t.Run("full user objects", func(t *testing.T) {
		got := call(t, s, "GET", "/api/v1/workspaces/ws-1/users/u1/managers", nil).objects(t)
		if got[0]["email"] != "bob@example.com" || got[0]["settings"] != nil {
			t.Errorf("first manager = %v, want Bob with null settings", got[0])
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		call(t, s, "GET", "/api/v1/workspaces/ws-1/users/nobody/managers", nil).wantError(t, http.StatusBadRequest, "")
	})
}

func TestGroups(t *testing.T) {
	s := usersServer(t)
	s.AddGroup(Group{ID: "g2", Name: "Sales", ManagerIDs: []string{"u2"}})
	s.AddGroup(Group{ID: "g1", Name: "Engineering", UserIDs: []string{"u1", "u3"}, ManagerIDs: []string{"u1"}})
	plain := call(t, s, "GET", "/api/v1/workspaces/ws-1/user-groups", nil).objects(t)
	assertEqual(t, "groups by name", ids(plain), []string{"g1", "g2"})
	assertEqual(t, "user ids", plain[0]["userIds"], any([]any{"u1", "u3"}))
	assertEqual(t, "empty user ids", plain[1]["userIds"], any([]any{}))
	if _, ok := plain[0]["teamManagers"]; ok {
		t.Errorf("teamManagers present without includeTeamManagers: %v", plain[0])
	}
	full := call(t, s, "GET", "/api/v1/workspaces/ws-1/user-groups?includeTeamManagers=true&page-size=1&page=2", nil).objects(t)
	assertEqual(t, "team managers", full[0]["teamManagers"], any([]any{map[string]any{"id": "u2", "name": "Bob"}}))
}

func TestProjects(t *testing.T) {
	s := NewTB(t)
	s.AddProject(Project{ID: "p1", Name: "Beta", ClientName: "Globex", Billable: true})
	s.AddProject(Project{ID: "p2", Name: "Alpha", Archived: true})
	s.AddProject(Project{ID: "p3", Name: "Gamma"})
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"all by name", "", []string{"p2", "p1", "p3"}},
		{"archived only", "?archived=true", []string{"p2"}},
		{"active only", "?archived=false", []string{"p1", "p3"}},
		{"billable", "?billable=true", []string{"p1"}},
		{"paged", "?page=2&page-size=2", []string{"p3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertEqual(t, "projects", ids(call(t, s, "GET", "/api/v1/workspaces/ws-1/projects"+tc.query, nil).objects(t)), tc.want)
		})
	}
	t.Run("hydrated adds the client name", func(t *testing.T) {
		plain := call(t, s, "GET", "/api/v1/workspaces/ws-1/projects?name=beta", nil).objects(t)
		if _, ok := plain[0]["clientName"]; ok {
			t.Errorf("clientName without hydrated: %v", plain[0])
		}
		hyd := call(t, s, "GET", "/api/v1/workspaces/ws-1/projects?name=beta&hydrated=true", nil).objects(t)
		if hyd[0]["clientName"] != "Globex" || hyd[0]["billable"] != true || hyd[0]["archived"] != false {
			t.Errorf("hydrated project = %v, want client Globex, billable, not archived", hyd[0])
		}
	})
}

// TestUsersRoles checks that include-roles=true lists, per team manager, the
// users they manage (set directly or through a group's team managers), and
// that include-roles=false sends no roles.
func TestUsersRoles(t *testing.T) {
	s := usersServer(t)
	s.SetManagers("u2", "u1")
	s.AddGroup(Group{ID: "g1", Name: "Ops", UserIDs: []string{"u3", "u4"}, ManagerIDs: []string{"u1", "u2"}})
	roles := func(query string) map[string]any {
		out := map[string]any{}
		for _, u := range call(t, s, "GET", "/api/v1/workspaces/ws-1/users?"+query, nil).objects(t) {
			if r, ok := u["roles"]; ok {
				out[u["id"].(string)] = r
			}
		}
		return out
	}
	manages := func(ids ...string) any {
		var es []any
		for _, id := range ids {
			es = append(es, map[string]any{"id": id, "name": map[string]string{"u2": "Bob", "u3": "Cat", "u4": "Dan"}[id]})
		}
		return []any{map[string]any{"role": "TEAM_MANAGER", "entities": es}}
	}
	assertEqual(t, "roles", roles("include-roles=true"), map[string]any{"u1": manages("u2", "u3", "u4"), "u2": manages("u3", "u4")})
	assertEqual(t, "roles without include-roles", roles("include-roles=false"), map[string]any{})
}
