package slacktest

import (
	"net/http"
	"strconv"
)

// faultKind says how a fault answers.
type faultKind int

const (
	faultRateLimit faultKind = iota
	faultFail
	faultHang
	faultStatus
	faultLoseReply
)

// fault makes calls of one method misbehave a number of times.
type fault struct {
	method     string
	kind       faultKind
	errCode    string
	retryAfter int
	status     int
	left       int // remaining calls; forever when the fault was added with times <= 0
	forever    bool
}

// addFault registers f for the next times calls of its method.
func (s *Server) addFault(f *fault, times int) {
	f.left, f.forever = times, times <= 0
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// RateLimit makes the next times calls of method ("" = any method) answer
// HTTP 429 with a Retry-After header of retryAfter seconds and the body
// {"ok":false,"error":"ratelimited"}; slack-go surfaces this as
// *slack.RateLimitedError. times <= 0 means every call from now on.
func (s *Server) RateLimit(method string, times, retryAfter int) {
	s.addFault(&fault{method: method, kind: faultRateLimit, retryAfter: retryAfter}, times)
}

// FailMethod makes the next times calls of method ("" = any method) answer
// {"ok":false,"error":errCode} with HTTP 200, as Slack does for API errors.
// times <= 0 means every call from now on.
func (s *Server) FailMethod(method, errCode string, times int) {
	s.addFault(&fault{method: method, kind: faultFail, errCode: errCode}, times)
}

// HangMethod makes the next times calls of method ("" = any method) block
// without an answer until the request's context is done or the server
// closes; the connection is then dropped. times <= 0 means every call from
// now on.
func (s *Server) HangMethod(method string, times int) {
	s.addFault(&fault{method: method, kind: faultHang}, times)
}

// ServerError makes the next times calls of method ("" = any method)
// answer with HTTP status (such as 500 or 503) and an HTML body, as Slack's
// edge does when it fails; nothing is done. times <= 0 means every call
// from now on.
func (s *Server) ServerError(method string, status, times int) {
	s.addFault(&fault{method: method, kind: faultStatus, status: status}, times)
}

// LoseReply makes the next times calls of method ("" = any method) take
// effect (a message is posted, a conversation opened) but drops the
// connection instead of answering, as when Slack's reply is lost on the
// way. times <= 0 means every call from now on.
func (s *Server) LoseReply(method string, times int) {
	s.addFault(&fault{method: method, kind: faultLoseReply}, times)
}

// RevokeToken makes every later call authenticated with token answer
// "token_revoked".
func (s *Server) RevokeToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked[token] = true
}

// takeFaultLocked returns the first fault matching method and uses up one
// of its calls, or nil.
func (s *Server) takeFaultLocked(method string) *fault {
	for i, f := range s.faults {
		if f.method != "" && f.method != method {
			continue
		}
		if !f.forever {
			f.left--
			if f.left <= 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return f
	}
	return nil
}

// applyFault answers r according to f.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *fault) {
	switch f.kind {
	case faultRateLimit:
		w.Header().Set("Retry-After", strconv.Itoa(f.retryAfter))
		writeJSON(w, http.StatusTooManyRequests, errorResponse("ratelimited"))
	case faultFail:
		writeJSON(w, http.StatusOK, errorResponse(f.errCode))
	case faultHang:
		s.hang(r)
	case faultStatus:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte("<html><body>" + http.StatusText(f.status) + "</body></html>"))
	}
}

// hang blocks until the request is cancelled or the server closes, then
// aborts the handler so that no answer is sent.
func (s *Server) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
	panic(http.ErrAbortHandler)
}
