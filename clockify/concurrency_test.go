package clockify

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// holdServer answers every request only when the test releases it, and
// records the most requests it held at once.
type holdServer struct {
	*testServer
	arrived chan string // the path of each request as it arrives
	release chan struct{}
	mu      sync.Mutex
	held    int
	maxHeld int
}

func newHoldServer(t *testing.T, answer string) *holdServer {
	h := &holdServer{arrived: make(chan string, 100), release: make(chan struct{})}
	h.testServer = newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		h.mu.Lock()
		h.held++
		h.maxHeld = max(h.maxHeld, h.held)
		h.mu.Unlock()
		h.arrived <- r.URL.Path
		if !strings.Contains(r.URL.Path, "time-entries") {
			<-h.release
		}
		h.mu.Lock()
		h.held--
		h.mu.Unlock()
		writeJSON(w, 200, answer)
	})
	return h
}

// TestConcurrencyBoundsBackground checks that at most WithConcurrency
// background requests are in flight, and that a timer call goes through
// while every background slot is taken.
func TestConcurrencyBoundsBackground(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(string(rune('0'+n)), func(t *testing.T) {
			h := newHoldServer(t, `{"id":"e1","userId":"u1","timeInterval":{"start":"2026-12-07T09:00:00Z"}}`)
			c, _ := newTestClient(t, h.testServer, WithConcurrency(n))
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { c.Workspaces(context.Background()) })
			}
			for range n {
				<-h.arrived
			}
			// Every slot is taken: a timer start, and any call made for
			// someone waiting, still reach Clockify.
			if _, err := c.StartTimer(context.Background(), "ws1", "u1", StartTimerRequest{}); err != nil {
				t.Fatalf("StartTimer() with every background slot taken: %v", err)
			}
			go c.Workspaces(Interactive(context.Background()))
			for p := <-h.arrived; p != "/api/v1/workspaces"; p = <-h.arrived {
			}
			close(h.release)
			wg.Wait()
			if h.maxHeld > n+2 {
				t.Errorf("%d requests in flight at once, want at most %d background + 2 interactive", h.maxHeld, n)
			}
		})
	}
}

// TestConcurrencyOption checks that NewClient rejects a concurrency below 1.
func TestConcurrencyOption(t *testing.T) {
	if _, err := NewClient(testKey, WithConcurrency(0)); err == nil || !strings.Contains(err.Error(), "concurrency") {
		t.Errorf("NewClient(WithConcurrency(0)) error = %v, want one naming the concurrency", err)
	}
}

// TestRetryAfterHoldsOthers checks that while one request waits out a
// 429's Retry-After, a request whose deadline ends sooner fails at once
// with a *RateLimitError instead of spending Clockify's budget.
func TestRetryAfterHoldsOthers(t *testing.T) {
	var mu sync.Mutex
	first := true
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		defer mu.Unlock()
		if first {
			first = false
			w.Header().Set("Retry-After", "1800")
			writeJSON(w, 429, `{"message":"rate limited","code":429}`)
			return
		}
		writeJSON(w, 200, `[]`)
	})
	sleeping := make(chan struct{})
	wake := make(chan struct{})
	c, _ := newTestClient(t, ts, WithRateLimit(1000), WithSleep(func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		<-wake
		return ctx.Err()
	}))
	done := make(chan error, 1)
	go func() { _, err := c.Workspaces(context.Background()); done <- err }()
	<-sleeping
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.Workspaces(ctx)
	var rle *RateLimitError
	if !errors.As(err, &rle) || rle.RetryAfter < 29*time.Minute {
		t.Errorf("request during the pause: error = %v, want a *RateLimitError with the remaining wait", err)
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("%d requests reached Clockify during the pause, want 1", n)
	}
	close(wake)
	if err := <-done; err != nil {
		t.Errorf("the paused request: %v", err)
	}
}

// TestThrottleOn429 checks that a 429 slows the shared limiter down and
// that successful answers bring it back.
func TestThrottleOn429(t *testing.T) {
	var mu sync.Mutex
	answers := []int{429, 200}
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		status := 200
		if len(answers) > 0 {
			status, answers = answers[0], answers[1:]
		}
		mu.Unlock()
		writeJSON(w, status, `[]`)
	})
	c, _ := newTestClient(t, ts, WithRateLimit(1000), WithBurst(100))
	if _, err := c.Workspaces(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := c.limiter.currentRate(); got >= 1000 {
		t.Fatalf("rate after a 429 = %v, want it slowed below 1000", got)
	}
	for range recoverSteps {
		if _, err := c.Workspaces(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.limiter.currentRate(); got != 1000 {
		t.Errorf("rate after %d successes = %v, want 1000 again", recoverSteps, got)
	}
}
