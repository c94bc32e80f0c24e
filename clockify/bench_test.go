package clockify_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// benchClient returns a client for fake with the production limiter and
// concurrency (the defaults of NewClient).
func benchClient(b *testing.B, fake *clockifytest.Server) *clockify.Client {
	b.Helper()
	api, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithReportsURL(fake.ReportsURL))
	if err != nil {
		b.Fatal(err)
	}
	return api
}

// BenchmarkDetailedReportPages streams a week of 1,000 and 10,000 users (40
// entries each: 40 and 400 pages of 1,000 rows) from a replayed report
// (replayReport) at 200 ms a request, with the production limiter (25/s,
// burst 20) and concurrency (4). x_ideal is the wall time over
// (requests / concurrency) x latency; the goal is at most 1.5. At 200 ms,
// 4 in flight make 20 requests a second, under the limiter's 25.
func BenchmarkDetailedReportPages(b *testing.B) {
	const latency = 200 * time.Millisecond
	for _, users := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("users=%d", users), func(b *testing.B) {
			srv := replayReport(b, users*40, latency)
			api, err := clockify.NewClient(clockifytest.DefaultAPIKey, clockify.WithReportsURL(srv.URL))
			if err != nil {
				b.Fatal(err)
			}
			opts := clockify.DetailedReportOptions{Start: benchWeek, End: benchWeek.AddDate(0, 0, 7)}
			var rows, peak int
			var wall time.Duration
			b.ResetTimer()
			for b.Loop() {
				before := api.Requests()
				rows = 0
				start := time.Now()
				err := api.DetailedReportPages(context.Background(), clockifytest.DefaultWorkspaceID, opts, func(page []clockify.ReportEntry) error {
					rows += len(page)
					peak = max(peak, len(page))
					return nil
				})
				wall = time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if rows != users*40 {
					b.Fatalf("%d rows, want %d", rows, users*40)
				}
				reqs := api.Requests() - before
				ideal := time.Duration(float64(reqs) / float64(api.Concurrency()) * float64(latency))
				b.ReportMetric(float64(reqs), "requests/op")
				b.ReportMetric(wall.Seconds()/ideal.Seconds(), "x_ideal")
			}
			b.ReportMetric(float64(peak), "max_rows/page")
		})
	}
}

// BenchmarkTimerUnderSync starts 100 timers at once, each as a /tt user
// would, while a background sync floods the client with report and user
// requests; the fake answers in 100 ms. It reports the 50th and 99th
// percentile of the timer calls' latency.
func BenchmarkTimerUnderSync(b *testing.B) {
	const latency = 100 * time.Millisecond
	for _, starts := range []int{20, 100} {
		b.Run(fmt.Sprintf("starts=%d", starts), func(b *testing.B) {
			fake := clockifytest.NewTB(b, clockifytest.WithLatency(latency))
			fake.Generate(200, 5, benchWeek, 1)
			api := benchClient(b, fake)
			var p50, p99 time.Duration
			for b.Loop() {
				ctx, stop := context.WithCancel(context.Background())
				var flood sync.WaitGroup
				var queued atomic.Int64
				for range 32 { // the sync: far more than the limiter lets through
					flood.Go(func() {
						for ctx.Err() == nil {
							queued.Add(1)
							api.WorkspaceUsers(ctx, fake.WorkspaceID, nil)
						}
					})
				}
				for queued.Load() < 32 {
					time.Sleep(time.Millisecond)
				}
				time.Sleep(time.Second) // the flood has emptied the bucket
				lat := make([]time.Duration, starts)
				var wg sync.WaitGroup
				for i := range starts {
					wg.Go(func() {
						t0 := time.Now()
						_, err := api.StartTimer(context.Background(), fake.WorkspaceID, fmt.Sprintf("u%04d", i%200+1), clockify.StartTimerRequest{})
						lat[i] = time.Since(t0)
						if err != nil {
							b.Error(err)
						}
					})
				}
				wg.Wait()
				stop()
				flood.Wait()
				slices.Sort(lat)
				p50, p99 = lat[len(lat)/2], lat[(len(lat)*99+99)/100-1]
			}
			b.ReportMetric(float64(p50.Milliseconds()), "p50_ms")
			b.ReportMetric(float64(p99.Milliseconds()), "p99_ms")
		})
	}
}
