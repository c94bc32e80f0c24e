package clockifytest

import (
	"net/http"
	"slices"
)

// Request is a request the server received.
type Request struct {
	Method, Path, RawQuery string
	Body                   []byte
	// APIKey is the X-Api-Key header as received.
	APIKey string
}

func (s *Server) record(r *http.Request, body []byte) {
	s.requests.Add(1)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = append(s.log, Request{
		Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Body: body, APIKey: r.Header.Get("X-Api-Key"),
	})
}

// Requests returns how many requests the server received since it started
// or since the last ResetRequests, rejected ones included.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// RequestLog returns a copy of the received requests, oldest first.
func (s *Server) RequestLog() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := slices.Clone(s.log)
	for i := range out {
		out[i].Body = slices.Clone(out[i].Body)
	}
	return out
}

// ResetRequests clears the request count and log.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.requests.Store(0)
	s.log = nil
}
