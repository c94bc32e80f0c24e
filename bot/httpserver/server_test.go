package httpserver_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/httpserver"
	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/store"
)

var now = time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)

type conn struct{ up atomic.Bool }

func (c *conn) Connected() bool { return c.up.Load() }

// start serves s on a loopback port until the test ends and returns its
// address.
func start(t *testing.T, s *httpserver.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve() = %v, want nil after shutdown", err)
		}
	})
	return ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func openStore(t *testing.T, lastSync time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !lastSync.IsZero() {
		if err := st.Apply(store.Batch{Success: "recent", At: lastSync}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name      string
		lastSync  time.Time
		connected bool
		httpMode  bool
		closed    bool
		want      int
		reason    string
	}{
		{"socket mode, fresh sync", now.Add(-10 * time.Minute), true, false, false, 200, ""},
		{"http mode, socket down", now.Add(-10 * time.Minute), false, true, false, 200, ""},
		{"socket down, no http mode", now.Add(-10 * time.Minute), false, false, false, 503, "slack not connected"},
		{"sync older than 3 intervals", now.Add(-46 * time.Minute), true, false, false, 503, "more than 3 × SYNC_INTERVAL"},
		{"no sync yet", time.Time{}, true, false, false, 503, "no successful sync yet"},
		{"store closed", now.Add(-10 * time.Minute), true, false, true, 503, "store not open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t, tc.lastSync)
			c := &conn{}
			c.up.Store(tc.connected)
			s := httpserver.New(httpserver.Config{Readiness: httpserver.Checks{
				Store: st, Slack: c, HTTPMode: tc.httpMode, SyncInterval: 15 * time.Minute, Now: func() time.Time { return now },
			}})
			addr := start(t, s)
			if tc.closed {
				st.Close()
			}
			status, body := get(t, "http://"+addr+"/readyz")
			if status != tc.want || !strings.Contains(body, tc.reason) || strings.Count(strings.TrimSpace(body), "\n") != 0 {
				t.Errorf("GET /readyz = %d %q; want %d with %q on one line", status, body, tc.want, tc.reason)
			}
			err := httpserver.Healthcheck(context.Background(), http.DefaultClient, addr)
			if (err == nil) != (tc.want == 200) || err != nil && !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("Healthcheck() = %v; want ok=%v", err, tc.want == 200)
			}
			if status, _ := get(t, "http://"+addr+"/healthz"); status != 200 {
				t.Errorf("GET /healthz = %d, want 200", status)
			}
		})
	}
}

func TestMetricsAndBodyLimit(t *testing.T) {
	m := metrics.New()
	m.SyncPassed(now)
	m.WeeklyMessage(metrics.WeeklyAlreadySent)
	m.CommandAcked(120 * time.Millisecond)
	m.SocketReconnected()
	m.EntriesStored(42)
	m.WebhookRejected(metrics.SourceClockify, metrics.ReasonBadSignature)
	s := httpserver.New(httpserver.Config{Metrics: m})
	var got atomic.Int64
	s.Handle("POST /echo", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		got.Store(int64(len(b)))
	}))
	addr := start(t, s)
	status, body := get(t, "http://"+addr+"/metrics")
	if status != 200 {
		t.Fatalf("GET /metrics = %d", status)
	}
	for _, want := range []string{
		`clockbot_sync_passes_total{result="success"} 1`,
		`clockbot_sync_passes_total{result="failure"} 0`,
		`clockbot_last_successful_sync_timestamp_seconds 1.7950032e+09`,
		`clockbot_entries_stored 42`,
		`clockbot_weekly_messages_total{outcome="already_sent"} 1`,
		`clockbot_slash_command_ack_seconds_bucket{le="0.25"} 1`,
		`clockbot_socket_mode_reconnects_total 1`,
		`clockbot_webhook_deliveries_total{reason="bad_signature",result="rejected",source="clockify"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, tc := range []struct {
		name    string
		size    int
		chunked bool
		want    int
	}{
		{"1 MB", httpserver.MaxBody, false, 200},
		{"1 MB + 1", httpserver.MaxBody + 1, false, 413},
		{"1 MB + 1 without a length", httpserver.MaxBody + 1, true, 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rdr io.Reader = bytes.NewReader(make([]byte, tc.size))
			if tc.chunked {
				rdr = io.MultiReader(rdr) // hides the length: chunked encoding
			}
			resp, err := http.Post("http://"+addr+"/echo", "application/octet-stream", rdr)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
}

// TestGracefulShutdown checks that a request in flight when the context
// ends still gets its answer, and that Serve returns nil after it.
func TestGracefulShutdown(t *testing.T) {
	s := httpserver.New(httpserver.Config{})
	entered, release := make(chan struct{}), make(chan struct{})
	s.Handle("GET /slow", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "done")
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answer <- string(b)
	}()
	<-entered
	cancel()
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v before the request in flight finished", err)
	default:
	}
	close(release)
	if got := <-answer; got != "done" {
		t.Errorf("request in flight got %q, want done", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve() = %v, want nil", err)
	}
}

func TestReadyURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://127.0.0.1:8080/readyz",
		"0.0.0.0:9000":   "http://127.0.0.1:9000/readyz",
		"[::]:9000":      "http://127.0.0.1:9000/readyz",
		"10.0.0.5:8080":  "http://10.0.0.5:8080/readyz",
		"localhost:8081": "http://localhost:8081/readyz",
	} {
		if got, err := httpserver.ReadyURL(addr); err != nil || got != want {
			t.Errorf("ReadyURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	if _, err := httpserver.ReadyURL("8080"); err == nil {
		t.Error("ReadyURL(8080) accepted an address without a port")
	}
}
