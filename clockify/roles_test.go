package clockify

import (
	"errors"
	"reflect"
	"testing"
)

// TestManagedUsers checks the defensive reading of a user's roles: known
// shapes give the managed users, other roles are ignored, and anything else
// is ErrRolesShape rather than a guess.
func TestManagedUsers(t *testing.T) {
	for _, tc := range []struct {
		name, raw string
		want      []string
		wantErr   bool
	}{
		{"absent", ``, nil, false},
		{"null", `null`, nil, false},
		{"empty", `[]`, nil, false},
		{"team manager", `[{"role":"TEAM_MANAGER","entities":[{"id":"u1","name":"Ann"},{"id":"u2","name":"Bob"}]}]`, []string{"u1", "u2"}, false},
		{"other roles ignored", `[{"role":"WORKSPACE_ADMIN","entities":[]},{"role":"PROJECT_MANAGER","entities":[{"id":"p1","name":"Web"}]},{"role":"TEAM_MANAGER","entities":[{"id":"u3"}]}]`, []string{"u3"}, false},
		{"extra fields tolerated", `[{"role":"TEAM_MANAGER","source":{"type":"USER_GROUP"},"entities":[{"id":"u1","name":"Ann","extra":1}]}]`, []string{"u1"}, false},
		{"object instead of list", `{"role":"TEAM_MANAGER"}`, nil, true},
		{"list of strings", `["TEAM_MANAGER"]`, nil, true},
		{"role without name", `[{"entities":[{"id":"u1"}]}]`, nil, true},
		{"entity without id", `[{"role":"TEAM_MANAGER","entities":[{"name":"Ann"}]}]`, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := User{ID: "m1", Roles: []byte(tc.raw)}.ManagedUsers()
			if tc.wantErr {
				if !errors.Is(err, ErrRolesShape) {
					t.Errorf("ManagedUsers() error = %v, want ErrRolesShape", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ManagedUsers() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
