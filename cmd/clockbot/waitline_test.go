package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestSyncCommandSaysItWaits checks that `clockbot sync` on a Free-plan
// workspace (an hourly request budget) waits out the budget instead of
// failing, and says on stderr that it is waiting and why. The client's
// sleeps advance the fake's clock instead of sleeping.
func TestSyncCommandSaysItWaits(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		set    func(fake *clockifytest.Server)
		wantIn string
		check  func(t *testing.T, stdout string)
	}{
		{
			name: "Retry-After of 58 minutes",
			args: []string{"sync"},
			set: func(fake *clockifytest.Server) {
				fake.InjectFault(clockifytest.Fault{Status: 429, RetryAfter: "3480", Times: 1})
			},
			wantIn: "clockbot: waiting 58m0s for Clockify's rate limit (Retry-After), until ",
		},
		{
			name:   "Free-plan budget spent mid-pass",
			args:   []string{"sync"},
			set:    func(fake *clockifytest.Server) { fake.FreePlanBudget(6) },
			wantIn: "clockbot: waiting 1h0m0s for Clockify's rate limit (Retry-After), until ",
		},
		{
			name:   "weekly report on a Free-plan budget",
			args:   []string{"report", "--json"},
			set:    func(fake *clockifytest.Server) { fake.FreePlanBudget(6) },
			wantIn: "clockbot: waiting 1h0m0s for Clockify's rate limit (Retry-After), until ",
			check: func(t *testing.T, stdout string) {
				if !strings.Contains(stdout, `"users"`) {
					t.Errorf("stdout = %q, want the JSON report", stdout)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu  sync.Mutex
				now = time.Now().UTC()
			)
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			fake := clockifytest.NewTB(t, clockifytest.WithClock(clock))
			fake.Generate(3, 2, now.AddDate(0, 0, -7), 7)
			fakeEnv(t, fake)
			testClockifyOptions = []clockify.Option{
				clockify.WithSleep(func(ctx context.Context, d time.Duration) error {
					mu.Lock()
					now = now.Add(d)
					mu.Unlock()
					return ctx.Err()
				}),
			}
			t.Cleanup(func() { testClockifyOptions = nil })
			tt.set(fake)

			var out, errOut bytes.Buffer
			if err := run(t.Context(), tt.args, &out, &errOut); err != nil {
				t.Fatalf("clockbot %v: %v\nstderr: %s", tt.args, err, errOut.String())
			}
			if !strings.Contains(errOut.String(), tt.wantIn) {
				t.Errorf("stderr = %q, want a line containing %q", errOut.String(), tt.wantIn)
			}
			if tt.check != nil {
				tt.check(t, out.String())
			} else if !strings.HasPrefix(out.String(), "synced users=3 ") {
				t.Errorf("stdout = %q, want the summary of 3 users", out.String())
			}
		})
	}
}

func TestWaitLine(t *testing.T) {
	w := clockify.Wait{
		Reason: "Clockify's rate limit (Retry-After)", Duration: 58*time.Minute + 400*time.Millisecond,
		Until: time.Date(2026, 11, 16, 10, 58, 0, 0, time.UTC), Method: "GET", Path: "/api/v1/workspaces/ws-1/users",
	}
	want := "clockbot: waiting 58m0s for Clockify's rate limit (Retry-After), until 10:58:00 UTC (GET /api/v1/workspaces/ws-1/users); Ctrl-C stops"
	if got := waitLine(w); got != want {
		t.Errorf("waitLine() = %q, want %q", got, want)
	}
}
