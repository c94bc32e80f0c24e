package clockify

import (
	"context"
	"time"
)

// turnsKey is the context key of the turns booked with ReserveInteractive.
type turnsKey struct{}

// turns are interactive tokens booked at once: each waiter was granted
// its token or queued in the interactive lane when they were booked, so
// that requests that come later cannot go before them. The requests made
// with their context take them in order; release gives back the rest.
type turns struct {
	l    *limiter
	ws   []*waiter
	next int // index of the next unused waiter; guarded by l.mu
}

// ReserveInteractive books the rate limiter's next n interactive turns for
// the requests made with the returned context, which is interactive (see
// Interactive): the first n requests made with it take the booked turns in
// order, later ones (retries) wait like any interactive request. Booking
// is atomic, so of many callers booking together, the first served are
// told they go at once and the others how long they will wait.
//
// wait is how long the last of the n turns is expected to wait for its
// token at the current rate (0 when all of them are granted now, or when
// the client has no rate limit); a pause for a 429's Retry-After is
// included. release gives back the turns not used (the tokens of granted
// ones return to the bucket) and must be called once the requests are
// done; calling it more than once is harmless.
func (c *Client) ReserveInteractive(ctx context.Context, n int) (_ context.Context, wait time.Duration, release func()) {
	ctx = Interactive(ctx)
	if c.limiter == nil || n < 1 {
		return ctx, 0, func() {}
	}
	t, wait := c.limiter.book(n)
	return context.WithValue(ctx, turnsKey{}, t), wait, t.release
}

// book books n interactive turns and returns them with the expected
// wait of the last one.
func (l *limiter) book(n int) (*turns, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill()
	t := &turns{l: l, ws: make([]*waiter, n)}
	for i := range t.ws {
		w := &waiter{ready: make(chan struct{})}
		t.ws[i] = w
		if l.pauses == 0 && len(l.queue[laneInteractive]) == 0 && l.tokens >= l.need(laneInteractive) {
			l.tokens--
			w.granted = true
			close(w.ready)
			continue
		}
		l.queue[laneInteractive] = append(l.queue[laneInteractive], w)
	}
	l.dispatch()
	return t, l.interactiveWait()
}

// interactiveWait is how long the last waiter of the interactive queue is
// expected to wait for its token: the tokens it lacks at the current rate,
// after any pause. Called with l.mu, after refill.
func (l *limiter) interactiveWait() time.Duration {
	queued := len(l.queue[laneInteractive])
	if queued == 0 {
		return 0
	}
	var d time.Duration
	tokens := l.tokens
	if l.pauses > 0 {
		d = max(l.pausedUntil.Sub(l.clock.Now()), 0)
		tokens = 0
	}
	if lack := float64(queued) - tokens; lack > 0 {
		d += time.Duration(lack / l.rate * float64(time.Second))
	}
	return d
}

// reservedTurn returns the next booked turn of ctx for a request of lane
// ln on l, or nil when there is none.
func (l *limiter) reservedTurn(ctx context.Context, ln lane) *waiter {
	t, ok := ctx.Value(turnsKey{}).(*turns)
	if !ok || t.l != l || ln != laneInteractive {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.next >= len(t.ws) {
		return nil
	}
	w := t.ws[t.next]
	t.next++
	return w
}

// release gives back the turns not taken: granted tokens return to the
// bucket, queued waiters leave the queue.
func (t *turns) release() {
	l := t.l
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.next >= len(t.ws) {
		return
	}
	for _, w := range t.ws[t.next:] {
		l.drop(laneInteractive, w)
	}
	t.next = len(t.ws)
	l.dispatch()
}
