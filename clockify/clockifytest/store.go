package clockifytest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// rlock takes the read lock with every sorted view up to date. Callers must
// s.mu.RUnlock.
func (s *Server) rlock() {
	for {
		s.mu.RLock()
		if !s.st.needsRebuild() {
			return
		}
		s.mu.RUnlock()
		s.mu.Lock()
		s.st.rebuild()
		s.mu.Unlock()
	}
}

// primary returns the default workspace. Callers hold s.mu.
func (s *Server) primary() *workspace { return s.st.workspaces[s.st.primary] }

// AddWorkspace makes another workspace visible to the key. It starts empty;
// the Add methods always fill the default workspace.
func (s *Server) AddWorkspace(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.addWorkspace(id, name)
}

// SetOwner sets the user the API key belongs to, answered by GET /user. The
// owner's time zone also applies to the user time-entries start/end filters
// and is the default time zone of the detailed report. The default owner is
// "owner-1" in UTC, who is not a listed workspace member unless added with
// AddUser.
func (s *Server) SetOwner(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.owner = normalizeUser(u)
}

func normalizeUser(u User) User {
	if u.TimeZone == "" {
		u.TimeZone = "UTC"
	}
	if u.MembershipStatus == "" {
		u.MembershipStatus = "ACTIVE"
	}
	if u.AccountStatus == "" {
		u.AccountStatus = "ACTIVE"
	}
	return u
}

// AddUser adds u to the default workspace, or replaces the user with the
// same id.
func (s *Server) AddUser(u User) {
	u = normalizeUser(u)
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	if event := userEvent(ws.users[u.ID], &u); event != "" {
		ds = s.deliveriesFor(ws, event, u.ID, "", toWireUser(&u, ws.id, true))
	}
	ws.users[u.ID] = &u
	ws.dirty = true
}

// RemoveUser removes the user with id from the default workspace, as when
// an admin removes a member: the users list no longer has them.
func (s *Server) RemoveUser(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	delete(ws.users, id)
	ws.dirty = true
}

// AddProject adds p to the default workspace, or replaces the project with
// the same id.
func (s *Server) AddProject(p Project) {
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	event := "NEW_PROJECT"
	if _, ok := ws.projects[p.ID]; ok {
		event = "PROJECT_UPDATED"
	}
	ds = s.deliveriesFor(ws, event, "", p.ID, wireProject{ID: p.ID, Name: p.Name, WorkspaceID: ws.id,
		Billable: p.Billable, Archived: p.Archived, Color: "#03A9F4", Duration: "PT0S", Public: true})
	ws.projects[p.ID] = &p
	ws.dirty = true
}

// AddGroup adds g to the default workspace, or replaces the group with the
// same id.
func (s *Server) AddGroup(g Group) {
	g.UserIDs = slices.Clone(g.UserIDs)
	g.ManagerIDs = slices.Clone(g.ManagerIDs)
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	ws.groups[g.ID] = &g
	ws.dirty = true
}

// SetManagers sets the team managers of userID (replacing earlier ones).
// Managers of the user's groups are reported as well.
func (s *Server) SetManagers(userID string, managerIDs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.primary().managers[userID] = slices.Clone(managerIDs)
}

// SetRawRoles makes the users list, asked with include-roles=true, send raw
// as the "roles" of userID in the default workspace, whatever their real
// roles: tests use it for role shapes the client does not know.
func (s *Server) SetRawRoles(userID, raw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.primary().rawRoles[userID] = json.RawMessage(raw)
}

// SetRequireProject sets the workspace setting that makes a project
// mandatory for new time entries (breaks excepted).
func (s *Server) SetRequireProject(required bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.primary().requireProject = required
}

// LockEntriesBefore locks the default workspace's time entries before t,
// as an admin does in Clockify's settings ("Lock time entries"): creating
// an entry that starts before t is refused with 400 and msgLocked, as the
// live API does. A zero t unlocks.
func (s *Server) LockEntriesBefore(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.primary().lockedBefore = t
}

// SetReportMaxDays sets the longest detailed-report range in days; 0
// removes the limit. The default is 31, the Free-plan limit.
func (s *Server) SetReportMaxDays(days int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.reportMaxDays = days
}

