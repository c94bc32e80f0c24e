package report

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// leanWeekStore stores users people with perUser entries each (ids and
// descriptions included) in week 46 of 2026, one of them with a running
// timer whose finished copy is stored too.
func leanWeekStore(t *testing.T, users, perUser int) (*Builder, []store.User) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "lean.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	monday := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	batch := store.Batch{}
	win := store.EntryWindow{From: monday, To: monday.AddDate(0, 0, 7)}
	for u := range users {
		id := fmt.Sprintf("u%04d", u)
		batch.Users = append(batch.Users, store.User{ID: id, Email: id + "@example.com", Name: id, Status: "ACTIVE"})
		for e := range perUser {
			start := monday.AddDate(0, 0, e%5).Add(time.Duration(8+e/5) * time.Hour)
			win.Entries = append(win.Entries, store.Entry{ID: fmt.Sprintf("%s-%03d", id, e), UserID: id, ProjectID: "p1",
				Description: "a description the rules never read", Start: start, End: start.Add(30 * time.Minute)})
		}
	}
	batch.Windows = []store.EntryWindow{win}
	if err := st.Apply(batch); err != nil {
		t.Fatal(err)
	}
	r := New(st, Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), nil, nil)
	return r, batch.Users
}

// TestUsersAllocationsDoNotGrowWithEntries: the week evaluation decodes
// only what the rules read into a reused buffer, so four times the entries
// cost (almost) no more allocations; copying every entry's id and
// description into a per-user map cost two or more an entry.
func TestUsersAllocationsDoNotGrowWithEntries(t *testing.T) {
	const users = 100
	w, now := weekly.Week{Year: 2026, Num: 46}, time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	allocs := map[int]float64{}
	for _, perUser := range []int{10, 40} {
		t.Run(fmt.Sprintf("%d entries a person", perUser), func(t *testing.T) {
			r, us := leanWeekStore(t, users, perUser)
			var got map[string]UserReport
			allocs[perUser] = testing.AllocsPerRun(3, func() {
				var err error
				if got, err = r.Users(us, w, now); err != nil {
					t.Fatal(err)
				}
			})
			want := time.Duration(perUser) * 30 * time.Minute
			for _, u := range us {
				if h := got[u.ID].Hours; h != want.Hours() {
					t.Fatalf("%s: %v hours, want %v", u.ID, h, want.Hours())
				}
			}
		})
	}
	// One allocation per entry would cost 30 more a person. The count of a
	// run varies by a few per person whatever the entries (with or without
	// garbage collection), so the bound is 5, not 1.
	if extra := (allocs[40] - allocs[10]) / users; extra > 5 {
		t.Errorf("30 more entries a person cost %.1f more allocations a person (%v), want at most 5", extra, allocs)
	}
}
