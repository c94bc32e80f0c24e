package clockifytest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// User is a workspace member. TimeZone defaults to "UTC"; NullSettings makes
// the API answer "settings": null, as Clockify does for users who have not
// finished onboarding. MembershipStatus (PENDING, ACTIVE, DECLINED, INACTIVE)
// and AccountStatus (ACTIVE, PENDING_EMAIL_VERIFICATION, DELETED,
// NOT_REGISTERED, LIMITED, LIMITED_DELETED) default to ACTIVE.
type User struct {
	ID, Email, Name, TimeZone string
	NullSettings              bool
	MembershipStatus          string
	AccountStatus             string
}

// Project is a project of the workspace. ClientName is empty for projects
// without a client.
type Project struct {
	ID, Name, ClientName string
	Archived, Billable   bool
}

// Entry is a time entry. End is nil while the timer runs. Type is REGULAR
// (the default) or BREAK; HOLIDAY and TIME_OFF entries may be added too.
type Entry struct {
	ID, UserID, ProjectID, Description, Type string
	Billable                                 bool
	Start                                    time.Time
	End                                      *time.Time
}

// Holiday is a workspace holiday. StartDate and EndDate are "YYYY-MM-DD" and
// inclusive; an empty EndDate means a one-day holiday. Everyone applies it to
// all users; otherwise UserIDs and GroupIDs select them.
type Holiday struct {
	ID, Name, StartDate, EndDate string
	OccursAnnually, Everyone     bool
	UserIDs, GroupIDs            []string
}

// TimeOff is a time-off request. Status is APPROVED (the default), PENDING
// or REJECTED; Unit is DAYS (the default) or HOURS.
type TimeOff struct {
	ID, UserID, PolicyName, Status, Unit string
	HalfDay                              bool
	Start, End                           time.Time
}

// Group is a user group with its members and team managers.
type Group struct {
	ID, Name            string
	UserIDs, ManagerIDs []string
}

// state is everything the fake knows. It is guarded by Server.mu.
type state struct {
	primary       string
	order         []string
	workspaces    map[string]*workspace
	owner         User
	nextID        int64
	reportMaxDays int
}

func newState(wsID, wsName string) *state {
	st := &state{
		primary:       wsID,
		workspaces:    map[string]*workspace{},
		owner:         normalizeUser(User{ID: "owner-1", Email: "owner@example.com", Name: "Workspace Owner"}),
		reportMaxDays: 31,
	}
	st.addWorkspace(wsID, wsName)
	return st
}

func (st *state) addWorkspace(id, name string) {
	if ws, ok := st.workspaces[id]; ok {
		ws.name = name
		return
	}
	st.order = append(st.order, id)
	st.workspaces[id] = newWorkspace(id, name)
}

// newID returns a fresh id with the given prefix.
func (st *state) newID(prefix string) string {
	st.nextID++
	return fmt.Sprintf("%s-%06d", prefix, st.nextID)
}

func (st *state) needsRebuild() bool {
	for _, ws := range st.workspaces {
		if ws.dirty || ws.entriesDirty {
			return true
		}
	}
	return false
}

func (st *state) rebuild() {
	for _, ws := range st.workspaces {
		ws.rebuild()
	}
}

// workspace holds one workspace's data and its sorted views. The sorted
// views are valid while dirty (users, projects, groups, holidays, time off)
// and entriesDirty (entry indexes) are false.
type workspace struct {
	id, name       string
	requireProject bool
	// lockedBefore, when set with LockEntriesBefore, is the instant before
	// which no entry may be created (Clockify's "lock time entries").
	lockedBefore time.Time

	users    map[string]*User
	projects map[string]*Project
	groups   map[string]*Group
	holidays map[string]*Holiday
	timeOff  map[string]*TimeOff
	managers map[string][]string        // user id -> manager ids set with SetManagers
	rawRoles map[string]json.RawMessage // user id -> roles set with SetRawRoles

	dirty          bool
	usersSorted    []*User    // by email, then id
	projectsSorted []*Project // by name, then id
	groupsSorted   []*Group   // by name, then id
	holidaysSorted []*Holiday // by start date, then id
	timeOffSorted  []*TimeOff // by start, then id

	entries      map[string]*Entry
	running      map[string]*Entry // user id -> running entry
	entriesDirty bool
	byStart      []*Entry            // all entries by start, then id
	byUser       map[string][]*Entry // each user's entries by start, then id
	// entriesVersion changes with every entry stored or dropped; reports
	// remembers detailed-report rows per version.
	entriesVersion uint64
	reports        reportMemo
}

func newWorkspace(id, name string) *workspace {
	return &workspace{
		id: id, name: name,
		users: map[string]*User{}, projects: map[string]*Project{}, groups: map[string]*Group{},
		holidays: map[string]*Holiday{}, timeOff: map[string]*TimeOff{}, managers: map[string][]string{},
		rawRoles: map[string]json.RawMessage{},
		entries:  map[string]*Entry{}, running: map[string]*Entry{}, byUser: map[string][]*Entry{},
	}
}

func (ws *workspace) rebuild() {
	if ws.dirty {
		ws.usersSorted = sortedValues(ws.users, func(a, b *User) int {
			return cmp.Or(cmp.Compare(a.Email, b.Email), cmp.Compare(a.ID, b.ID))
		})
		ws.projectsSorted = sortedValues(ws.projects, func(a, b *Project) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		ws.groupsSorted = sortedValues(ws.groups, func(a, b *Group) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		ws.holidaysSorted = sortedValues(ws.holidays, func(a, b *Holiday) int {
			return cmp.Or(cmp.Compare(a.StartDate, b.StartDate), cmp.Compare(a.ID, b.ID))
		})
		ws.timeOffSorted = sortedValues(ws.timeOff, func(a, b *TimeOff) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
		ws.dirty = false
	}
	if ws.entriesDirty {
		ws.rebuildEntries()
	}
}

func sortedValues[T any](m map[string]*T, cmpFn func(a, b *T) int) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, cmpFn)
	return out
}

// groupsOf returns the ids of the groups userID belongs to.
func (ws *workspace) groupsOf(userID string) map[string]bool {
	out := map[string]bool{}
	for _, g := range ws.groups {
		if slices.Contains(g.UserIDs, userID) {
			out[g.ID] = true
		}
	}
	return out
}

// managersOf returns the team managers of userID: those set with
// SetManagers and those of the groups the user belongs to, sorted by email.
func (ws *workspace) managersOf(userID string) []*User {
	seen := map[string]bool{}
	var out []*User
	add := func(id string) {
		if u, ok := ws.users[id]; ok && !seen[id] && id != userID {
			seen[id] = true
			out = append(out, u)
		}
	}
	for _, id := range ws.managers[userID] {
		add(id)
	}
	for _, g := range ws.groupsSorted {
		if slices.Contains(g.UserIDs, userID) {
			for _, id := range g.ManagerIDs {
				add(id)
			}
		}
	}
	slices.SortFunc(out, func(a, b *User) int { return cmp.Or(cmp.Compare(a.Email, b.Email), cmp.Compare(a.ID, b.ID)) })
	return out
}

// ownerZone is the time zone of the key's owner: UTC when settings are null.
func (st *state) ownerZone() string {
	if st.owner.NullSettings {
		return "UTC"
	}
	return st.owner.TimeZone
}
