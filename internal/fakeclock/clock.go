// Package fakeclock is the settable clock that tests share with the fakes
// and the code under test: tests never sleep, they move it.
package fakeclock

import (
	"sync"
	"time"
)

// Clock is a settable clock shared by the fakes and the code under
// test, safe for concurrent use. Tests never sleep: they move it.
type Clock struct {
	mu    sync.Mutex
	t     time.Time
	funcs []*clockFunc // scheduled with AfterFunc, not yet run
}

// clockFunc is a function scheduled with AfterFunc.
type clockFunc struct {
	at      time.Time
	f       func()
	stopped bool
}

// New returns a Clock set to t.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t and runs the functions that fell due.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.runDue()
}

// Advance moves the clock by d and runs the functions that fell due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.runDue()
}

// AfterFunc runs f once the clock has been moved d or more past now (by
// Set or Advance, on their goroutine); stop cancels it and reports whether
// it had not run yet. It has time.AfterFunc's contract, for the code under
// test that schedules on the shared clock (the Clockify rate limiter).
func (c *Clock) AfterFunc(d time.Duration, f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cf := &clockFunc{at: c.t.Add(d), f: f}
	c.funcs = append(c.funcs, cf)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := cf.stopped
		cf.stopped = true
		return !was
	}
}

// runDue runs, in the order they were scheduled, the functions that fell
// due. Called with c.mu, which it releases before running them.
func (c *Clock) runDue() {
	var due []*clockFunc
	rest := c.funcs[:0]
	for _, cf := range c.funcs {
		switch {
		case cf.stopped:
		case !cf.at.After(c.t):
			cf.stopped = true
			due = append(due, cf)
		default:
			rest = append(rest, cf)
		}
	}
	c.funcs = rest
	c.mu.Unlock()
	for _, cf := range due {
		cf.f()
	}
}
