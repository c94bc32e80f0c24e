package syncer

import (
	"sort"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// This file maps Clockify's wire types to the store's types. The clockify
// and store packages never import each other; bot is where they meet.

// storeUsers converts workspace members, attaching the ids of the groups each
// belongs to. The status kept is the workspace membership status.
func storeUsers(users []clockify.User, groups []clockify.UserGroup, workspaceID string) []store.User {
	groupsOf := make(map[string][]string)
	for _, g := range groups {
		for _, id := range g.UserIDs {
			groupsOf[id] = append(groupsOf[id], g.ID)
		}
	}
	out := make([]store.User, 0, len(users))
	for _, u := range users {
		status := u.MembershipStatus(workspaceID)
		if status == "" {
			status = u.Status
		}
		gs := groupsOf[u.ID]
		sort.Strings(gs)
		out = append(out, store.User{
			ID:       u.ID,
			Email:    u.Email,
			Name:     u.Name,
			TimeZone: u.TimeZone(),
			Status:   status,
			GroupIDs: gs,
		})
	}
	return out
}

// storeProjects converts projects.
func storeProjects(ps []clockify.Project) []store.Project {
	out := make([]store.Project, 0, len(ps))
	for _, p := range ps {
		out = append(out, store.Project{ID: p.ID, Name: p.Name, ClientName: p.ClientName, Archived: p.Archived, Billable: p.Billable})
	}
	return out
}

// storeGroups converts user groups with their team managers.
func storeGroups(gs []clockify.UserGroup) []store.Group {
	out := make([]store.Group, 0, len(gs))
	for _, g := range gs {
		mids := make([]string, 0, len(g.TeamManagers))
		for _, m := range g.TeamManagers {
			mids = append(mids, m.ID)
		}
		out = append(out, store.Group{ID: g.ID, Name: g.Name, UserIDs: append([]string(nil), g.UserIDs...), ManagerIDs: mids})
	}
	return out
}

// storeReportEntries converts detailed-report rows. Report rows are always
// completed entries.
func storeReportEntries(rs []clockify.ReportEntry) []store.Entry {
	out := make([]store.Entry, 0, len(rs))
	for _, r := range rs {
		end := r.TimeInterval.End
		if end.IsZero() {
			end = r.TimeInterval.Start.Add(time.Duration(r.TimeInterval.Duration) * time.Second)
		}
		out = append(out, store.Entry{
			ID:          r.ID,
			UserID:      r.UserID,
			ProjectID:   r.ProjectID,
			Description: r.Description,
			Type:        r.Type,
			Billable:    r.Billable,
			Start:       r.TimeInterval.Start.UTC(),
			End:         end.UTC(),
		})
	}
	return out
}

// StoreEntry converts a time entry; a running timer keeps a zero End.
func StoreEntry(e clockify.TimeEntry) store.Entry {
	var end time.Time
	if e.TimeInterval.End != nil {
		end = e.TimeInterval.End.UTC()
	}
	return store.Entry{
		ID:          e.ID,
		UserID:      e.UserID,
		ProjectID:   e.ProjectID,
		Description: e.Description,
		Type:        e.Type,
		Billable:    e.Billable,
		Start:       e.TimeInterval.Start.UTC(),
		End:         end,
	}
}

// storeHolidays converts holidays.
func storeHolidays(hs []clockify.Holiday) []store.Holiday {
	out := make([]store.Holiday, 0, len(hs))
	for _, h := range hs {
		out = append(out, store.Holiday{
			ID:             h.ID,
			Name:           h.Name,
			StartDate:      dateOnly(h.DatePeriod.StartDate),
			EndDate:        dateOnly(h.DatePeriod.EndDate),
			OccursAnnually: h.OccursAnnually,
			Everyone:       h.EveryoneIncludingNew,
			UserIDs:        append([]string(nil), h.UserIDs...),
			GroupIDs:       append([]string(nil), h.UserGroupIDs...),
		})
	}
	return out
}

// dateOnly trims a date that came with a time part ("2026-12-25T00:00:00Z")
// to "2026-12-25".
func dateOnly(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// storeTimeOff converts time-off requests.
func storeTimeOff(rs []clockify.TimeOffRequest) []store.TimeOff {
	out := make([]store.TimeOff, 0, len(rs))
	for _, r := range rs {
		out = append(out, store.TimeOff{
			ID:         r.ID,
			UserID:     r.UserID,
			PolicyName: r.PolicyName,
			Status:     r.Status.StatusType,
			Unit:       r.TimeUnit,
			HalfDay:    r.TimeOffPeriod.HalfDay,
			Start:      r.TimeOffPeriod.Period.Start.UTC(),
			End:        r.TimeOffPeriod.Period.End.UTC(),
		})
	}
	return out
}

// runningEntries keeps one running timer per user (the latest start).
func runningEntries(es []clockify.TimeEntry) []store.Entry {
	byUser := make(map[string]store.Entry, len(es))
	for _, e := range es {
		se := StoreEntry(e)
		se.End = time.Time{}
		if cur, ok := byUser[se.UserID]; !ok || se.Start.After(cur.Start) {
			byUser[se.UserID] = se
		}
	}
	out := make([]store.Entry, 0, len(byUser))
	for _, e := range byUser {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out
}

// day formats t as a UTC date for messages.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }
