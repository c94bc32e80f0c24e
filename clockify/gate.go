package clockify

import (
	"context"
	"fmt"
)

// DefaultConcurrency is how many background requests the client sends at
// once unless WithConcurrency says otherwise.
const DefaultConcurrency = 4

// gate bounds the background requests in flight. Interactive requests do
// not pass it: a person waiting for a timer never queues behind the sync,
// and the rate limiter still bounds them.
type gate struct {
	slots chan struct{}
}

func newGate(n int) *gate { return &gate{slots: make(chan struct{}, max(n, 1))} }

// enter waits for a slot for a request of lane ln and returns the function
// that releases it.
func (g *gate) enter(ctx context.Context, ln lane) (func(), error) {
	if ln == laneInteractive {
		return func() {}, nil
	}
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// WithConcurrency sets how many background requests (everything not made
// with an Interactive context, nor a timer call) may be in flight at once;
// paged helpers such as DetailedReportPages fetch that many pages at a
// time. The default is DefaultConcurrency; NewClient rejects n < 1.
func WithConcurrency(n int) Option {
	return func(c *Client) {
		if n < 1 {
			if c.optErr == nil {
				c.optErr = errConcurrency(n)
			}
			return
		}
		c.gate = newGate(n)
		c.concurrency = n
	}
}

// Concurrency returns the number of background requests the client sends
// at once.
func (c *Client) Concurrency() int { return c.concurrency }

// errConcurrency describes an invalid WithConcurrency value.
func errConcurrency(n int) error {
	return fmt.Errorf("clockify: invalid concurrency %d: want at least 1", n)
}
