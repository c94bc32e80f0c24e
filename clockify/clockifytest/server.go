// Package clockifytest is a fake Clockify server for tests, benchmarks and
// demos. It speaks the wire formats of the live Clockify API (including the
// places where the live API differs from its OpenAPI document), keeps its
// state in memory with indexes so that large generated workspaces stay fast,
// and can inject faults: error statuses, hangs, malformed bodies, short pages
// and delays.
//
// The fake defines its own wire structs and never imports package clockify,
// so that it checks the client independently.
package clockifytest

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Default identity of a new fake.
const (
	// DefaultAPIKey is the API key a server accepts unless WithAPIKey is used.
	DefaultAPIKey = "fake-api-key-0123456789"
	// DefaultWorkspaceID is the id of the default workspace.
	DefaultWorkspaceID = "ws-1"
	// DefaultWorkspaceName is the name of the default workspace.
	DefaultWorkspaceName = "Acme"
)

// Server is a running fake Clockify. The exported fields describe how to
// reach it; they must not be changed after New returns.
type Server struct {
	// URL is the root URL of the server, without a trailing slash.
	URL string
	// APIURL is URL + "/api/v1", the base of the regular API.
	APIURL string
	// ReportsURL is URL + "/reports/v1", the base of the reports API.
	ReportsURL string
	// APIKey is the only X-Api-Key value the server accepts.
	APIKey string
	// WorkspaceID is the id of the default workspace, which holds all the
	// users, projects and entries added through the Add methods.
	WorkspaceID string

	srv      *httptest.Server
	mux      *http.ServeMux
	listener net.Listener
	latency  time.Duration
	now      func() time.Time
	closed   chan struct{}
	stopOnce sync.Once

	requests atomic.Int64
	logMu    sync.Mutex
	log      []Request

	faultMu sync.Mutex
	faults  []*activeFault
	// hangHook, when set (by tests), is called when a handler starts hanging.
	hangHook func()

	zones zoneCache

	timeOffDisabled bool          // WithTimeOffDisabled
	limitMu         sync.Mutex    // guards hourly and perSecond
	hourly          slidingWindow // WithFreePlan, FreePlanBudget: requests per sliding hour
	perSecond       slidingWindow // WithPaidPlanRate: requests per sliding second
	perSecondNow    func() time.Time

	mu sync.RWMutex // guards st and everything it holds
	st *state
	// hooks holds each workspace's webhooks by id (webhooks.go); guarded
	// by mu.
	hooks map[string]map[string]*hookState
}

// Option configures a Server in New.
type Option func(*Server)

// WithLatency makes every request wait d before it is handled. When the
// request's context is done or the server closes first, the connection is
// dropped without an answer.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency = d }
}

// WithClock sets the clock used for "now": timers started without a start
// time. The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithAPIKey sets the API key the server accepts.
func WithAPIKey(k string) Option {
	return func(s *Server) { s.APIKey = k }
}

// WithListener serves on ln instead of a new loopback listener; the demo
// command uses it to listen on a fixed address. The server closes ln.
func WithListener(ln net.Listener) Option {
	return func(s *Server) { s.listener = ln }
}

// WithReportMaxDays sets the longest detailed-report range in days (31 by
// default, the Free-plan limit); 0 removes the limit.
func WithReportMaxDays(days int) Option {
	return func(s *Server) { s.st.reportMaxDays = days }
}

// New starts a fake Clockify with the default API key and one workspace,
// "ws-1" named "Acme". Call Close when done.
func New(opts ...Option) *Server {
	s := &Server{
		APIKey:      DefaultAPIKey,
		WorkspaceID: DefaultWorkspaceID,
		now:         time.Now,
		closed:      make(chan struct{}),
		st:          newState(DefaultWorkspaceID, DefaultWorkspaceName),
	}
	for _, o := range opts {
		o(s)
	}
	s.mux = s.newMux()
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if s.listener != nil {
		s.srv.Listener.Close()
		s.srv.Listener = s.listener
	}
	s.srv.Start()
	s.URL = s.srv.URL
	s.APIURL = s.URL + "/api/v1"
	s.ReportsURL = s.URL + "/reports/v1"
	return s
}

