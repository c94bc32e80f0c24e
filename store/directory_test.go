package store

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestUsers(t *testing.T) {
	s := newTestStore(t)
	ann := User{ID: "u1", Email: "Ann@Example.com", Name: "Ann", TimeZone: "Europe/Berlin", Status: "ACTIVE", GroupIDs: []string{"g1"}}
	bob := User{ID: "u2", Email: "bob@example.com", Name: "Bob"}
	cat := User{ID: "u3", Email: "CAT@example.com", Name: "Cat"}
	noMail := User{ID: "u4", Name: "No mail"}
	mustApply(t, s, Batch{Users: []User{cat, bob, noMail, ann}})

	got, err := s.Users()
	if want := []User{noMail, ann, bob, cat}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Users() = %+v, %v; want %+v (by lower-case email)", got, err, want)
	}
	if u, ok, err := s.User("u1"); err != nil || !ok || !reflect.DeepEqual(u, ann) {
		t.Errorf("User(u1) = %+v, %v, %v; want %+v", u, ok, err, ann)
	}
	if _, ok, err := s.User("nobody"); ok || err != nil {
		t.Errorf("User(nobody) = %v, %v; want not found", ok, err)
	}
	lookups := []struct {
		email  string
		wantID string // "" for not found
	}{
		{"ann@example.com", "u1"},
		{"ANN@EXAMPLE.COM", "u1"},
		{" ann@example.com ", "u1"},
		{"cat@example.com", "u3"},
		{"an@example.com", ""},
		{"ann@example.co", ""},
		{"", ""},
	}
	for _, tc := range lookups {
		u, ok, err := s.UserByEmail(tc.email)
		if err != nil || ok != (tc.wantID != "") || u.ID != tc.wantID {
			t.Errorf("UserByEmail(%q) = %q, %v, %v; want %q", tc.email, u.ID, ok, err, tc.wantID)
		}
	}

	// A replace drops users and their index entries; the same id twice keeps
	// the last.
	annNew := ann
	annNew.Email = "ann.new@example.com"
	mustApply(t, s, Batch{Users: []User{ann, bob, annNew}})
	if _, ok, _ := s.UserByEmail("ann@example.com"); ok {
		t.Error("UserByEmail(old address) still finds a user")
	}
	if _, ok, _ := s.UserByEmail("cat@example.com"); ok {
		t.Error("UserByEmail() finds a user the replace removed")
	}
	if u, ok, _ := s.UserByEmail("ann.new@example.com"); !ok || u.ID != "u1" {
		t.Errorf("UserByEmail(new address) = %+v, %v; want u1", u, ok)
	}
	if got, _ := s.Users(); len(got) != 2 {
		t.Errorf("Users() after replace = %+v, want 2 users", got)
	}
}

func TestManagers(t *testing.T) {
	s := newTestStore(t)
	m1 := Managers{UserID: "u1", ManagerIDs: []string{"m1"}, FetchedAt: at(16, 9)}
	m2 := Managers{UserID: "u2", ManagerIDs: []string{}, FetchedAt: at(16, 9)}
	mustApply(t, s, Batch{Managers: []Managers{m1, m2}})
	m1b := Managers{UserID: "u1", ManagerIDs: []string{"m1", "m2"}, FetchedAt: at(17, 9)}
	mustApply(t, s, Batch{Managers: []Managers{m1b}})
	for _, tc := range []struct {
		id   string
		want Managers
		ok   bool
	}{{"u1", m1b, true}, {"u2", m2, true}, {"u3", Managers{}, false}} {
		got, ok, err := s.Managers(tc.id)
		if err != nil || ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Managers(%s) = %+v, %v, %v; want %+v, %v", tc.id, got, ok, err, tc.want, tc.ok)
		}
	}
	all, err := s.AllManagers()
	if want := map[string]Managers{"u1": m1b, "u2": m2}; err != nil || !reflect.DeepEqual(all, want) {
		t.Errorf("AllManagers() = %+v, %v; want %+v", all, err, want)
	}
}

func TestGroupsProjectsHolidays(t *testing.T) {
	s := newTestStore(t)
	mustApply(t, s, Batch{
		Groups:   []Group{{ID: "g2", Name: "beta", UserIDs: []string{"u1"}}, {ID: "g1", Name: "Alpha", UserIDs: []string{}, ManagerIDs: []string{"m1"}}},
		Projects: []Project{{ID: "p1", Name: "zeta"}, {ID: "p2", Name: "Alpha", ClientName: "ACME", Billable: true}, {ID: "p3", Name: "beta", Archived: true}},
		Holidays: []Holiday{
			{ID: "h2", Name: "Boxing Day", StartDate: "2026-12-26", EndDate: "2026-12-26"},
			{ID: "h1", Name: "Christmas", StartDate: "2026-12-25", EndDate: "2026-12-25", OccursAnnually: true, UserIDs: []string{"u1"}, GroupIDs: []string{"g1"}},
		},
	})
	gs, err := s.Groups()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groupIDs(gs), []string{"g1", "g2"}; !slices.Equal(got, want) {
		t.Errorf("Groups() = %v, want %v (by name)", got, want)
	}
	if !reflect.DeepEqual(gs[0], Group{ID: "g1", Name: "Alpha", UserIDs: []string{}, ManagerIDs: []string{"m1"}}) {
		t.Errorf("Groups()[0] = %+v", gs[0])
	}
	ps, err := s.Projects()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	if want := []string{"Alpha", "beta", "zeta"}; !slices.Equal(names, want) {
		t.Errorf("Projects() names = %v, want %v", names, want)
	}
	if p, ok, err := s.Project("p2"); err != nil || !ok || !reflect.DeepEqual(p, Project{ID: "p2", Name: "Alpha", ClientName: "ACME", Billable: true}) {
		t.Errorf("Project(p2) = %+v, %v, %v", p, ok, err)
	}
	if _, ok, err := s.Project("p9"); ok || err != nil {
		t.Errorf("Project(p9) = %v, %v; want not found", ok, err)
	}
	hs, err := s.Holidays()
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].ID != "h1" || !reflect.DeepEqual(hs[0].GroupIDs, []string{"g1"}) || !hs[0].OccursAnnually {
		t.Errorf("Holidays() = %+v, want Christmas first with its fields", hs)
	}
}

