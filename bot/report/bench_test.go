package report

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// BenchmarkReportBuild computes the weekly report of 10,000 users and
// 400,000 entries from the store (no Slack lookups): one op is one whole
// report.
func BenchmarkReportBuild(b *testing.B) {
	const users, perUser = 10000, 40
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	zones := []string{"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo"}
	monday := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	batch := store.Batch{Users: make([]store.User, 0, users), Projects: []store.Project{{ID: "p1", Name: "Design", Billable: true}}}
	win := store.EntryWindow{From: monday.Add(-24 * time.Hour), To: monday.AddDate(0, 0, 8)}
	for u := 0; u < users; u++ {
		id := fmt.Sprintf("u%05d", u)
		batch.Users = append(batch.Users, store.User{ID: id, Email: id + "@example.com", Name: id, TimeZone: zones[u%len(zones)], Status: "ACTIVE"})
		for e := 0; e < perUser; e++ {
			// Most people work 8 x 40 min a day (~27h); every tenth works a third less.
			dur := 40 * time.Minute
			if u%10 == 0 {
				dur = 26 * time.Minute
			}
			start := monday.AddDate(0, 0, e/8).Add(8*time.Hour + time.Duration(e%8)*time.Hour)
			win.Entries = append(win.Entries, store.Entry{ID: fmt.Sprintf("%s-%02d", id, e), UserID: id, ProjectID: "p1", Billable: true, Start: start, End: start.Add(dur)})
		}
	}
	batch.Windows = []store.EntryWindow{win}
	if err := st.Apply(batch); err != nil {
		b.Fatal(err)
	}
	r := New(st, Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w := weekly.Week{Year: 2026, Num: 46}
	now := monday.AddDate(0, 0, 8)
	b.ReportAllocs()
	b.ResetTimer()
	var flagged int
	for i := 0; i < b.N; i++ {
		rep, _, err := r.Build(context.Background(), w, now)
		if err != nil {
			b.Fatal(err)
		}
		flagged = 0
		for _, u := range rep.Users {
			if u.Flagged {
				flagged++
			}
		}
		if len(rep.Users) != users {
			b.Fatalf("report has %d users, want %d", len(rep.Users), users)
		}
	}
	b.ReportMetric(float64(flagged), "flagged")
}
