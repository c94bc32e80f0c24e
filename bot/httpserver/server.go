// Package httpserver is clockbot's optional HTTP listener (HTTP_ADDR): it
// serves GET /healthz, GET /readyz and GET /metrics, and whatever the bot
// mounts with Handle (the Clockify and time-clock webhooks, Slack's HTTP
// mode), with timeouts, a 1 MB body limit and a graceful shutdown.
package httpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/clockbot/clockbot/bot/metrics"
)

// DefaultAddr is HTTP_ADDR's default.
const DefaultAddr = ":8080"

// MaxBody is the largest request body; larger ones are answered 413.
const MaxBody = 1 << 20

// Timeouts of the listener.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 20 * time.Second
	IdleTimeout       = 90 * time.Second
	// ShutdownTimeout bounds how long a shutdown waits for requests in
	// flight.
	ShutdownTimeout = 10 * time.Second
)

// Readiness says whether the bot can do its work; Checks implements it.
type Readiness interface {
	// Ready returns nil when ready, or an error whose message is the
	// one-line reason.
	Ready(ctx context.Context) error
}

// Config configures New.
type Config struct {
	// Readiness answers GET /readyz; nil is always ready.
	Readiness Readiness
	// Metrics is served at GET /metrics; nil serves none.
	Metrics *metrics.Metrics
	Logger  *slog.Logger // nil: discarded
}

// Server is the listener's handler and http.Server.
type Server struct {
	mux *http.ServeMux
	cfg Config
	log *slog.Logger
}

// New returns a server with /healthz, /readyz and /metrics mounted.
func New(cfg Config) *Server {
	s := &Server{mux: http.NewServeMux(), cfg: cfg, log: cfg.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.log = s.log.With("component", "http")
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.readyz)
	if cfg.Metrics != nil {
		s.mux.Handle("GET /metrics", cfg.Metrics.Handler())
	}
	return s
}

// Handle mounts h at pattern (http.ServeMux syntax, e.g.
// "POST /webhooks/clockify"). Call it before Serve.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler returns the routes behind the body limit.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBody {
			w.Header().Set("Connection", "close")
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body larger than 1 MB"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		s.mux.ServeHTTP(w, r)
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Readiness != nil {
		if err := s.cfg.Readiness.Ready(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// Serve serves on ln until ctx is done, then shuts down gracefully:
// requests in flight get up to ShutdownTimeout to finish. It returns nil
// after a shutdown caused by ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("http listener: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("http listener shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http listener: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// ListenAndServe listens on addr and serves like Serve. An empty addr
// (HTTP_ADDR set to "") turns the listener off: it waits for ctx and
// returns nil.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	if addr == "" {
		<-ctx.Done()
		return nil
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on HTTP_ADDR %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