// AddHoliday adds h to the default workspace. An empty id is generated.
func (s *Server) AddHoliday(h Holiday) {
	h.UserIDs = slices.Clone(h.UserIDs)
	h.GroupIDs = slices.Clone(h.GroupIDs)
	if h.EndDate == "" {
		h.EndDate = h.StartDate
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if h.ID == "" {
		h.ID = s.st.newID("hol")
	}
	ws := s.primary()
	ws.holidays[h.ID] = &h
	ws.dirty = true
}

// AddTimeOff adds t to the default workspace. An empty id is generated.
func (s *Server) AddTimeOff(t TimeOff) {
	t.Status = strings.ToUpper(t.Status)
	if t.Status == "" {
		t.Status = "APPROVED"
	}
	if t.Unit == "" {
		t.Unit = "DAYS"
	}
	t.Start, t.End = t.Start.UTC(), t.End.UTC()
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.ID == "" {
		t.ID = s.st.newID("tor")
	}
	ws := s.primary()
	ws.timeOff[t.ID] = &t
	if event, ok := timeOffEvents[t.Status]; ok {
		ds = s.deliveriesFor(ws, event, t.UserID, "", toWireTimeOff(ws, &t))
	}
	ws.dirty = true
}

// AddEntry adds e to the default workspace and returns its id, generated
// when e.ID is empty; an entry with the same id is replaced. A running entry
// (nil End) stops the user's running timer at its start, as Clockify does.
// Times are kept in UTC with whole seconds.
func (s *Server) AddEntry(e Entry) string {
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	if e.ID == "" {
		e.ID = s.st.newID("te")
	}
	stored := normalizeEntry(e)
	s.primary().saveEntry(stored, true)
	ds = s.entryEvent(s.primary(), newEntryEvent(stored), stored)
	return e.ID
}

// UpdateEntry replaces the entry with e.ID. It reports false when there is
// no such entry.
func (s *Server) UpdateEntry(e Entry) bool {
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	if _, ok := ws.entries[e.ID]; !ok {
		return false
	}
	stored := normalizeEntry(e)
	ws.saveEntry(stored, false)
	ds = s.entryEvent(ws, "TIME_ENTRY_UPDATED", stored)
	return true
}

// DeleteEntry removes the entry with id. It reports false when there is no
// such entry.
func (s *Server) DeleteEntry(id string) bool {
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	e, ok := ws.entries[id]
	if ok {
		ws.dropEntry(e)
		ds = s.entryEvent(ws, "TIME_ENTRY_DELETED", e)
	}
	return ok
}

// Running returns userID's running entry in the default workspace.
func (s *Server) Running(userID string) (Entry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.primary().running[userID]
	if !ok {
		return Entry{}, false
	}
	return copyEntry(e), true
}

// Entries returns userID's entries in the default workspace (running ones
// included), oldest first.
func (s *Server) Entries(userID string) []Entry {
	s.rlock()
	defer s.mu.RUnlock()
	es := s.primary().byUser[userID]
	out := make([]Entry, len(es))
	for i, e := range es {
		out[i] = copyEntry(e)
	}
	return out
}

// timeOffEvents maps a time-off status set with AddTimeOff to the webhook
// event announcing it.
var timeOffEvents = map[string]string{
	"APPROVED": "TIME_OFF_REQUEST_APPROVED",
	"PENDING":  "TIME_OFF_REQUESTED",
	"REJECTED": "TIME_OFF_REQUEST_REJECTED",
}

// WithdrawTimeOff removes the time-off request with id, as when its
// requester withdraws it (the document's statuses have no WITHDRAWN), and
// announces TIME_OFF_REQUEST_WITHDRAWN. It reports false when there is no
// such request.
func (s *Server) WithdrawTimeOff(id string) bool {
	var ds []delivery
	defer func() { s.deliver(ds) }()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	t, ok := ws.timeOff[id]
	if !ok {
		return false
	}
	ds = s.deliveriesFor(ws, "TIME_OFF_REQUEST_WITHDRAWN", t.UserID, "", toWireTimeOff(ws, t))
	delete(ws.timeOff, id)
	ws.dirty = true
	return true
}

// userEvent names the webhook event of replacing old (nil: a new member)
// with u, "" when none applies.
func userEvent(old, u *User) string {
	switch {
	case old == nil:
		return "USER_JOINED_WORKSPACE"
	case old.MembershipStatus != "INACTIVE" && u.MembershipStatus == "INACTIVE":
		return "USER_DEACTIVATED_ON_WORKSPACE"
	case old.MembershipStatus == "INACTIVE" && u.MembershipStatus == "ACTIVE":
		return "USER_ACTIVATED_ON_WORKSPACE"
	case old.Email != u.Email:
		return "USER_EMAIL_CHANGED"
	}
	return ""
}
