package clockify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// fakeClock is a settable clock shared by the fake Clockify and the
// client's sleeper: sleeping advances it instead of waiting.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// waitFixture is a fake Clockify with users u0..u(n-1), a client whose
// sleeps advance the shared clock, its info-level log and its wait notices.
type waitFixture struct {
	fake    *clockifytest.Server
	api     *clockify.Client
	clock   *fakeClock
	log     *bytes.Buffer
	mu      sync.Mutex
	notices []clockify.Wait
}

func newWaitFixture(t *testing.T, users int, opts ...clockify.Option) *waitFixture {
	t.Helper()
	f := &waitFixture{clock: &fakeClock{now: time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)}, log: &bytes.Buffer{}}
	f.fake = clockifytest.NewTB(t, clockifytest.WithClock(f.clock.Now))
	for i := range users {
		f.fake.AddUser(clockifytest.User{ID: fmt.Sprintf("u%02d", i), Email: fmt.Sprintf("u%02d@example.com", i), Name: "User"})
	}
	all := append([]clockify.Option{
		clockify.WithBaseURL(f.fake.APIURL),
		clockify.WithReportsURL(f.fake.ReportsURL),
		clockify.WithRateLimit(0),
		clockify.WithSleep(f.clock.Sleep),
		clockify.WithLogger(slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelInfo}))),
		clockify.WithWaitNotice(func(w clockify.Wait) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.notices = append(f.notices, w)
		}),
	}, opts...)
	api, err := clockify.NewClient(f.fake.APIKey, all...)
	if err != nil {
		t.Fatal(err)
	}
	f.api = api
	return f
}

func (f *waitFixture) Notices() []clockify.Wait {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]clockify.Wait(nil), f.notices...)
}

// TestMalformedJSONIsRetried checks that a 200 whose body is not valid JSON
// is asked again, like a 5xx, and never taken as the list.
func TestMalformedJSONIsRetried(t *testing.T) {
	tests := []struct {
		name    string
		times   int
		wantErr bool
	}{
		{name: "once", times: 1},
		{name: "every retry", times: 0, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWaitFixture(t, 3)
			f.fake.InjectFault(clockifytest.Fault{Method: "GET", PathContains: "/users", Malformed: true, Times: tt.times})
			users, err := f.api.WorkspaceUsers(context.Background(), f.fake.WorkspaceID, nil)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "decode response") {
					t.Fatalf("WorkspaceUsers() = %d users, %v; want a decode error", len(users), err)
				}
				if got := f.api.Requests(); got != 5 {
					t.Errorf("Requests() = %d, want 5 (4 retries)", got)
				}
				return
			}
			if err != nil || len(users) != 3 {
				t.Fatalf("WorkspaceUsers() = %d users, %v; want 3 users", len(users), err)
			}
			if got := f.api.Requests(); got != 2 {
				t.Errorf("Requests() = %d, want 2", got)
			}
		})
	}
}

// TestLongWaitsAreAnnounced checks that every wait over five seconds is
// logged at info level with its reason and length and passed to the
// WithWaitNotice hook, and that short waits are not.
func TestLongWaitsAreAnnounced(t *testing.T) {
	tests := []struct {
		name       string
		fault      clockifytest.Fault
		wantWait   time.Duration
		wantReason string // "" means no notice
	}{
		{
			name:     "Free-plan Retry-After of 58 minutes",
			fault:    clockifytest.Fault{Status: 429, RetryAfter: "3480", Times: 1},
			wantWait: 58 * time.Minute, wantReason: "Clockify's rate limit (Retry-After)",
		},
		{
			name:     "503 with a Retry-After of 30 seconds",
			fault:    clockifytest.Fault{Status: 503, RetryAfter: "30", Times: 1},
			wantWait: 30 * time.Second, wantReason: "Clockify answering 503",
		},
		{
			name:     "paid-plan Retry-After of 1 second is quiet",
			fault:    clockifytest.Fault{Status: 429, RetryAfter: "1", Times: 1},
			wantWait: time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWaitFixture(t, 2)
			f.fake.InjectFault(tt.fault)
			if _, err := f.api.WorkspaceUsers(context.Background(), f.fake.WorkspaceID, nil); err != nil {
				t.Fatalf("WorkspaceUsers() error: %v", err)
			}
			if got := f.clock.Waits(); len(got) != 1 || got[0] != tt.wantWait {
				t.Fatalf("waits = %v, want [%v]", got, tt.wantWait)
			}
			notices := f.Notices()
			if tt.wantReason == "" {
				if len(notices) != 0 || f.log.Len() != 0 {
					t.Errorf("a %v wait was announced: notices %+v, log %q", tt.wantWait, notices, f.log.String())
				}
				return
			}
			if len(notices) != 1 || notices[0].Reason != tt.wantReason || notices[0].Duration != tt.wantWait ||
				!strings.HasSuffix(notices[0].Path, "/users") {
				t.Fatalf("notices = %+v, want one %v wait for %q on the users path", notices, tt.wantWait, tt.wantReason)
			}
			log := f.log.String()
			for _, want := range []string{"level=INFO", "wait=" + tt.wantWait.String(), "reason=\"" + tt.wantReason + "\""} {
				if !strings.Contains(log, want) {
					t.Errorf("log %q lacks %q", log, want)
				}
			}
			if strings.Contains(log, f.fake.APIKey[:6]) {
				t.Errorf("log %q holds the API key", log)
			}
		})
	}
}

