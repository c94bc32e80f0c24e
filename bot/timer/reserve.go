package timer

import (
	"context"
	"errors"
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

// ErrTooBusy reports a start or a stop that Clockify's rate limit would
// delay past its deadline: Book changed nothing.
var ErrTooBusy = errors.New("clockify's rate limit would delay this past its deadline")

// Book is Reserve for a caller with a deadline: when ctx has one and the
// booked turns would come later than the deadline less need (what the
// requests themselves may take once their turns have come), the turns are
// given back and the error is ErrTooBusy, so that a start never stops the
// running timer and then runs out of time before starting the new one. A
// wait of at most quick always goes ahead. The wait is on the limiter's
// clock, the deadline on the wall clock: they are the same in production.
func (s *Service) Book(ctx context.Context, doing string, quick, need time.Duration) (_ context.Context, wait time.Duration, release func(), err error) {
	ctx, wait, release = s.Reserve(ctx, doing)
	if dl, ok := ctx.Deadline(); ok && wait > quick && wait+need > time.Until(dl) {
		release()
		s.log.Warn("clockify busy past the deadline: nothing done", "doing", doing, "wait", wait)
		return ctx, wait, func() {}, ErrTooBusy
	}
	return ctx, wait, release, nil
}
