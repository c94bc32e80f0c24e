package clockifytest

import (
	"sync"
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
		s.perSecond = perSecondLimit{limit: PaidPlanRequestsPerSecond, now: now, state: &perSecondState{}}
	}
}

// RateLimited returns how many requests WithPaidPlanRate refused.
func (s *Server) RateLimited() int {
	if s.perSecond.state == nil {
		return 0
	}
	s.perSecond.state.mu.Lock()
	defer s.perSecond.state.mu.Unlock()
	return s.perSecond.state.refused
}

// perSecondLimit is the paid plans' limit of requests in a sliding second;
// the zero value limits nothing.
type perSecondLimit struct {
	limit int
	now   func() time.Time
	state *perSecondState
}

// perSecondState is the accepted requests of the last second, oldest
// first, and the refusals.
type perSecondState struct {
	mu       sync.Mutex
	accepted []time.Time
	refused  int
}

// allow reports whether one more request fits the limit and counts it.
func (l perSecondLimit) allow() bool {
	if l.limit <= 0 {
		return true
	}
	now := l.now()
	st := l.state
	st.mu.Lock()
	defer st.mu.Unlock()
	cut := 0
	for cut < len(st.accepted) && !st.accepted[cut].After(now.Add(-time.Second)) {
		cut++
	}
	st.accepted = st.accepted[cut:]
	if len(st.accepted) >= l.limit {
		st.refused++
		return false
	}
	st.accepted = append(st.accepted, now)
	return true
}
