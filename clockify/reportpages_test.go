package clockify_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// benchWeek is the Monday the generated entries fall in.
var benchWeek = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)

// newReportFake returns a fake Clockify with users x perUser generated
// entries in benchWeek and a client for it.
func newReportFake(tb testing.TB, users, perUser int, opts ...clockify.Option) (*clockifytest.Server, *clockify.Client) {
	tb.Helper()
	fake := clockifytest.NewTB(tb)
	fake.Generate(users, perUser, benchWeek, 1)
	all := append([]clockify.Option{
		clockify.WithBaseURL(fake.APIURL), clockify.WithReportsURL(fake.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }),
	}, opts...)
	api, err := clockify.NewClient(fake.APIKey, all...)
	if err != nil {
		tb.Fatal(err)
	}
	return fake, api
}

// TestDetailedReportPages checks that the streamed pages hold exactly the
// rows of DetailedReport, each once, in ceil(E/1000) requests, and that fn
// is never called concurrently.
func TestDetailedReportPages(t *testing.T) {
	for _, tc := range []struct {
		name           string
		users, perUser int
		concurrency    int
	}{
		{"empty", 0, 0, 4},
		{"one page", 10, 20, 4},
		{"exact pages", 50, 40, 3},
		{"many pages", 130, 37, 4},
		{"sequential client", 60, 30, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, api := newReportFake(t, tc.users, tc.perUser, clockify.WithConcurrency(tc.concurrency))
			opts := clockify.DetailedReportOptions{Start: benchWeek, End: benchWeek.AddDate(0, 0, 7)}
			want, err := api.DetailedReport(context.Background(), fake.WorkspaceID, opts)
			if err != nil {
				t.Fatal(err)
			}
			before := api.Requests()
			var (
				mu     sync.Mutex
				inside bool
				pages  int
				seen   = map[string]int{}
			)
			err = api.DetailedReportPages(context.Background(), fake.WorkspaceID, opts, func(page []clockify.ReportEntry) error {
				mu.Lock()
				if inside {
					t.Error("fn called while another call runs")
				}
				inside = true
				mu.Unlock()
				for _, e := range page {
					seen[e.ID]++
				}
				pages++
				mu.Lock()
				inside = false
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Fatalf("DetailedReportPages() error = %v", err)
			}
			if len(seen) != len(want) {
				t.Errorf("saw %d distinct rows, want %d", len(seen), len(want))
			}
			for _, e := range want {
				if seen[e.ID] != 1 {
					t.Errorf("row %s seen %d times, want once", e.ID, seen[e.ID])
				}
			}
			wantReqs := max(1, (len(want)+999)/1000)
			if got := api.Requests() - before; got != int64(wantReqs) || pages != wantReqs {
				t.Errorf("%d requests, %d pages; want %d of each", got, pages, wantReqs)
			}
		})
	}
}

// TestDetailedReportPagesFailures checks that a cut-off page, a failed page
// and an error of fn all stop the stream with an error.
func TestDetailedReportPagesFailures(t *testing.T) {
	stop := errors.New("stop")
	for _, tc := range []struct {
		name    string
		fault   clockifytest.Fault
		fnErrAt int // fn fails on this call, 0 for never
		want    error
	}{
		{"short page", clockifytest.Fault{PathContains: "/reports/detailed", ShortPage: true, Times: 1}, 0, clockify.ErrIncomplete},
		{"fn error", clockifytest.Fault{}, 2, stop},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, api := newReportFake(t, 100, 40, clockify.WithRetries(0))
			if tc.fault.PathContains != "" {
				fake.InjectFault(tc.fault)
			}
			calls := 0
			opts := clockify.DetailedReportOptions{Start: benchWeek, End: benchWeek.AddDate(0, 0, 7)}
			err := api.DetailedReportPages(context.Background(), fake.WorkspaceID, opts, func([]clockify.ReportEntry) error {
				calls++
				if calls == tc.fnErrAt {
					return stop
				}
				return nil
			})
			if !errors.Is(err, tc.want) {
				t.Errorf("DetailedReportPages() error = %v, want %v", err, tc.want)
			}
		})
	}
}

// countingTransport counts the detailed-report requests it sends and
// closes all once it has sent want of them.
type countingTransport struct {
	mu   sync.Mutex
	sent int
	want int
	all  chan struct{}
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/reports/detailed") {
		t.mu.Lock()
		if t.sent++; t.sent == t.want {
			close(t.all)
		}
		t.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestDetailedReportPagesFetchWhileFnRuns checks that the workers keep
// sending requests while fn handles a page: fn blocks on the first page it
// gets from a worker until every page was asked for, which happens only if
// a page waiting for fn does not hold its worker back.
func TestDetailedReportPagesFetchWhileFnRuns(t *testing.T) {
	for _, tc := range []struct {
		name        string
		concurrency int
		users       int // 50 entries each: users/20 pages
	}{
		{"2 workers, 5 pages", 2, 100},
		{"4 workers, 10 pages", 4, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := tc.users * 50 / 1000
			rt := &countingTransport{want: pages, all: make(chan struct{})}
			fake, api := newReportFake(t, tc.users, 50, clockify.WithConcurrency(tc.concurrency), clockify.WithTransport(rt))
			// The deadline only ends a fetch whose workers wait for fn.
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			calls, rows := 0, 0
			opts := clockify.DetailedReportOptions{Start: benchWeek, End: benchWeek.AddDate(0, 0, 7)}
			err := api.DetailedReportPages(ctx, fake.WorkspaceID, opts, func(page []clockify.ReportEntry) error {
				if calls++; calls == 2 {
					select {
					case <-rt.all:
					case <-ctx.Done():
						return errors.New("the other pages were not asked for while fn ran")
					}
				}
				rows += len(page)
				return nil
			})
			if err != nil {
				t.Fatalf("DetailedReportPages() error = %v", err)
			}
			if calls != pages || rows != tc.users*50 {
				t.Errorf("fn saw %d pages, %d rows; want %d, %d", calls, rows, pages, tc.users*50)
			}
		})
	}
}