func groupIDs(gs []Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.ID)
	}
	return out
}

func TestTimeOff(t *testing.T) {
	s := newTestStore(t)
	req := func(id, user string, start, end time.Time) TimeOff {
		return TimeOff{ID: id, UserID: user, Status: "APPROVED", Unit: "DAYS", Start: start, End: end}
	}
	long := req("long", "u1", at(2, 0), at(28, 0)) // spans every window below
	mustApply(t, s, Batch{TimeOff: []TimeOffWindow{{From: at(1, 0), To: at(30, 0), Requests: []TimeOff{
		long,
		req("before", "u1", at(5, 0), at(6, 0)),
		req("in", "u2", at(17, 0), at(18, 0)),
		req("edit", "u2", at(18, 0), at(19, 0)),
		req("gone", "u3", at(19, 0), at(20, 0)),
		req("after", "u1", at(25, 0), at(26, 0)),
		req("ends-at-from", "u1", at(15, 0), at(16, 0)),
	}}}})

	reqIDs := func(from, to time.Time) []string {
		t.Helper()
		rs, err := s.TimeOff(from, to)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	if got, want := reqIDs(at(16, 0), at(23, 0)), []string{"long", "in", "edit", "gone"}; !slices.Equal(got, want) {
		t.Errorf("TimeOff(week) = %v, want %v", got, want)
	}

	// The week is re-synced: "edit" got longer, "gone" was cancelled and
	// "before" was moved into the week.
	edited := req("edit", "u2", at(18, 0), at(21, 0))
	mustApply(t, s, Batch{TimeOff: []TimeOffWindow{{From: at(16, 0), To: at(23, 0), Requests: []TimeOff{
		long, req("in", "u2", at(17, 0), at(18, 0)), edited, req("before", "u1", at(22, 0), at(23, 0)),
	}}}})
	if got, want := reqIDs(at(16, 0), at(23, 0)), []string{"long", "in", "edit", "before"}; !slices.Equal(got, want) {
		t.Errorf("TimeOff(week) after re-sync = %v, want %v", got, want)
	}
	if got, want := reqIDs(at(1, 0), at(30, 0)), []string{"long", "ends-at-from", "in", "edit", "before", "after"}; !slices.Equal(got, want) {
		t.Errorf("TimeOff(month) after re-sync = %v, want %v (others untouched, no duplicates)", got, want)
	}
	rs, _ := s.TimeOff(at(20, 0), at(21, 0))
	if len(rs) != 2 || !reflect.DeepEqual(rs[1], edited) {
		t.Errorf("TimeOff(20th) = %+v, want long and %+v", rs, edited)
	}
}

// TestUsersReplacedInPlace checks that a later users list, written only
// where it changed, leaves the email index exactly right: an email that
// changed moves, a user no longer listed disappears, an unchanged one stays.
func TestUsersReplacedInPlace(t *testing.T) {
	s := newTestStore(t)
	first := []User{
		{ID: "u1", Email: "ann@example.com", Name: "Ann"},
		{ID: "u2", Email: "bob@example.com", Name: "Bob"},
		{ID: "u3", Email: "cat@example.com", Name: "Cat"},
	}
	second := []User{
		{ID: "u1", Email: "ann@example.com", Name: "Ann"},       // unchanged
		{ID: "u2", Email: "robert@example.com", Name: "Robert"}, // new email
		{ID: "u4", Email: "dan@example.com", Name: "Dan"},       // joined; u3 left
	}
	for _, users := range [][]User{first, second} {
		if err := s.Apply(Batch{Users: users}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		email, wantID string
	}{
		{"ann@example.com", "u1"},
		{"bob@example.com", ""},
		{"robert@example.com", "u2"},
		{"cat@example.com", ""},
		{"dan@example.com", "u4"},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			u, ok, err := s.UserByEmail(tt.email)
			if err != nil {
				t.Fatal(err)
			}
			if got := map[bool]string{true: u.ID}[ok]; got != tt.wantID {
				t.Errorf("UserByEmail(%q) = %q, want %q", tt.email, got, tt.wantID)
			}
		})
	}
	users, err := s.Users()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range users {
		ids = append(ids, u.ID+"="+u.Name)
	}
	if want := []string{"u1=Ann", "u4=Dan", "u2=Robert"}; /* by email */ !slices.Equal(ids, want) {
		t.Errorf("Users() = %v, want %v", ids, want)
	}
}
