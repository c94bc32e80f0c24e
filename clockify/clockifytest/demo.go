package clockifytest

import (
	"fmt"
	"strings"
	"time"
)

// DemoPerson is one member of the demo team: who they are in Clockify and
// in Slack (same email), and what the demo's configuration says of them.
type DemoPerson struct {
	ClockifyID, SlackID, Handle, Name, Email, TimeZone string
	// Role is a short description for the demo page: "admin, group manager
	// of Platform", "part-timer (20 h)", ...
	Role string
	// Admin, Manager, Excluded and TargetHours are what the demo's
	// REPORT_ADMINS, Clockify managers, REPORT_EXCLUDE and REPORT_TARGETS say.
	Admin, Manager, Excluded bool
	TargetHours              float64 // 0: the workspace's REPORT_MIN_HOURS
}

// DemoWorkspace describes what LoadDemo put into the fake: the people and
// the week whose report the demo sends.
type DemoWorkspace struct {
	People []DemoPerson
	// LastWeek is the Monday 00:00 UTC of the reported week.
	LastWeek time.Time
	// MinHours is the weekly target of full-timers the demo configures.
	MinHours float64
}

// The demo's fixed settings.
const (
	DemoMinHours   = 35
	demoEmailHost  = "demo.example"
	demoGroupID    = "grp-platform"
	demoHolidayDay = 2 // Wednesday of the reported week
	demoTimerAge   = 75 * time.Minute
	// demoHistoryWeeks are the weeks before the reported one that have
	// time logged, so the trends (8 weeks) and "weeks in a row" show a
	// history rather than empty weeks.
	demoHistoryWeeks = 7
)

// demoPeople are the team, with their reported week Monday to Friday
// (Wednesday is the public holiday, so its hours are ignored).
var demoPeople = []struct {
	p    DemoPerson
	week [5]float64
}{
	{DemoPerson{Handle: "ada", Name: "Ada Park", TimeZone: "Europe/London", Role: "admin, group manager of Platform", Admin: true, Manager: true}, [5]float64{8, 8, 0, 8, 8}},
	{DemoPerson{Handle: "grace", Name: "Grace Liu", TimeZone: "America/Los_Angeles", Role: "team manager of Femi, Hana, Ivan and Lea", Manager: true}, [5]float64{8, 8.5, 0, 8, 7.5}},
	{DemoPerson{Handle: "bruno", Name: "Bruno Keller", TimeZone: "Europe/Berlin", Role: "vacation Monday and Tuesday"}, [5]float64{0, 0, 0, 8, 8}},
	{DemoPerson{Handle: "chloe", Name: "Chloé Martin", TimeZone: "Europe/Berlin", Role: "half a day off on Friday"}, [5]float64{8, 8, 0, 8, 4}},
	{DemoPerson{Handle: "dev", Name: "Dev Sharma", TimeZone: "Asia/Kolkata", Role: "3 h at the doctor on Thursday"}, [5]float64{8, 8, 0, 5, 8}},
	{DemoPerson{Handle: "emi", Name: "Emi Sato", TimeZone: "Asia/Tokyo", Role: "under target, no hours on Friday"}, [5]float64{6, 5, 0, 4.5, 0}},
	{DemoPerson{Handle: "femi", Name: "Femi Adeyemi", TimeZone: "America/New_York", Role: "part-timer (20 h)", TargetHours: 20}, [5]float64{4, 4, 0, 4, 4}},
	{DemoPerson{Handle: "hana", Name: "Hana Novak", TimeZone: "Europe/Berlin", Role: "pending time-off request Thursday and Friday"}, [5]float64{8, 8, 0, 0, 0}},
	{DemoPerson{Handle: "ivan", Name: "Ivan Petrov", TimeZone: "Europe/London", Role: "timer running now"}, [5]float64{8, 8, 0, 8, 8}},
	{DemoPerson{Handle: "jonas", Name: "Jonas Berg", TimeZone: "Europe/Berlin", Role: "on the exception list", Excluded: true}, [5]float64{3, 4, 0, 2, 1}},
	{DemoPerson{Handle: "kenji", Name: "Kenji Ito", TimeZone: "Asia/Tokyo", Role: "half an hour short"}, [5]float64{7, 7, 0, 7, 6.5}},
	{DemoPerson{Handle: "lea", Name: "Lea Rossi", TimeZone: "America/New_York", Role: "under target"}, [5]float64{7, 6, 0, 6, 3}},
}

