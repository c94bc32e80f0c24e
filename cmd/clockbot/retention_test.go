package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// TestSyncPrunesOldEntries checks that a successful `clockbot sync` deletes
// the entries older than RETENTION_DAYS and keeps the younger ones.
func TestSyncPrunesOldEntries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		retention string
		wantOld   bool
	}{
		{"default 400 days", "", false},
		{"1000 days", "1000", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake := clockifytest.NewTB(t)
			fake.Generate(2, 5, time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -7), 1)
			db := fakeEnv(t, fake)
			if tc.retention != "" {
				t.Setenv("RETENTION_DAYS", tc.retention)
			}
			st, err := store.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now().UTC().AddDate(0, 0, -500)
			if err := st.PutEntry(store.Entry{ID: "ancient", UserID: "u0001", Start: start, End: start.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			var out, errOut bytes.Buffer
			if err := run(t.Context(), []string{"sync"}, &out, &errOut); err != nil {
				t.Fatalf("clockbot sync: %v\nstderr: %s", err, errOut.String())
			}
			st, err = store.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			old, err := st.EntriesForUser("u0001", start.Add(-time.Hour), start.Add(2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(old) == 1; got != tc.wantOld {
				t.Errorf("500-day-old entry kept = %v, want %v", got, tc.wantOld)
			}
			if n, _ := st.CountEntries(); n < 10 {
				t.Errorf("%d entries after the sync, want the 10 synced ones kept", n)
			}
		})
	}
}