// TestFreePlanBudgetIsWaitedOut checks that a workspace on the Free plan
// (30 requests an hour) is read to the end: the client waits out the
// hour, says so, and resumes; a 429 without Retry-After is retried beyond
// the error budget too.
func TestFreePlanBudgetIsWaitedOut(t *testing.T) {
	t.Run("hourly budget with Retry-After", func(t *testing.T) {
		f := newWaitFixture(t, 75)
		f.fake.FreePlanBudget(30)
		users, err := f.api.WorkspaceUsers(context.Background(), f.fake.WorkspaceID, &clockify.UsersOptions{PageSize: 1})
		if err != nil || len(users) != 75 {
			t.Fatalf("WorkspaceUsers() = %d users, %v; want 75", len(users), err)
		}
		waits := f.clock.Waits()
		if len(waits) != 2 || waits[0] != time.Hour || waits[1] != time.Hour {
			t.Errorf("waits = %v, want two of 1h", waits)
		}
		if n := len(f.Notices()); n != 2 {
			t.Errorf("%d notices, want 2", n)
		}
		if got := f.api.LongestRetryAfter(); got != time.Hour {
			t.Errorf("LongestRetryAfter() = %v, want 1h", got)
		}
	})
	t.Run("six 429s without Retry-After", func(t *testing.T) {
		f := newWaitFixture(t, 2)
		f.fake.InjectFault(clockifytest.Fault{Status: 429, Times: 6})
		if _, err := f.api.WorkspaceUsers(context.Background(), f.fake.WorkspaceID, nil); err != nil {
			t.Fatalf("WorkspaceUsers() error: %v", err)
		}
		if got := f.api.Requests(); got != 7 {
			t.Errorf("Requests() = %d, want 7", got)
		}
	})
	t.Run("gives up after the rate-limit wait cap", func(t *testing.T) {
		f := newWaitFixture(t, 2, clockify.WithRateLimitWait(90*time.Minute))
		f.fake.InjectFault(clockifytest.Fault{Status: 429, RetryAfter: "3600"})
		_, err := f.api.WorkspaceUsers(context.Background(), f.fake.WorkspaceID, nil)
		var rl *clockify.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != time.Hour {
			t.Fatalf("WorkspaceUsers() error = %v, want a *RateLimitError after one hour's wait", err)
		}
		if got := f.clock.Waits(); len(got) != 1 {
			t.Errorf("waits = %v, want one", got)
		}
	})
}

// TestRateLimitPastDeadlineFailsAtOnce checks that a request whose
// deadline comes before the end of Clockify's Retry-After (a /tt command
// meeting the Free plan's hourly limit) fails at once with the wait in a
// *RateLimitError instead of sleeping into its deadline.
func TestRateLimitPastDeadlineFailsAtOnce(t *testing.T) {
	f := newWaitFixture(t, 2)
	f.fake.InjectFault(clockifytest.Fault{Status: 429, RetryAfter: "3480"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := f.api.WorkspaceUsers(ctx, f.fake.WorkspaceID, nil)
	var rl *clockify.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 58*time.Minute {
		t.Fatalf("WorkspaceUsers() error = %v, want a *RateLimitError with RetryAfter 58m", err)
	}
	if got := f.clock.Waits(); len(got) != 0 {
		t.Errorf("waits = %v, want none", got)
	}
	if got := f.api.Requests(); got != 1 {
		t.Errorf("Requests() = %d, want 1", got)
	}
}
