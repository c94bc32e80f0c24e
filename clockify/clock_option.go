package clockify

import "time"

// WithClock sets the client's time source: now stamps requests (a timer
// started without a start time, Retry-After dates) and refills the rate
// limiter, and afterFunc schedules the limiter's next grant, with the
// contract of time.AfterFunc (it returns the function that cancels it).
// Tests inject a manual clock so that the limiter's state, and so
// ReserveInteractive's answers, depend on nothing but that clock. Nil
// functions keep the wall clock.
func WithClock(now func() time.Time, afterFunc func(d time.Duration, f func()) (stop func() bool)) Option {
	return func(c *Client) {
		if now == nil || afterFunc == nil {
			return
		}
		c.now = now
		c.clock = funcClock{now: now, after: afterFunc}
	}
}

// funcClock is a clock made of two functions.
type funcClock struct {
	now   func() time.Time
	after func(d time.Duration, f func()) func() bool
}

func (c funcClock) Now() time.Time { return c.now() }

func (c funcClock) AfterFunc(d time.Duration, f func()) stopper {
	return stopFunc(c.after(d, f))
}

// stopFunc is a stopper made of its Stop function.
type stopFunc func() bool

func (s stopFunc) Stop() bool { return s() }
