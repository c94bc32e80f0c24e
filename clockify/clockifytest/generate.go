package clockifytest

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generatedZones are the time zones of generated users, in turn.
var generatedZones = [...]string{"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"}

// generatedProjects are the projects Generate adds.
var generatedProjects = [...]Project{
	{ID: "proj-1", Name: "Website Redesign", ClientName: "Globex", Billable: true},
	{ID: "proj-2", Name: "Mobile App", ClientName: "Initech", Billable: true},
	{ID: "proj-3", Name: "Internal Tools"},
	{ID: "proj-4", Name: "Support", ClientName: "Globex", Billable: true},
	{ID: "proj-5", Name: "Research"},
}

var generatedDescriptions = [...]string{
	"Code review", "Planning", "Bug fixing", "Customer call", "Documentation",
	"Design review", "Deployment", "Standup", "Testing", "Refactoring",
}

// Generate adds deterministic users, projects and completed entries to the
// default workspace, for benchmarks and the demo. Users are "u0001"... with
// emails u0001@example.com... and time zones cycling through UTC,
// Europe/Berlin, America/Los_Angeles and Asia/Tokyo; the 5 projects are
// "proj-1".."proj-5". Each user gets entriesPerUser entries, none
// overlapping, on Monday to Friday of the ISO week starting at week (a
// Monday 00:00 UTC), between 06:00 and 20:00 UTC so that every entry lies in
// that week in UTC. The same arguments give the same users, projects and
// times; calling Generate again re-adds the same users and projects and adds
// more entries (entry ids come from the server's counter).
func (s *Server) Generate(users, entriesPerUser int, week time.Time, seed int64) {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	week = week.UTC()
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.primary()
	for _, p := range generatedProjects {
		ws.projects[p.ID] = &p
	}
	for i := 1; i <= users; i++ {
		u := normalizeUser(User{
			ID:       fmt.Sprintf("u%04d", i),
			Email:    fmt.Sprintf("u%04d@example.com", i),
			Name:     fmt.Sprintf("User %04d", i),
			TimeZone: generatedZones[(i-1)%len(generatedZones)],
		})
		ws.users[u.ID] = &u
		for _, e := range generateEntries(rng, u.ID, entriesPerUser, week) {
			e.ID = s.st.newID("te")
			ws.putEntry(e, true)
		}
	}
	ws.dirty = true
}

// generateEntries spreads n entries over Monday to Friday of week: each day
// gets an equal share of the 14 hours from 06:00 UTC, one entry per slot.
func generateEntries(rng *rand.Rand, userID string, n int, week time.Time) []*Entry {
	if n <= 0 {
		return nil
	}
	perDay := (n + 4) / 5
	slot := 14 * time.Hour / time.Duration(perDay)
	out := make([]*Entry, 0, n)
	for k := range n {
		day, j := k%5, k/5
		slotStart := week.AddDate(0, 0, day).Add(6*time.Hour + time.Duration(j)*slot)
		// Start in the first quarter of the slot, last a quarter to three
		// quarters of it, in whole minutes when the slot allows.
		start := slotStart.Add(randDuration(rng, slot/4)).Truncate(time.Second)
		end := start.Add(slot/4 + randDuration(rng, slot/2)).Truncate(time.Second)
		if !end.After(start) {
			end = start.Add(time.Second)
		}
		p := generatedProjects[rng.IntN(len(generatedProjects))]
		e := &Entry{
			UserID: userID, ProjectID: p.ID, Billable: p.Billable, Type: "REGULAR",
			Description: generatedDescriptions[rng.IntN(len(generatedDescriptions))],
			Start:       start, End: &end,
		}
		if rng.IntN(10) == 0 {
			e.ProjectID, e.Billable = "", false
		}
		out = append(out, e)
	}
	return out
}

// randDuration returns a random duration in [0, d), in whole minutes when d
// is at least a minute.
func randDuration(rng *rand.Rand, d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	if d >= time.Minute {
		return time.Duration(rng.Int64N(int64(d/time.Minute))) * time.Minute
	}
	return time.Duration(rng.Int64N(int64(d)))
}
