package clockifytest

import (
	"net/http"
	"strings"
	"time"
)

// Fault makes matching requests misbehave. A request matches when Method is
// empty or equal to its method and its path contains PathContains. Times is
// how many requests the fault affects; 0 means forever. The first matching
// fault applies, in the order they were injected. Its effects combine in
// this order: Delay, then Hang, then Status (with RetryAfter) or Malformed,
// else ShortPage on an otherwise normal answer. Faults apply before the API
// key is checked.
type Fault struct {
	Method, PathContains string
	// Status answers this HTTP status with a Clockify-style error body.
	Status int
	// RetryAfter is the Retry-After header sent with Status ("" = none).
	RetryAfter string
	// Hang blocks until the request's context is done or the server closes;
	// no response is sent.
	Hang bool
	// Malformed answers 200 with a body that is not valid JSON.
	Malformed bool
	// ShortPage answers only half of the requested page but claims success,
	// without a Last-Page header.
	ShortPage bool
	// DropItem answers a list page without its first item, as a complete
	// last page ("Last-Page: true"), and a detailed report without its
	// first row (totals included): a list that silently shrank.
	DropItem bool
	// Delay waits this long before answering.
	Delay time.Duration
	Times int
}

type activeFault struct {
	f    Fault
	left int // remaining requests; 0 with f.Times == 0 means forever
}

// malformedBody is cut off in the middle, invalid for both arrays and
// objects.
const malformedBody = `[{"id":"malformed","name":`

// InjectFault adds f after the faults already injected.
func (s *Server) InjectFault(f Fault) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = append(s.faults, &activeFault{f: f, left: f.Times})
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.faults = nil
}

// takeFault returns the fault matching r and uses one of its Times.
func (s *Server) takeFault(r *http.Request) (Fault, bool) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i, af := range s.faults {
		if af.f.Method != "" && !strings.EqualFold(af.f.Method, r.Method) || !strings.Contains(r.URL.Path, af.f.PathContains) {
			continue
		}
		if af.f.Times > 0 {
			af.left--
			if af.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return af.f, true
	}
	return Fault{}, false
}

// applyFault applies the fault matching r. It reports whether the answer
// must be a short page, and whether the request is fully answered.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request) (short, done bool) {
	f, ok := s.takeFault(r)
	if !ok {
		return false, false
	}
	if f.DropItem {
		*r = *r.WithContext(withDropItem(r.Context()))
	}
	s.wait(r, f.Delay)
	if f.Hang {
		s.hang(r)
	}
	switch {
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		msg := http.StatusText(f.Status)
		if f.Status == http.StatusTooManyRequests {
			msg = "Too many requests"
		}
		writeError(w, f.Status, msg)
		return false, true
	case f.Malformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(malformedBody))
		return false, true
	}
	return f.ShortPage, false
}

// FreePlanBudget makes the server behave like a workspace on Clockify's
// Free plan with perHour requests in any sliding hour (30 on the live API,
// WithFreePlan), on the server's clock (WithClock): past the budget every
// request is answered 429 with a Retry-After of the seconds until one fits.
// Zero or less turns the limit off.
func (s *Server) FreePlanBudget(perHour int) {
	s.limitMu.Lock()
	defer s.limitMu.Unlock()
	s.hourly = slidingWindow{limit: perHour, span: time.Hour}
}
