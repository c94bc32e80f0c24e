package slacktest

import (
	"strings"
	"time"
)

// User is a member of the fake workspace.
type User struct {
	// ID is the user ID, such as "U123".
	ID string
	// Email is the profile email that users.lookupByEmail matches
	// (case-insensitively).
	Email string
	// Name is the handle; it is also the profile's display name.
	Name string
	// RealName is the full name.
	RealName string
	// TZ is the IANA time zone, such as "Europe/Berlin"; "" means UTC.
	TZ string
	// IsBot marks bot users.
	IsBot bool
	// Deleted marks deactivated users: users.info still returns them,
	// users.lookupByEmail does not, and conversations.open refuses them.
	Deleted bool
}

// AddUser adds u to the workspace, replacing a user with the same ID.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addUserLocked(u)
	s.notifyLocked()
}

func (s *Server) addUserLocked(u User) {
	if old, ok := s.userByID[u.ID]; ok {
		*old = u
		return
	}
	p := &u
	s.users = append(s.users, p)
	s.userByID[u.ID] = p
}

// userJSONLocked renders u as a Slack user object.
func (s *Server) userJSONLocked(u *User) map[string]any {
	tz := u.TZ
	if tz == "" {
		tz = "UTC"
	}
	label, offset := "UTC", 0
	if loc, err := time.LoadLocation(tz); err == nil {
		label, offset = s.now().In(loc).Zone()
	}
	return map[string]any{
		"id":          u.ID,
		"team_id":     s.TeamID,
		"name":        u.Name,
		"deleted":     u.Deleted,
		"real_name":   u.RealName,
		"tz":          tz,
		"tz_label":    label,
		"tz_offset":   offset,
		"is_bot":      u.IsBot,
		"is_app_user": false,
		"profile": map[string]any{
			"email":                   u.Email,
			"display_name":            u.Name,
			"display_name_normalized": u.Name,
			"real_name":               u.RealName,
			"real_name_normalized":    u.RealName,
			"team":                    s.TeamID,
		},
	}
}

// usersLookupByEmail answers users.lookupByEmail (email).
func (s *Server) usersLookupByEmail(r *apiRequest) response {
	email := strings.TrimSpace(r.get("email"))
	for _, u := range s.users {
		if email != "" && !u.Deleted && strings.EqualFold(u.Email, email) {
			return response{"ok": true, "user": s.userJSONLocked(u)}
		}
	}
	return errorResponse("users_not_found")
}

// usersInfo answers users.info (user).
func (s *Server) usersInfo(r *apiRequest) response {
	u, ok := s.userByID[r.get("user")]
	if !ok {
		return errorResponse("user_not_found")
	}
	return response{"ok": true, "user": s.userJSONLocked(u)}
}

// usersList answers users.list (cursor, limit), bots and deleted users
// included, in the order they were added.
func (s *Server) usersList(r *apiRequest) response {
	from, to, next, ok := page(len(s.users), r.get("cursor"), r.intParam("limit"), 1000)
	if !ok {
		return errorResponse("invalid_cursor")
	}
	members := make([]map[string]any, 0, to-from)
	for _, u := range s.users[from:to] {
		members = append(members, s.userJSONLocked(u))
	}
	return response{
		"ok":                true,
		"members":           members,
		"cache_ts":          s.now().Unix(),
		"response_metadata": map[string]any{"next_cursor": next},
	}
}