// NewTB is New with tb.Cleanup(s.Close).
func NewTB(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := New(opts...)
	tb.Cleanup(s.Close)
	return s
}

// Close unblocks hung and waiting handlers and shuts the server down. It is
// safe to call more than once.
func (s *Server) Close() {
	s.stopOnce.Do(func() {
		close(s.closed)
		s.srv.Close()
	})
}

// wait blocks for d. When the request is cancelled or the server closes
// first, it aborts the handler (the connection is dropped, no response).
func (s *Server) wait(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		panic(http.ErrAbortHandler)
	case <-s.closed:
		panic(http.ErrAbortHandler)
	}
}

// hang blocks until the request is cancelled or the server closes, then
// aborts the handler.
func (s *Server) hang(r *http.Request) {
	if s.hangHook != nil {
		s.hangHook()
	}
	select {
	case <-r.Context().Done():
	case <-s.closed:
	}
	panic(http.ErrAbortHandler)
}

// serve is the entry point of every request: it records the request, applies
// latency and faults, checks the key and dispatches.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.record(r, body)
	s.wait(r, s.latency)
	short, done := s.applyFault(w, r)
	if done {
		return
	}
	if r.Header.Get("X-Api-Key") != s.APIKey {
		writeErrorCode(w, http.StatusUnauthorized, "Full authentication is required to access this resource", 1000)
		return
	}
	if ok, wait := s.allowHourly(); !ok {
		writeRateLimited(w, wait, msgHourlyLimit)
		return
	}
	if !s.allowPerSecond() {
		writeRateLimited(w, time.Second, msgPerSecondLimit)
		return
	}
	if short {
		r = r.WithContext(withShortPage(r.Context()))
	}
	s.mux.ServeHTTP(w, r)
}

// newMux builds the router of all supported endpoints.
func (s *Server) newMux() *http.ServeMux {
	m := http.NewServeMux()
	const api, rep = "/api/v1", "/reports/v1"
	m.HandleFunc("GET "+api+"/user", s.handleCurrentUser)
	m.HandleFunc("GET "+api+"/workspaces", s.handleWorkspaces)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/users", s.handleUsers)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/users/{userId}/managers", s.handleManagers)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/user-groups", s.handleGroups)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/projects", s.handleProjects)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/user/{userId}/time-entries", s.handleUserEntries)
	m.HandleFunc("POST "+api+"/workspaces/{ws}/user/{userId}/time-entries", s.handleCreateEntry)
	m.HandleFunc("PATCH "+api+"/workspaces/{ws}/user/{userId}/time-entries", s.handleStopTimer)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/time-entries/status/in-progress", s.handleInProgress)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/holidays", s.handleHolidays)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/holidays/in-period", s.handleHolidaysInPeriod)
	m.HandleFunc("POST "+api+"/workspaces/{ws}/time-off/requests", s.handleTimeOff)
	m.HandleFunc("POST "+rep+"/workspaces/{ws}/reports/detailed", s.handleDetailedReport)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/webhooks", s.handleListWebhooks)
	m.HandleFunc("POST "+api+"/workspaces/{ws}/webhooks", s.handleCreateWebhook)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/webhooks/{webhookId}", s.handleGetWebhook)
	m.HandleFunc("PUT "+api+"/workspaces/{ws}/webhooks/{webhookId}", s.handleUpdateWebhook)
	m.HandleFunc("DELETE "+api+"/workspaces/{ws}/webhooks/{webhookId}", s.handleDeleteWebhook)
	m.HandleFunc("PATCH "+api+"/workspaces/{ws}/webhooks/{webhookId}/token", s.handleWebhookToken)
	m.HandleFunc("GET "+api+"/workspaces/{ws}/webhooks/{webhookId}/statuses", s.handleWebhookStatuses)
	m.HandleFunc("POST "+api+"/workspaces/{ws}/webhooks/{webhookId}/logs", s.handleWebhookLogs)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "No static resource "+r.URL.Path+".")
	})
	return m
}
