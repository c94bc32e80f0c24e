package syncer

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// BenchmarkSyncFullWeek measures one sync pass of a full week of 1,000 users
// and 40,000 entries against the fake Clockify answering every request after
// 50 ms. It reports the HTTP requests of a pass (the budget is
// ceil(E/1000)+10) and the wall time.
func BenchmarkSyncFullWeek(b *testing.B) {
	b.Run("rps=unlimited", func(b *testing.B) { benchmarkSyncFullWeek(b, 0) })
	b.Run("rps=10", func(b *testing.B) { benchmarkSyncFullWeek(b, 10) }) // the CLOCKIFY_MAX_RPS default
}

func benchmarkSyncFullWeek(b *testing.B, rps float64) {
	monday := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	now := monday.Add(4*24*time.Hour + 12*time.Hour) // Friday noon: the whole week is in the recent window
	fake := clockifytest.NewTB(b, clockifytest.WithLatency(50*time.Millisecond), clockifytest.WithClock(func() time.Time { return now }))
	fake.Generate(1000, 40, monday, 1)
	api, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithReportsURL(fake.ReportsURL), clockify.WithRateLimit(rps))
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := New(api, st, Config{WorkspaceID: fake.WorkspaceID, BackfillDays: 7}, func() time.Time { return now }, log)
	// The first pass backfills; the benchmark measures the steady state.
	if _, err := s.Sync(context.Background(), Options{}); err != nil {
		b.Fatal(err)
	}
	var requests, entries int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.Sync(context.Background(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		requests += res.Requests
		entries += int64(res.Entries)
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(entries)/float64(b.N), "entries/op")
}
