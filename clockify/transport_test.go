package clockify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestContextStopsRetries(t *testing.T) {
	t.Run("cancelled during the wait", func(t *testing.T) {
		ts := newTestServer(t, scripted(serverErr))
		c, rec := newTestClient(t, ts)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rec.hook = cancel
		_, err := c.Workspaces(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if n := c.Requests(); n != 1 {
			t.Errorf("Requests() = %d, want 1", n)
		}
	})
	t.Run("cancelled before the call", func(t *testing.T) {
		ts := newTestServer(t, scripted(ok200))
		c, _ := newTestClient(t, ts)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := c.Workspaces(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if n := c.Requests(); n != 0 {
			t.Errorf("Requests() = %d, want 0", n)
		}
	})
	t.Run("cancelled during the request", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
			cancel()
			<-r.Context().Done()
		})
		c, rec := newTestClient(t, ts)
		if _, err := c.Workspaces(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if n, w := c.Requests(), len(rec.recorded()); n != 1 || w != 0 {
			t.Errorf("got %d requests and %d waits, want 1 and 0", n, w)
		}
	})
	t.Run("deadline passes during the request", func(t *testing.T) {
		// context.DeadlineExceeded is a net.Error timeout: it must not be
		// mistaken for a transport timeout and retried.
		ctx := &manualDeadline{Context: context.Background(), done: make(chan struct{})}
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
			ctx.expire()
			<-r.Context().Done()
		})
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, rec := newTestClient(t, ts, WithLogger(logger))
		if _, err := c.Workspaces(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("got %v, want context.DeadlineExceeded", err)
		}
		if n, w := c.Requests(), len(rec.recorded()); n != 1 || w != 0 {
			t.Errorf("got %d requests and %d waits, want 1 and 0", n, w)
		}
		if logs.Len() != 0 {
			t.Errorf("got retry logs %q, want none", logs.String())
		}
	})
}

// manualDeadline is a context whose deadline passes when the test says so.
type manualDeadline struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func (c *manualDeadline) Done() <-chan struct{} { return c.done }

func (c *manualDeadline) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *manualDeadline) expire() { c.once.Do(func() { close(c.done) }) }

// timeoutErr is a transport timeout.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

var _ net.Error = timeoutErr{}

// flakyClient returns a client whose transport fails the first fails round
// trips with a timeout and then answers status with body. *n counts the
// round trips.
func flakyClient(t *testing.T, fails, status int, body string, n *int) (*Client, *sleepRecorder) {
	t.Helper()
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		*n++
		if *n <= fails {
			return nil, timeoutErr{}
		}
		return &http.Response{StatusCode: status, Header: http.Header{},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	rec := &sleepRecorder{}
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: rt}), WithRateLimit(0), WithSleep(rec.sleep))
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestTransportTimeoutRetried(t *testing.T) {
	var n int
	c, rec := flakyClient(t, 1, 200, ok200.body, &n)
	ws, err := c.Workspaces(context.Background())
	if err != nil || len(ws) != 1 {
		t.Fatalf("Workspaces() = %v, %v; want one workspace", ws, err)
	}
	if n != 2 || len(rec.recorded()) != 1 {
		t.Errorf("got %d round trips and %d waits, want 2 and 1", n, len(rec.recorded()))
	}

	n = 0
	c, _ = flakyClient(t, 100, 200, ok200.body, &n)
	_, err = c.Workspaces(context.Background())
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("got %v, want a timeout error after the retries", err)
	}
	if n != 5 {
		t.Errorf("got %d round trips, want 5", n)
	}
}
