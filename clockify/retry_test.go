package clockify

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

// scripted answers the n-th request (0-based) with script[n], repeating the
// last step; a step is a status, optional headers and a body.
type step struct {
	status int
	header map[string]string
	body   string
}

func scripted(script ...step) func(w http.ResponseWriter, r *http.Request, body []byte) {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		i := int(n.Add(1) - 1)
		s := script[min(i, len(script)-1)]
		for k, v := range s.header {
			w.Header().Set(k, v)
		}
		writeJSON(w, s.status, s.body)
	}
}

var (
	ok200     = step{status: 200, body: `[{"id":"ws1","name":"Acme"}]`}
	tooMany   = step{status: 429, body: `{"message":"Too many requests","code":429}`}
	serverErr = step{status: 500, body: `{"message":"boom","code":0}`}
)

func TestRetries(t *testing.T) {
	httpDate := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		script    []step
		opts      []Option
		wantWaits []time.Duration // exact waits; nil means check bounds only
		wantReqs  int64
		wantErr   func(t *testing.T, err error)
	}{
		{
			name:      "429 with Retry-After seconds waits exactly that",
			script:    []step{{status: 429, header: map[string]string{"Retry-After": "7"}}, ok200},
			wantWaits: []time.Duration{7 * time.Second}, wantReqs: 2,
		},
		{
			name: "429 with Retry-After date",
			script: []step{{status: 429, header: map[string]string{
				"Retry-After": httpDate.Add(5 * time.Second).Format(http.TimeFormat)}}, ok200},
			wantWaits: []time.Duration{5 * time.Second}, wantReqs: 2,
		},
		{
			name:      "Retry-After larger than the backoff cap is still honoured",
			script:    []step{{status: 503, header: map[string]string{"Retry-After": "90"}}, ok200},
			wantWaits: []time.Duration{90 * time.Second}, wantReqs: 2,
		},
		{
			name:      "500 then success",
			script:    []step{serverErr, ok200},
			opts:      []Option{WithBackoff(time.Millisecond, time.Millisecond)},
			wantWaits: nil, wantReqs: 2,
		},
		{
			name:      "429 exhausted is a RateLimitError",
			script:    []step{{status: 429, header: map[string]string{"Retry-After": "3"}, body: tooMany.body}},
			opts:      []Option{WithRetries(4)},
			wantReqs:  5,
			wantWaits: []time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second},
			wantErr: func(t *testing.T, err error) {
				var rl *RateLimitError
				if !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
					t.Fatalf("got %v, want *RateLimitError with RetryAfter 3s", err)
				}
				var apiErr *Error
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.Message != "Too many requests" {
					t.Errorf("errors.As(*Error) = %+v, want status 429 and the message", apiErr)
				}
			},
		},
		{
			name:     "500 exhausted is an Error",
			script:   []step{serverErr},
			opts:     []Option{WithRetries(2)},
			wantReqs: 3,
			wantErr: func(t *testing.T, err error) {
				var apiErr *Error
				var rl *RateLimitError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || errors.As(err, &rl) {
					t.Errorf("got %v, want a plain *Error with status 500", err)
				}
			},
		},
		{
			name:      "400 is not retried",
			script:    []step{{status: 400, body: `{"message":"bad","code":501}`}},
			wantWaits: []time.Duration{}, wantReqs: 1,
			wantErr: func(t *testing.T, err error) {
				var apiErr *Error
				if !errors.As(err, &apiErr) || apiErr.Code != 501 {
					t.Errorf("got %v, want *Error with code 501", err)
				}
			},
		},
		{
			name:      "no retries",
			script:    []step{serverErr},
			opts:      []Option{WithRetries(0)},
			wantWaits: []time.Duration{}, wantReqs: 1,
			wantErr: func(t *testing.T, err error) {},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, scripted(tt.script...))
			c, rec := newTestClient(t, ts, tt.opts...)
			c.now = func() time.Time { return httpDate }
			_, err := c.Workspaces(context.Background())
			if tt.wantErr == nil && err != nil {
				t.Fatalf("Workspaces() error = %v", err)
			}
			if tt.wantErr != nil {
				if err == nil {
					t.Fatal("got nil error, want one")
				}
				tt.wantErr(t, err)
			}
			if got := c.Requests(); got != tt.wantReqs {
				t.Errorf("Requests() = %d, want %d", got, tt.wantReqs)
			}
			if got := int64(len(ts.requests())); got != tt.wantReqs {
				t.Errorf("server saw %d requests, want %d", got, tt.wantReqs)
			}
			waits := rec.recorded()
			if tt.wantWaits != nil && !reflect.DeepEqual(append([]time.Duration{}, waits...), tt.wantWaits) {
				t.Errorf("waits = %v, want %v", waits, tt.wantWaits)
			}
			if int64(len(waits)) != tt.wantReqs-1 {
				t.Errorf("got %d waits, want %d", len(waits), tt.wantReqs-1)
			}
		})
	}
}

// TestBackoffBounds checks the full-jitter waits of a 429 without
// Retry-After: the n-th wait lies in [0, min(base*2^n, cap)].
func TestBackoffBounds(t *testing.T) {
	ts := newTestServer(t, scripted(tooMany))
	base, cap := 100*time.Millisecond, 500*time.Millisecond
	c, rec := newTestClient(t, ts, WithBackoff(base, cap), WithRetries(6))
	_, err := c.Workspaces(context.Background())
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 0 {
		t.Fatalf("got %v, want *RateLimitError without RetryAfter", err)
	}
	waits := rec.recorded()
	if len(waits) != 6 {
		t.Fatalf("got %d waits, want 6", len(waits))
	}
	for i, w := range waits {
		limit := min(base<<i, cap)
		if w < 0 || w > limit {
			t.Errorf("wait %d = %v, want within [0, %v]", i, w, limit)
		}
	}
	// Many draws of the first retry must spread over its range.
	p := retryPolicy{max: 1, base: time.Second, cap: time.Minute}
	var lo, hi bool
	for range 200 {
		d := p.backoff(0)
		lo = lo || d < 300*time.Millisecond
		hi = hi || d > 700*time.Millisecond
	}
	if !lo || !hi {
		t.Errorf("200 backoffs of 1s are not jittered (low seen %v, high seen %v)", lo, hi)
	}
}

// TestRetryResendsBody checks that a retried POST carries the same body.
func TestRetryResendsBody(t *testing.T) {
	ts := newTestServer(t, scripted(step{status: 502, body: "bad gateway"}, step{status: 200, body: `{"count":0,"requests":[]}`}))
	c, _ := newTestClient(t, ts)
	if _, err := c.TimeOffRequests(context.Background(), "ws1", TimeOffOptions{Statuses: []string{"APPROVED"}}); err != nil {
		t.Fatal(err)
	}
	reqs := ts.requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want 2", len(reqs))
	}
	if len(reqs[0].Body) == 0 || string(reqs[0].Body) != string(reqs[1].Body) {
		t.Errorf("retry body %q, want the first body %q", reqs[1].Body, reqs[0].Body)
	}
}
