package clockify

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

func TestTimerRetries(t *testing.T) {
	ctx := context.Background()
	entry := `{"id":"e1","userId":"u1","timeInterval":{"start":"2025-03-03T00:00:00Z"}}`
	start := func(c *Client) error {
		_, err := c.StartTimer(ctx, "ws1", "u1", StartTimerRequest{Start: weekStart})
		return err
	}
	stop := func(c *Client) error {
		_, err := c.StopTimer(ctx, "ws1", "u1", weekEnd)
		return err
	}
	tests := []struct {
		name     string
		call     func(c *Client) error
		script   []step
		wantReqs int64
		wantErr  bool
	}{
		{name: "StartTimer not retried on 500", call: start, script: []step{serverErr, {status: 201, body: entry}}, wantReqs: 1, wantErr: true},
		{name: "StartTimer not retried on 503", call: start, script: []step{{status: 503}, {status: 201, body: entry}}, wantReqs: 1, wantErr: true},
		{name: "StartTimer retried on 429", call: start, script: []step{tooMany, {status: 201, body: entry}}, wantReqs: 2},
		{name: "StopTimer not retried on 502", call: stop, script: []step{{status: 502}, {status: 200, body: entry}}, wantReqs: 1, wantErr: true},
		{name: "StopTimer retried on 429", call: stop, script: []step{tooMany, {status: 200, body: entry}}, wantReqs: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, scripted(tt.script...))
			c, _ := newTestClient(t, ts)
			err := tt.call(c)
			if (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
			if n := c.Requests(); n != tt.wantReqs {
				t.Errorf("Requests() = %d, want %d", n, tt.wantReqs)
			}
		})
	}
}

func TestStartTimerNotRetriedOnTimeout(t *testing.T) {
	var n int
	c, _ := flakyClient(t, 1, 201, `{"id":"e1"}`, &n)
	if _, err := c.StartTimer(context.Background(), "ws1", "u1", StartTimerRequest{}); err == nil {
		t.Error("got nil error, want the timeout")
	}
	if n != 1 {
		t.Errorf("got %d round trips, want 1", n)
	}
}

func TestStopTimerNotRunning(t *testing.T) {
	ts := newTestServer(t, scripted(step{status: 404, body: `{"message":"Currently running time entry doesn't exist","code":404}`}))
	c, _ := newTestClient(t, ts)
	_, err := c.StopTimer(context.Background(), "ws1", "u1", weekEnd)
	if !errors.Is(err, ErrNotRunning) {
		t.Fatalf("got %v, want ErrNotRunning", err)
	}
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Message != "Currently running time entry doesn't exist" {
		t.Errorf("errors.As(*Error) = %+v, want the 404 and its message", apiErr)
	}
	if n := c.Requests(); n != 1 {
		t.Errorf("Requests() = %d, want 1", n)
	}
}
