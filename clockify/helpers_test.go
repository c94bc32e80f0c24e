package clockify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

// testKey is the API key of every test client. Tests assert that it never
// shows up in an error or a log line.
const testKey = "test-api-key-0123456789abcdef"

// seen is one request as the test server received it.
type seen struct {
	Method string
	Path   string // escaped path
	Query  string // raw query
	Header http.Header
	Body   []byte
}

// testServer is an httptest server that records every request and answers
// with handle.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

// newTestServer starts a server whose handler is handle; the request body is
// already read into body.
func newTestServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read request body: %v", err)
		}
		ts.mu.Lock()
		ts.reqs = append(ts.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		ts.mu.Unlock()
		handle(w, r, body)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// requests returns a copy of the recorded requests.
func (ts *testServer) requests() []seen {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]seen(nil), ts.reqs...)
}

// sleepRecorder records the waits the client asks for instead of sleeping.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
	hook  func() // called on every sleep, e.g. to cancel a context
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		hook()
	}
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// newTestClient returns a client for ts with the REST API under /api/v1 and
// the Reports API under /reports/v1, no rate limit, and waits recorded in
// the returned sleepRecorder.
func newTestClient(t *testing.T, ts *testServer, opts ...Option) (*Client, *sleepRecorder) {
	t.Helper()
	rec := &sleepRecorder{}
	all := append([]Option{
		WithBaseURL(ts.URL + "/api/v1"),
		WithReportsURL(ts.URL + "/reports/v1/"),
		WithRateLimit(0),
		WithSleep(rec.sleep),
	}, opts...)
	c, err := NewClient(testKey, all...)
	if err != nil {
		t.Fatalf("NewClient() error = %v", err)
	}
	return c, rec
}

// writeJSON answers with status and v encoded as JSON (or v itself when it
// is a string).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if s, ok := v.(string); ok {
		io.WriteString(w, s)
		return
	}
	json.NewEncoder(w).Encode(v)
}

// jsonEqual reports whether two JSON documents are equal as values.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("bad JSON %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("bad JSON %s: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}

// roundTripFunc is an http.RoundTripper made of a function, for failures a
// real server cannot produce on demand.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
