package report

import (
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

// BenchmarkTrends evaluates the last 8 weeks of 300 people (8 weeks x 5
// days x 2 entries each, 24,000 entries): "one_read" is Trends, one store
// read for the 8 weeks; for comparison "week_by_week" calls Users once
// per week and "person_by_person" once per person and week (8 x N reads).
func BenchmarkTrends(b *testing.B) {
	const users = 300
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	last := weekly.Week{Year: 2026, Num: 46}
	weeks := WeeksBack(last, TrendWeeks)
	first := weeks[0].Start(time.UTC)
	batch := store.Batch{Projects: []store.Project{{ID: "p1", Name: "Design", Billable: true}}}
	win := store.EntryWindow{From: first.AddDate(0, 0, -1), To: last.End(time.UTC).AddDate(0, 0, 1)}
	for u := range users {
		id := fmt.Sprintf("u%04d", u)
		batch.Users = append(batch.Users, store.User{ID: id, Email: id + "@example.com", Name: id, TimeZone: "Europe/Berlin", Status: "ACTIVE"})
		for w := range TrendWeeks {
			for d := range 5 {
				for k := range 2 {
					start := first.AddDate(0, 0, 7*w+d).Add(time.Duration(8+4*k) * time.Hour)
					win.Entries = append(win.Entries, store.Entry{ID: fmt.Sprintf("%s-%d-%d-%d", id, w, d, k), UserID: id, ProjectID: "p1", Billable: k == 0, Start: start, End: start.Add(3 * time.Hour)})
				}
			}
		}
	}
	batch.Windows = []store.EntryWindow{win}
	if err := st.Apply(batch); err != nil {
		b.Fatal(err)
	}
	r := New(st, Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	now := last.End(time.UTC).Add(9 * time.Hour)
	b.Run("one_read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Trends(batch.Users, last, TrendWeeks, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("week_by_week", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, w := range weeks {
				if _, err := r.Users(batch.Users, w, now); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("person_by_person", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, u := range batch.Users {
				for _, w := range weeks {
					if _, err := r.Users([]store.User{u}, w, now); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}
