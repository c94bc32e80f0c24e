package clockifytest

import (
	"time"
)

// PaidPlanRequestsPerSecond is how many requests a workspace on a paid plan
// may make in any second, all keys together; past that Clockify answers
// 429 Too Many Requests.
const PaidPlanRequestsPerSecond = 50

// WithPaidPlanRate limits the server to PaidPlanRequestsPerSecond requests
// in any sliding second of now (time.Now when nil), as Clockify limits paid
// workspaces: past that it answers 429 with a Retry-After of 1 second, and
// counts the refusal (RateLimited). now is separate from WithClock's so
// that a test whose clock stands still can still be held to the real rate.
func WithPaidPlanRate(now func() time.Time) Option {
	if now == nil {
		now = time.Now
	}
	return func(s *Server) {
		s.perSecondNow = now
		s.perSecond = slidingWindow{limit: PaidPlanRequestsPerSecond, span: time.Second}
	}
}

// RateLimited returns how many requests WithPaidPlanRate refused.
func (s *Server) RateLimited() int {
	s.limitMu.Lock()
	defer s.limitMu.Unlock()
	return s.perSecond.refused
}

// allowPerSecond reports whether one more request fits the paid plan's
// rate (always, without WithPaidPlanRate) and counts it.
func (s *Server) allowPerSecond() bool {
	if s.perSecondNow == nil {
		return true
	}
	now := s.perSecondNow()
	s.limitMu.Lock()
	defer s.limitMu.Unlock()
	ok, _ := s.perSecond.allow(now)
	return ok
}

// slidingWindow is a request limit over a sliding span of time: the
// Free plan's hour, the paid plans' second. A zero limit limits nothing.
type slidingWindow struct {
	limit    int
	span     time.Duration
	accepted []time.Time // accepted requests of the last span, oldest first
	refused  int
}

// allow reports whether one more request at now fits the limit and counts
// it; otherwise it counts a refusal and returns how long until one fits.
func (w *slidingWindow) allow(now time.Time) (bool, time.Duration) {
	if w.limit <= 0 {
		return true, 0
	}
	cut := 0
	for cut < len(w.accepted) && !w.accepted[cut].After(now.Add(-w.span)) {
		cut++
	}
	w.accepted = w.accepted[cut:]
	if len(w.accepted) >= w.limit {
		w.refused++
		return false, w.accepted[0].Add(w.span).Sub(now)
	}
	w.accepted = append(w.accepted, now)
	return true, 0
}
