package clockify_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/internal/fakeclock"
)

// turnsFixture is a fake Clockify with users u00..u09 and a client limited
// to 1 request a second with a burst of 4 on a step clock.
func turnsFixture(t *testing.T) (*clockifytest.Server, *clockify.Client, *fakeclock.Clock) {
	t.Helper()
	clk := fakeclock.New(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))
	fake := clockifytest.NewTB(t, clockifytest.WithClock(clk.Now))
	for i := range 10 {
		fake.AddUser(clockifytest.User{ID: fmt.Sprintf("u%02d", i), Email: fmt.Sprintf("u%02d@example.com", i), Name: "User"})
	}
	api, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithReportsURL(fake.ReportsURL),
		clockify.WithRateLimit(1), clockify.WithBurst(4), clockify.WithClock(clk.Now, clk.AfterFunc))
	if err != nil {
		t.Fatal(err)
	}
	return fake, api, clk
}

func TestReserveInteractive(t *testing.T) {
	tests := []struct {
		name string
		// run books turns and returns the waits it was told, in order.
		run  func(t *testing.T, ctx context.Context, api *clockify.Client, clk *fakeclock.Clock) []time.Duration
		want []time.Duration
	}{
		{
			name: "booked together: the first served go at once, the others learn their wait",
			run: func(t *testing.T, ctx context.Context, api *clockify.Client, _ *fakeclock.Clock) []time.Duration {
				var got []time.Duration
				for _, n := range []int{2, 2, 2, 1} {
					_, wait, _ := api.ReserveInteractive(ctx, n)
					got = append(got, wait)
				}
				return got
			},
			want: []time.Duration{0, 0, 2 * time.Second, 3 * time.Second},
		},
		{
			name: "released turns go back: the queue behind them moves up",
			run: func(t *testing.T, ctx context.Context, api *clockify.Client, _ *fakeclock.Clock) []time.Duration {
				_, _, _ = api.ReserveInteractive(ctx, 4)
				_, w1, release := api.ReserveInteractive(ctx, 2)
				release()
				release() // harmless
				_, w2, _ := api.ReserveInteractive(ctx, 1)
				return []time.Duration{w1, w2}
			},
			want: []time.Duration{2 * time.Second, time.Second},
		},
		{
			name: "unused granted turns return their tokens",
			run: func(t *testing.T, ctx context.Context, api *clockify.Client, _ *fakeclock.Clock) []time.Duration {
				_, w1, release := api.ReserveInteractive(ctx, 4)
				release()
				_, w2, _ := api.ReserveInteractive(ctx, 4)
				return []time.Duration{w1, w2}
			},
			want: []time.Duration{0, 0},
		},
		{
			name: "booked requests go without waiting; a later one waits for the clock",
			run: func(t *testing.T, ctx context.Context, api *clockify.Client, clk *fakeclock.Clock) []time.Duration {
				first, w1, release := api.ReserveInteractive(ctx, 2)
				defer release()
				// Two requests take the two booked turns.
				if _, err := api.StopTimer(first, "ws-1", "u00", clk.Now()); !errors.Is(err, clockify.ErrNotRunning) {
					t.Fatalf("StopTimer() error = %v, want ErrNotRunning", err)
				}
				if _, err := api.StartTimer(first, "ws-1", "u00", clockify.StartTimerRequest{Start: clk.Now()}); err != nil {
					t.Fatalf("StartTimer() error = %v", err)
				}
				_, w2, _ := api.ReserveInteractive(ctx, 2) // the last two tokens
				late, w3, release3 := api.ReserveInteractive(ctx, 1)
				defer release3()
				done := make(chan error, 1)
				go func() {
					_, err := api.StartTimer(late, "ws-1", "u01", clockify.StartTimerRequest{Start: clk.Now()})
					done <- err
				}()
				clk.Advance(time.Second) // the token it waits for
				if err := <-done; err != nil {
					t.Fatalf("StartTimer() after the wait error = %v", err)
				}
				return []time.Duration{w1, w2, w3}
			},
			want: []time.Duration{0, 0, time.Second},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, api, clk := turnsFixture(t)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got := tt.run(t, ctx, api, clk)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("waits = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReserveInteractiveUnlimited(t *testing.T) {
	fake := clockifytest.NewTB(t)
	api, err := clockify.NewClient(fake.APIKey, clockify.WithBaseURL(fake.APIURL), clockify.WithRateLimit(0))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, wait, release := api.ReserveInteractive(context.Background(), 100); wait != 0 {
			t.Errorf("wait = %v without a rate limit, want 0", wait)
		} else {
			release()
		}
	}
}
