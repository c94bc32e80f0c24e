package slacktest

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"time"
)

// Call is one recorded Web API request, recorded before faults and
// authentication are applied (so rate-limited and rejected calls count).
type Call struct {
	// Method is the Web API method name, such as "chat.postMessage".
	Method string
	// Params holds the form values of a form-encoded request. For a JSON
	// request it holds the top-level fields too: strings as they are,
	// numbers and booleans formatted, objects and arrays as JSON text. It
	// includes the "token" parameter when the client sent one.
	Params url.Values
	// JSON is the decoded body of a JSON request, nil for form requests.
	JSON map[string]any
	// At is the server clock's time when the request arrived.
	At time.Time
	// settled is set once the server has decided the call's outcome: its
	// effect applied and its answer chosen, or a fault taken.
	settled bool
}

// recordLocked appends c to the call log, wakes waiters and returns its
// index, for settleLocked.
func (s *Server) recordLocked(c Call) int {
	s.calls = append(s.calls, c)
	s.notifyLocked()
	return len(s.calls) - 1
}

// settleLocked marks call i settled (see WaitCalls) and wakes waiters.
func (s *Server) settleLocked(i int) {
	if i < len(s.calls) {
		s.calls[i].settled = true
		s.notifyLocked()
	}
}

// callsLocked returns copies of the recorded calls of method ("" = all).
func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			c.Params = maps.Clone(c.Params)
			c.JSON = maps.Clone(c.JSON)
			out = append(out, c)
		}
	}
	return out
}

// Calls returns the recorded calls of method in arrival order; method ""
// returns every call.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

// WaitCalls blocks until at least n calls of method ("" = any) have been
// recorded and settled, and returns all recorded ones, or returns the
// context's error. A settled call's effect is visible (a chat.update has
// changed its message) or its fault taken (a hanging call is settled when
// it starts hanging), so a test reading the fake's state after WaitCalls
// never races the handler.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var out []Call
	err := s.waitFor(ctx, func() bool {
		out = s.callsLocked(method)
		settled := 0
		for _, c := range s.calls {
			if c.settled && (method == "" || c.Method == method) {
				settled++
			}
		}
		return settled >= n
	})
	if err != nil {
		return out, fmt.Errorf("wait for %d %q calls (have %d): %w", n, method, len(out), err)
	}
	return out, nil
}
