package clockify

import (
	"encoding/json"
	"errors"
	"fmt"
)

// RoleTeamManager is the role of a user who manages other users.
const RoleTeamManager = "TEAM_MANAGER"

// ErrRolesShape is returned (wrapped) by ManagedUsers when a user's "roles"
// is not the shape it knows.
var ErrRolesShape = errors.New("unknown roles shape")

// Role is one of a user's roles as the users list returns it with
// include-roles=true: the role's name and the entities it applies to (for a
// team manager, the users they manage).
type Role struct {
	Role     string       `json:"role"`
	Entities []RoleEntity `json:"entities"`
}

// RoleEntity is an entity a role applies to, by id and name.
type RoleEntity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ParseRoles reads a user's raw "roles". Absent or null roles are no roles.
// Roles that are not a list of objects with a string "role" and, when
// present, a list of entities with a string "id" fail with ErrRolesShape;
// roles with other names are returned as they are.
func ParseRoles(raw json.RawMessage) ([]Role, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var roles []Role
	if err := json.Unmarshal(raw, &roles); err != nil {
		return nil, fmt.Errorf("clockify: %w: %v", ErrRolesShape, err)
	}
	for _, r := range roles {
		if r.Role == "" {
			return nil, fmt.Errorf("clockify: %w: a role without a name", ErrRolesShape)
		}
		for _, e := range r.Entities {
			if e.ID == "" {
				return nil, fmt.Errorf("clockify: %w: a %s entity without an id", ErrRolesShape, r.Role)
			}
		}
	}
	return roles, nil
}

// ManagedUsers returns the ids of the users u manages as a team manager,
// read from u.Roles.
func (u User) ManagedUsers() ([]string, error) {
	roles, err := ParseRoles(u.Roles)
	if err != nil {
		return nil, fmt.Errorf("roles of user %s: %w", u.ID, err)
	}
	var ids []string
	for _, r := range roles {
		if r.Role != RoleTeamManager {
			continue
		}
		for _, e := range r.Entities {
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}
