package clock

import (
	"context"
	"time"
)

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

// Sleep waits for dur or until ctx ends.
func Sleep(ctx context.Context, dur time.Duration) error {
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
