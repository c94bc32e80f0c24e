package clockifyhook_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/clockifyhook"
	"github.com/clockbot/clockbot/store"
)

// benchServer is the handler over a real store behind a real HTTP server.
func benchServer(b *testing.B) (*httptest.Server, *store.Store) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "clockbot.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.PutWebhook(store.RegisteredWebhook{ID: "wh1", Event: "NEW_TIME_ENTRY", Token: registered}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(clockifyhook.New(clockifyhook.Options{Tokens: st, StaticTokens: []string{fromEnv}, Applier: st}))
	b.Cleanup(srv.Close)
	return srv, st
}

func deliver(b *testing.B, c *http.Client, url string, body []byte) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set(clockifyhook.SignatureHeader, registered)
	req.Header.Set(clockifyhook.EventTypeHeader, "NEW_TIME_ENTRY")
	resp, err := c.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Errorf("status %d", resp.StatusCode)
	}
}

// BenchmarkWebhookToStore measures one signed NEW_TIME_ENTRY delivery from
// the HTTP request to the committed store write: ns/op is the latency, and
// deliveries/s the sequential rate.
func BenchmarkWebhookToStore(b *testing.B) {
	srv, st := benchServer(b)
	c := srv.Client()
	start := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s := start.Add(time.Duration(i) * time.Minute)
		deliver(b, c, srv.URL+clockifyhook.Path, entryBody(fmt.Sprintf("e%d", i), s.Format(time.RFC3339), s.Add(time.Minute).Format(time.RFC3339), "bench"))
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
	if n, _ := st.CountEntries(); n != b.N {
		b.Errorf("%d entries stored, want %d", n, b.N)
	}
}

// BenchmarkWebhookToStoreParallel is the accepted deliveries per second
// with concurrent senders (GOMAXPROCS goroutines).
func BenchmarkWebhookToStoreParallel(b *testing.B) {
	srv, _ := benchServer(b)
	c := srv.Client()
	start := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			s := start.Add(time.Duration(i) * time.Minute)
			deliver(b, c, srv.URL+clockifyhook.Path, entryBody(fmt.Sprintf("e%d", i), s.Format(time.RFC3339), s.Add(time.Minute).Format(time.RFC3339), "bench"))
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
}
