package clockify

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// manualClock is a clock that moves only when Advance is called.
type manualClock struct {
	mu    sync.Mutex
	now   time.Time
	funcs []*manualFunc
}

type manualFunc struct {
	at      time.Time
	f       func()
	stopped bool
}

func (m *manualFunc) Stop() bool { m.stopped = true; return true }

func newManualClock() *manualClock {
	return &manualClock{now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) AfterFunc(d time.Duration, f func()) stopper {
	c.mu.Lock()
	defer c.mu.Unlock()
	mf := &manualFunc{at: c.now.Add(d), f: f}
	c.funcs = append(c.funcs, mf)
	return mf
}

// Advance moves the clock by d and runs the functions that fell due.
func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*manualFunc
	rest := c.funcs[:0]
	for _, f := range c.funcs {
		if !f.at.After(c.now) {
			due = append(due, f)
		} else {
			rest = append(rest, f)
		}
	}
	c.funcs = rest
	c.mu.Unlock()
	for _, f := range due {
		if !f.stopped {
			f.f()
		}
	}
}

// queued waits until the limiter holds n waiters in lane ln.
func queued(l *limiter, ln lane, n int) {
	for {
		l.mu.Lock()
		got := len(l.queue[ln])
		l.mu.Unlock()
		if got >= n {
			return
		}
		runtime.Gosched()
	}
}

// TestLimiterLanes checks the order in which an empty bucket serves its
// waiters: interactive ones first, even when background ones came earlier,
// and background ones only while the reserve stays in the bucket.
func TestLimiterLanes(t *testing.T) {
	clk := newManualClock()
	l := newLimiter(10, 4, 2, clk) // a token every 100ms, 2 kept for interactive
	ctx := context.Background()
	// Background requests stop at the reserve: 4 tokens let 2 through.
	for i := range 2 {
		if err := l.wait(ctx, laneBackground); err != nil {
			t.Fatalf("background wait %d: %v", i, err)
		}
	}
	order := make(chan string, 4)
	go func() { l.wait(ctx, laneBackground); order <- "background" }()
	queued(l, laneBackground, 1)
	// The reserve serves interactive requests at once.
	for i := range 2 {
		if err := l.wait(ctx, laneInteractive); err != nil {
			t.Fatalf("interactive wait %d: %v", i, err)
		}
	}
	go func() { l.wait(ctx, laneInteractive); order <- "interactive" }()
	queued(l, laneInteractive, 1)
	clk.Advance(100 * time.Millisecond) // one token: the interactive waiter's
	if got := <-order; got != "interactive" {
		t.Fatalf("first served = %s, want interactive", got)
	}
	clk.Advance(300 * time.Millisecond) // 1 + reserve 2: the background waiter's
	if got := <-order; got != "background" {
		t.Fatalf("second served = %s, want background", got)
	}
}

// TestLimiterAdapts checks that a 429 halves the rate once per burst of
// answers and that successes bring it back to the configured rate.
func TestLimiterAdapts(t *testing.T) {
	clk := newManualClock()
	l := newLimiter(20, 1, 0, clk)
	l.throttled()
	l.throttled() // the same burst of 429s
	if got := l.currentRate(); got != 10 {
		t.Fatalf("rate after a 429 = %v, want 10", got)
	}
	clk.Advance(time.Second)
	l.throttled()
	if got := l.currentRate(); got != 5 {
		t.Fatalf("rate after a second 429 = %v, want 5", got)
	}
	for range recoverSteps {
		l.succeeded()
	}
	if got := l.currentRate(); got != 20 {
		t.Fatalf("rate after %d successes = %v, want 20", recoverSteps, got)
	}
}

// TestLimiterPause checks that a Retry-After pause holds every lane until
// it ends, and that a caller whose deadline falls inside the pause is told
// at once.
func TestLimiterPause(t *testing.T) {
	clk := newManualClock()
	l := newLimiter(1000, 10, 0, clk)
	l.pause(time.Hour)
	short, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Minute))
	defer cancel()
	var paused errPaused
	if err := l.wait(Interactive(short), laneInteractive); !errors.As(err, &paused) {
		t.Fatalf("wait with a deadline inside the pause = %v, want errPaused", err)
	}
	done := make(chan error, 1)
	go func() { done <- l.wait(context.Background(), laneInteractive) }()
	queued(l, laneInteractive, 1)
	clk.Advance(time.Second)
	select {
	case err := <-done:
		t.Fatalf("wait returned %v during the pause", err)
	default:
	}
	l.resume()
	if err := <-done; err != nil {
		t.Fatalf("wait after resume: %v", err)
	}
}
