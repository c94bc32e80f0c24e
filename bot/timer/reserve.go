package timer

import (
	"context"
	"time"
)

// requests is how many Clockify requests a start or a stop makes: a start
// stops the running timer first, then starts the new one.
func requests(doing string) int {
	if doing == DoingStart {
		return 2
	}
	return 1
}

// Reserve books the turns of Clockify's rate limiter that a start
// (DoingStart) or a stop (DoingStop) needs, before any other request can
// take them, and says how long the last of them is expected to wait: a
// handler that would keep a person waiting too long answers at once and
// confirms later. Pass the returned context to Start or Stop, then call
// release (which gives back turns left unused, as after a failed stop).
func (s *Service) Reserve(ctx context.Context, doing string) (_ context.Context, wait time.Duration, release func()) {
	return s.api.ReserveInteractive(ctx, requests(doing))
}
