package people

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

// TestDirectoryManagers checks the one resolution of who manages whom, in
// its order: an admin's override, Clockify's team managers, the managers
// of the person's groups, REPORT_MANAGERS; nobody is their own manager.
func TestDirectoryManagers(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	user := func(id string, groups ...string) store.User {
		return store.User{ID: id, Email: id + "@example.com", Status: "ACTIVE", GroupIDs: groups}
	}
	err = st.Apply(store.Batch{
		Users:  []store.User{user("ann"), user("bob", "g1"), user("cat"), user("mia"), user("max"), user("dan", "g2")},
		Groups: []store.Group{{ID: "g1", ManagerIDs: []string{"max"}}, {ID: "g2", ManagerIDs: []string{"dan"}}},
		Managers: []store.Managers{
			{UserID: "ann", ManagerIDs: []string{"mia"}, FetchedAt: at},
			{UserID: "bob", ManagerIDs: []string{"bob"}, FetchedAt: at}, // only themself: the group's managers apply
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutSlackUser(store.SlackUser{Email: "max@example.com", SlackID: "UMAX", LookedUpAt: at}); err != nil {
		t.Fatal(err)
	}
	p := New(nil, st, Config{Managers: []string{"UBOSS", "cat@example.com"}}, func() time.Time { return at })
	if err := p.SetManagers("cat", []string{"UMAX", "UCAT"}); err != nil {
		t.Fatal(err)
	}
	d, err := p.Directory()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		user string
		want []ManagerRef
	}{
		{"ann", []ManagerRef{{ClockifyUserID: "mia", Email: "mia@example.com"}}},
		{"bob", []ManagerRef{{ClockifyUserID: "max", Email: "max@example.com"}}},
		{"cat", []ManagerRef{{SlackUserID: "UCAT"}, {ClockifyUserID: "max", Email: "max@example.com", SlackUserID: "UMAX"}}},
		{"dan", []ManagerRef{{SlackUserID: "UBOSS"}, {ClockifyUserID: "cat", Email: "cat@example.com"}}},
	}
	for _, tc := range tests {
		t.Run(tc.user, func(t *testing.T) {
			u, _, _ := st.User(tc.user)
			if got := d.Managers(u); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Managers(%s) = %+v, want %+v", tc.user, got, tc.want)
			}
		})
	}
}
