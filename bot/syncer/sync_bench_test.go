package syncer

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// BenchmarkSyncFullWeek measures one steady sync pass of a full week of
// 40 entries per user against the fake Clockify (in this process) answering
// every request after a latency. It reports the HTTP requests of a pass
// (the budget is ceil(E/1000)+10), the wall time, the goal
// 1.5 x (requests / 4) x latency of issue 12 for the production client
// (the default limiter and concurrency 4), and the floor the production
// limiter puts under any pass, (requests - 20) / 25 requests a second:
//
//	go test ./bot/syncer -run '^$' -bench 'BenchmarkSyncFullWeek/production/users=1000$' -benchtime 2x
//	go test ./bot/syncer -run '^$' -bench 'BenchmarkSyncFullWeek/production/users=10000$' -benchtime 1x
//
// Before each timed pass the limiter's bucket is left to refill, as it does
// between two passes in production (15 minutes apart).
func BenchmarkSyncFullWeek(b *testing.B) {
	b.Run("rps=unlimited", func(b *testing.B) {
		benchmarkSyncFullWeek(b, 1000, 50*time.Millisecond, false, clockify.WithRateLimit(0))
	})
	b.Run("rps=10", func(b *testing.B) {
		benchmarkSyncFullWeek(b, 1000, 50*time.Millisecond, false, clockify.WithRateLimit(10))
	})
	for _, users := range []int{1000, 10000} {
		for _, lat := range []time.Duration{20 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond} {
			b.Run(fmt.Sprintf("production/users=%d/latency=%v", users, lat), func(b *testing.B) { benchmarkSyncFullWeek(b, users, lat, true) })
		}
	}
}

// limiterRefill is how long the production limiter's bucket (20 tokens at
// 25 a second) takes to fill up.
const limiterRefill = time.Second

// benchmarkSyncFullWeek runs the benchmark with the fake in this process,
// or, when child is set, in a child process (startChildFake), where the
// garbage collection of its 40 entries a user does not slow the pass (at
// 10,000 users it took a third of the CPU of an in-process run).
func benchmarkSyncFullWeek(b *testing.B, users int, latency time.Duration, child bool, opts ...clockify.Option) {
	monday := rssMonday
	now := rssNow // Friday noon: the whole week is in the recent window
	var key, apiURL, reportsURL, ws string
	var rateLimited func() int
	if child {
		f := startChildFake(b, users, 40, latency)
		key, apiURL, reportsURL, ws, rateLimited = f.key, f.apiURL, f.reportsURL, f.workspaceID, f.stop
	} else {
		// Held to Clockify's 50 requests a second on the wall clock (429s
		// counted below).
		fake := clockifytest.NewTB(b, clockifytest.WithLatency(latency), clockifytest.WithClock(func() time.Time { return now }),
			clockifytest.WithPaidPlanRate(nil))
		fake.Generate(users, 40, monday, 1)
		key, apiURL, reportsURL, ws, rateLimited = fake.APIKey, fake.APIURL, fake.ReportsURL, fake.WorkspaceID, fake.RateLimited
	}
	api, err := clockify.NewClient(key, append([]clockify.Option{clockify.WithBaseURL(apiURL), clockify.WithReportsURL(reportsURL)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := New(api, st, Config{WorkspaceID: ws, BackfillDays: 7}, func() time.Time { return now }, log)
	// The first pass backfills; the benchmark measures the steady state.
	if _, err := s.Sync(context.Background(), Options{}); err != nil {
		b.Fatal(err)
	}
	var requests, entries int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		time.Sleep(limiterRefill)
		b.StartTimer()
		res, err := s.Sync(context.Background(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		requests += res.Requests
		entries += int64(res.Entries)
	}
	b.StopTimer()
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(rateLimited()), "429s")
	b.ReportMetric(float64(entries)/float64(b.N), "entries/op")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "wall-ms/op")
	b.ReportMetric(1.5*float64(requests)/float64(b.N)/4*float64(latency.Milliseconds()), "goal-ms/op")
	b.ReportMetric(max(float64(requests)/float64(b.N)-20, 0)/25*1000, "floor-ms/op")
}