// demoProjects are the projects the demo logs time on, in turn.
var demoProjects = []Project{
	{ID: "proj-web", Name: "Website Redesign", ClientName: "Globex", Billable: true},
	{ID: "proj-app", Name: "Mobile App", ClientName: "Initech", Billable: true},
	{ID: "proj-int", Name: "Internal Tools"},
}

// demoDescriptions are the entries' descriptions, in turn.
var demoDescriptions = []string{"Code review", "Planning", "Bug fixing", "Customer call", "Documentation"}

// LoadDemo fills the default workspace with the demo team of about twelve
// people in six time zones, deterministic from now: seven weeks of history
// (Emi and Lea already short the week before), then last week (the ISO week
// before now's, in UTC) has a public holiday on Wednesday for everyone,
// approved full-day, half-day and hourly time off, a pending request that
// does not count, people under target and one on the exception list; this
// week has the hours of the days already over, and Ivan's timer runs since
// 75 minutes before now. Ada manages the Platform group; Grace is the team
// manager of four people; Ada is the workspace owner (the API key's user).
func (s *Server) LoadDemo(now time.Time) DemoWorkspace {
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	thisMonday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	lastMonday := thisMonday.AddDate(0, 0, -7)
	out := DemoWorkspace{LastWeek: lastMonday, MinHours: DemoMinHours}

	for _, p := range demoProjects {
		s.AddProject(p)
	}
	ids := map[string]string{}
	for i, d := range demoPeople {
		p := d.p
		p.ClockifyID = "cf-" + p.Handle
		p.SlackID = "U" + strings.ToUpper(p.Handle)
		p.Email = p.Handle + "@" + demoEmailHost
		ids[p.Handle] = p.ClockifyID
		u := User{ID: p.ClockifyID, Email: p.Email, Name: p.Name, TimeZone: p.TimeZone}
		s.AddUser(u)
		if p.Handle == "ada" {
			s.SetOwner(u)
		}
		out.People = append(out.People, p)
		loc := demoLocation(p.TimeZone)
		// Last week, Monday to Friday; Wednesday is the holiday.
		for k, h := range d.week {
			if k == demoHolidayDay || h == 0 {
				continue
			}
			s.addDemoWork(p.ClockifyID, i+k, lastMonday.AddDate(0, 0, k), loc, h, now)
		}
		// The weeks before: full weeks (the part-timer's 20 h), except that
		// Lea and Emi were already short the week before the reported one.
		for w := 1; w <= demoHistoryWeeks; w++ {
			monday := lastMonday.AddDate(0, 0, -7*w)
			for k := 0; k < 5; k++ {
				s.addDemoWork(p.ClockifyID, i+k+w, monday.AddDate(0, 0, k), loc, demoHistoryHours(p, w, k), now)
			}
		}
		// This week: the working days so far, entries that ended before
		// now (before Ivan's timer started, for him).
		limit := now
		if p.Handle == "ivan" {
			limit = now.Add(-demoTimerAge)
		}
		for k := 0; k < 5; k++ {
			s.addDemoWork(p.ClockifyID, i+k+1, thisMonday.AddDate(0, 0, k), loc, 8-float64(i%3)/2, limit)
		}
	}
	id := func(h string) string { return ids[h] }
	s.AddGroup(Group{ID: demoGroupID, Name: "Platform",
		UserIDs:    []string{id("bruno"), id("chloe"), id("dev"), id("emi"), id("jonas"), id("kenji")},
		ManagerIDs: []string{id("ada")}})
	for _, h := range []string{"femi", "hana", "ivan", "lea"} {
		s.SetManagers(id(h), id("grace"))
	}

	date := func(k int) string { return lastMonday.AddDate(0, 0, k).Format("2006-01-02") }
	s.AddHoliday(Holiday{ID: "hol-founders", Name: "Founders' Day", StartDate: date(demoHolidayDay), Everyone: true})
	localDay := func(handle string, k int, hour, minute int) time.Time {
		loc := demoLocation(s.demoZone(handle, out.People))
		d := lastMonday.AddDate(0, 0, k)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc)
	}
	s.AddTimeOff(TimeOff{ID: "tor-bruno", UserID: id("bruno"), PolicyName: "Vacation",
		Start: localDay("bruno", 0, 0, 0), End: localDay("bruno", 1, 23, 59)})
	s.AddTimeOff(TimeOff{ID: "tor-chloe", UserID: id("chloe"), PolicyName: "Vacation", HalfDay: true,
		Start: localDay("chloe", 4, 13, 0), End: localDay("chloe", 4, 17, 0)})
	s.AddTimeOff(TimeOff{ID: "tor-dev", UserID: id("dev"), PolicyName: "Doctor", Unit: "HOURS",
		Start: localDay("dev", 3, 14, 0), End: localDay("dev", 3, 17, 0)})
	s.AddTimeOff(TimeOff{ID: "tor-hana", UserID: id("hana"), PolicyName: "Vacation", Status: "PENDING",
		Start: localDay("hana", 3, 0, 0), End: localDay("hana", 4, 23, 59)})

	// Ivan's timer has been running for a while.
	s.AddEntry(Entry{UserID: id("ivan"), ProjectID: demoProjects[1].ID, Description: "Release checklist",
		Billable: true, Start: now.Add(-demoTimerAge).Truncate(time.Second)})
	return out
}

