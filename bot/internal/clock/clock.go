// Package clock is the one notion of "now" every feature is given: a
// function, so that tests can set and advance it.
//
// It must not know anything else.
package clock

import "time"

// Clock returns the current time. Production code uses time.Now; tests pass
// a fixed or stepping clock.
type Clock func() time.Time

// Or returns c, or time.Now when c is nil.
func Or(c Clock) Clock {
	if c == nil {
		return time.Now
	}
	return c
}
