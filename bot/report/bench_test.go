package report

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
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
	st, r, w, now := benchReport(b)
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
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
		if len(rep.Users) != benchUsers {
			b.Fatalf("report has %d users, want %d", len(rep.Users), benchUsers)
		}
	}
	reportCPU(b, cpu0)
	b.ReportMetric(float64(flagged), "flagged")
}

// reportCPU reports the process's CPU time per op since cpu0: the whole
// process, so garbage collection counts too.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(processCPU()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkReportFloor measures the floor of BenchmarkReportBuild on the
// same data: walk is the store walk alone (store.ForEachUserEntries with
// nothing done per person), rules the weekly rules alone on everyone's
// entries already in memory (without ids, as the walk hands them over to
// the rules when nobody's timer is running). The build's goal is at most
// twice their sum.
func BenchmarkReportFloor(b *testing.B) {
	st, r, w, now := benchReport(b)
	defer st.Close()
	dir, err := r.people.Directory()
	if err != nil {
		b.Fatal(err)
	}
	users := dir.Users()
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	from, to := w.Bounds()
	b.Run("walk", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := processCPU()
		for b.Loop() {
			var n int
			if err := st.ForEachUserEntries(ids, from, to, func(_ int, es []store.LeanEntry) error {
				n += len(es)
				return nil
			}); err != nil || n != benchUsers*benchPerUser {
				b.Fatalf("walk saw %d entries, %v", n, err)
			}
		}
		reportCPU(b, cpu0)
	})
	entries := make([][]store.Entry, len(users))
	for i, u := range users {
		if entries[i], err = st.EntriesForUser(u.ID, from, to); err != nil {
			b.Fatal(err)
		}
		for j := range entries[i] {
			entries[i][j].ID, entries[i][j].Description = "", "" // as the lean walk hands them over
		}
	}
	params := r.Params()
	params.Now = now
	b.Run("rules", func(b *testing.B) {
		b.ReportAllocs()
		ev := weekly.NewEvaluator()
		cpu0 := processCPU()
		for b.Loop() {
			for i, u := range users {
				ev.Evaluate(weekly.Person{User: u}, w, entries[i], nil, nil, params)
			}
		}
		reportCPU(b, cpu0)
	})
}

// Size of the benchmarks' team: users with perUser entries each.
const benchUsers, benchPerUser = 10000, 40

// benchReport fills a store with benchUsers people in 4 zones, each with
// benchPerUser entries in week 46 of 2026 (every tenth a third short), and
// returns it with a Builder, the week and a time after it.
func benchReport(b *testing.B) (*store.Store, *Builder, weekly.Week, time.Time) {
	const users, perUser = benchUsers, benchPerUser
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
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
	runtime.GC() // the setup's garbage is not the report's
	return st, r, weekly.Week{Year: 2026, Num: 46}, monday.AddDate(0, 0, 8)
}