// demoHistoryHours is what p logged on weekday k of the week w weeks before
// the reported one: a full day (4 h for the part-timer), less in the
// week just before for the two people now in their 2nd week under target,
// and little for the person on the exception list.
func demoHistoryHours(p DemoPerson, w, k int) float64 {
	switch {
	case p.TargetHours > 0:
		return p.TargetHours / 5
	case p.Excluded:
		return 2
	case w == 1 && (p.Handle == "lea" || p.Handle == "emi"):
		return 5
	}
	return 7 + float64((w+k)%3)/2
}

// addDemoWork logs hours on day (a UTC midnight naming the civil date) from
// 09:00 in loc, as a morning and an afternoon entry, leaving out what would
// end after limit.
func (s *Server) addDemoWork(userID string, n int, day time.Time, loc *time.Location, hours float64, limit time.Time) {
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, loc)
	total := time.Duration(hours * float64(time.Hour))
	morning := min(total, 4*time.Hour)
	parts := []struct{ from, d time.Duration }{{0, morning}, {morning + time.Hour, total - morning}}
	for j, part := range parts {
		if part.d <= 0 {
			continue
		}
		from := start.Add(part.from)
		end := from.Add(part.d)
		if end.After(limit) {
			return
		}
		p := demoProjects[(n+j)%len(demoProjects)]
		s.AddEntry(Entry{UserID: userID, ProjectID: p.ID, Billable: p.Billable,
			Description: demoDescriptions[(n+j)%len(demoDescriptions)], Start: from, End: &end})
	}
}

// demoZone returns the time zone of the demo person with handle.
func (s *Server) demoZone(handle string, people []DemoPerson) string {
	for _, p := range people {
		if p.Handle == handle {
			return p.TimeZone
		}
	}
	panic(fmt.Sprintf("clockifytest: no demo person %q", handle))
}

// demoLocation loads a zone of the demo's fixed list, which the Go time
// zone database always has.
func demoLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("clockifytest: demo time zone %s: %v", name, err))
	}
	return loc
}
