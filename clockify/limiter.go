package clockify

import (
	"context"
	"sync"
	"time"
)

// Defaults of the shared rate limiter. Clockify allows 50 requests a second
// on paid plans; the client stays at half of that, with a burst of 20 (at
// most 45 requests in any first second), of which background requests leave
// half for interactive ones.
const (
	defaultRPS   = 25
	defaultBurst = 20
	// minRPS is the floor the limiter slows down to after repeated 429s.
	minRPS = 0.5
	// recoverSteps is how many successful requests bring a halved rate
	// back up by its base: the rate grows by base/recoverSteps per success.
	recoverSteps = 100
)

// limiter is the client's token bucket with two lanes. Interactive waiters
// are served before background ones; a background request takes a token
// only when reserve tokens stay in the bucket for interactive ones. A 429
// halves the rate (down to minRPS) and each success raises it again by
// base/recoverSteps, up to base. A 429 with Retry-After pauses every lane
// until the request that received it retries.
type limiter struct {
	mu      sync.Mutex
	base    float64 // configured tokens per second
	rate    float64 // current tokens per second, in [minRPS, base]
	burst   float64
	reserve float64 // tokens background requests leave in the bucket
	tokens  float64
	last    time.Time
	queue   [laneCount][]*waiter
	// pauses counts requests waiting out a Retry-After; while it is not
	// zero no token is granted. pausedUntil is when the last pause ends.
	pauses      int
	pausedUntil time.Time
	timer       stopper
	clock       clock
	// lastThrottle is when the rate was last halved: the 429s of requests
	// that were in flight together halve it once.
	lastThrottle time.Time
}

// waiter is one request waiting for a token; ready is closed when granted.
type waiter struct {
	ready   chan struct{}
	granted bool
}

// clock is the time source of the limiter; tests inject a manual one.
type clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) stopper
}

// stopper is a scheduled function that can be cancelled.
type stopper interface{ Stop() bool }

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time                              { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }

// newLimiter returns a full bucket of burst tokens refilled at rps, where
// background requests leave reserve tokens (at most burst-1).
func newLimiter(rps float64, burst, reserve int, clk clock) *limiter {
	burst = max(burst, 1)
	reserve = min(max(reserve, 0), burst-1)
	return &limiter{base: rps, rate: rps, burst: float64(burst), reserve: float64(reserve),
		tokens: float64(burst), last: clk.Now(), clock: clk}
}

// errPaused is returned by wait when the limiter is paused past the
// caller's deadline.
type errPaused struct{ until time.Time }

func (e errPaused) Error() string { return "rate limit pause outlasts the deadline" }

// wait blocks until the request may be sent in lane l, or ctx is done.
func (l *limiter) wait(ctx context.Context, ln lane) error {
	if w := l.reservedTurn(ctx, ln); w != nil {
		return l.await(ctx, ln, w)
	}
	l.mu.Lock()
	l.refill()
	if l.pauses == 0 && l.queuedBefore(ln) == 0 && l.tokens >= l.need(ln) {
		l.tokens--
		l.mu.Unlock()
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && l.pauses > 0 && dl.Before(l.pausedUntil) {
		until := l.pausedUntil
		l.mu.Unlock()
		return errPaused{until: until}
	}
	w := &waiter{ready: make(chan struct{})}
	l.queue[ln] = append(l.queue[ln], w)
	l.dispatch()
	l.mu.Unlock()
	return l.await(ctx, ln, w)
}

// await blocks until w, queued in lane ln, is granted its token, or ctx is
// done; then the token goes back and w leaves the queue.
func (l *limiter) await(ctx context.Context, ln lane, w *waiter) error {
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		l.drop(ln, w)
		l.dispatch()
		return ctx.Err()
	}
}

// drop gives w's token back when it was granted, or takes w out of the
// queue of lane ln. Called with l.mu.
func (l *limiter) drop(ln lane, w *waiter) {
	if w.granted {
		l.tokens = min(l.burst, l.tokens+1) // give the token back
		return
	}
	q := l.queue[ln]
	for i := range q {
		if q[i] == w {
			l.queue[ln] = append(q[:i:i], q[i+1:]...)
			return
		}
	}
}

// need returns the tokens the bucket must hold for a request of lane ln.
func (l *limiter) need(ln lane) float64 {
	if ln == laneInteractive {
		return 1
	}
	return 1 + l.reserve
}

// queuedBefore counts the waiters that go before a new request of lane ln.
func (l *limiter) queuedBefore(ln lane) int {
	n := 0
	for i := lane(0); i <= ln; i++ {
		n += len(l.queue[i])
	}
	return n
}

// refill adds the tokens earned since the last refill. Called with l.mu.
func (l *limiter) refill() {
	now := l.clock.Now()
	if d := now.Sub(l.last); d > 0 {
		l.tokens = min(l.burst, l.tokens+d.Seconds()*l.rate)
	}
	l.last = now
}

// dispatch grants tokens to waiters, interactive first, and schedules
// itself for when the next waiter can be served. Called with l.mu.
func (l *limiter) dispatch() {
	l.refill()
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.pauses > 0 {
		return // resume dispatches
	}
	for {
		ln := laneInteractive
		if len(l.queue[ln]) == 0 {
			ln = laneBackground
		}
		if len(l.queue[ln]) == 0 {
			return
		}
		if l.tokens < l.need(ln) {
			d := time.Duration((l.need(ln) - l.tokens) / l.rate * float64(time.Second))
			l.timer = l.clock.AfterFunc(max(d, time.Millisecond), func() {
				l.mu.Lock()
				defer l.mu.Unlock()
				l.dispatch()
			})
			return
		}
		w := l.queue[ln][0]
		l.queue[ln] = l.queue[ln][1:]
		l.tokens--
		w.granted = true
		close(w.ready)
	}
}

// throttled slows the limiter down after a 429: it halves the rate.
func (l *limiter) throttled() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill()
	now := l.clock.Now()
	if now.Sub(l.lastThrottle) < time.Second {
		return
	}
	l.lastThrottle = now
	l.rate = max(l.rate/2, min(minRPS, l.base))
}

// succeeded lets the rate recover after a successful request.
func (l *limiter) succeeded() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rate < l.base {
		l.refill()
		l.rate = min(l.base, l.rate+l.base/recoverSteps)
	}
}

// pause stops every lane until the matching resume: a request received a
// 429 with a Retry-After of d and waits it out; the others wait with it
// instead of spending Clockify's budget on more 429s.
func (l *limiter) pause(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pauses++
	if until := l.clock.Now().Add(d); until.After(l.pausedUntil) {
		l.pausedUntil = until
	}
	l.tokens = 0
}

// resume ends a pause begun with pause.
func (l *limiter) resume() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pauses--
	l.dispatch()
}

// currentRate returns the current rate in tokens per second.
func (l *limiter) currentRate() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rate
}
