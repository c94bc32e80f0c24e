// Package slacktest is a fake Slack for tests. It serves the subset of the
// Web API that clockbot uses and the Socket Mode WebSocket protocol on one
// httptest server bound to 127.0.0.1, so that tests can drive the real
// github.com/slack-go/slack client (slack.OptionAPIURL(server.APIURL)) and
// its socketmode package against it.
//
// The fake keeps a small realistic state in memory (users, conversations,
// messages, views), records every Web API call, every Socket Mode
// acknowledgement and every post to a response_url, and can inject faults:
// rate limits, error answers and hangs. Waiting helpers block on state
// changes and honour their context; nothing in the package sleeps.
//
// A typical Socket Mode test:
//
//	s := slacktest.NewTB(t)
//	s.AddUser(slacktest.User{ID: "U1", Email: "ann@example.com", Name: "ann"})
//	api := slack.New(s.BotToken, slack.OptionAppLevelToken(s.AppToken), slack.OptionAPIURL(s.APIURL))
//	client := socketmode.New(api)
//	go client.RunContext(ctx) // and drain client.Events
//	err := s.WaitConnected(ctx, 1)
//	id, err := s.Send(slacktest.SlashCommand("/clockbot", "report", "U1"))
//	ack, err := s.WaitAck(ctx, id)
//
// Like Slack, the fake only lets the bot see private channels it is a
// member of and post to channels it is a member of, so list s.BotUserID
// among AddChannel's members.
//
// The fake is at least as strict as Slack's method metadata: each method
// is rate limited to its tier (Tier 2 20, Tier 3 50, Tier 4 100 calls a
// minute; chat.postMessage one a second per channel after a short burst)
// and answers 429 with Retry-After past it, measured on the fake's clock
// (WithClock), so tests wait limits out by moving that clock; missing
// required arguments are refused; a trigger_id expires after 3 s and a
// response_url takes 5 posts within 30 minutes.
package slacktest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Default identity of a new fake.
const (
	DefaultBotToken  = "xoxb-fake-bot-token"
	DefaultAppToken  = "xapp-fake-app-token"
	DefaultBotUserID = "UBOT"
	DefaultTeamID    = "T1"
	DefaultBotID     = "B1"
	DefaultAppID     = "A1"
)

// ErrClosed is returned by the waiting helpers when the server closes
// before their condition holds.
var ErrClosed = errors.New("slacktest: server closed")

// Server is a running fake Slack. The exported fields describe how to reach
// it and who the bot is; they must not be changed after New returns.
type Server struct {
	// URL is the base URL of the server, http://127.0.0.1:PORT.
	URL string
	// APIURL is URL+"/api/", the value for slack.OptionAPIURL.
	APIURL string
	// BotToken is the only bot token the Web API accepts.
	BotToken string
	// AppToken is the only app-level token apps.connections.open accepts.
	AppToken string
	// BotUserID is the user ID of the bot; it is a member of the channels
	// it creates and of every DM it opens.
	BotUserID string
	// TeamID is the ID of the single workspace.
	TeamID string
	// BotID and AppID identify the bot in auth.test, messages and views.
	BotID, AppID string

	now          func() time.Time
	pingInterval time.Duration
	http         *httptest.Server
	closing      chan struct{}
	closeOnce    sync.Once
	sockWG       sync.WaitGroup // Socket Mode goroutines
	methods      map[string]method
	scopes       []string // the bot token's scopes (WithScopes)

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	state
}

// Option configures a Server in New.
type Option func(*Server)

// WithBotToken sets the bot token the server accepts.
func WithBotToken(token string) Option { return func(s *Server) { s.BotToken = token } }

// WithAppToken sets the app-level token the server accepts.
func WithAppToken(token string) Option { return func(s *Server) { s.AppToken = token } }

// WithBotUserID sets the user ID of the bot.
func WithBotUserID(id string) Option { return func(s *Server) { s.BotUserID = id } }

// WithTeamID sets the workspace ID.
func WithTeamID(id string) Option { return func(s *Server) { s.TeamID = id } }

// WithClock sets the clock used for message timestamps, call times and
// acknowledgement times. The default is time.Now. Message timestamps stay
// strictly increasing even when the clock stands still.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithPingInterval sets how often the server sends a WebSocket ping on each
// Socket Mode connection (5s by default, like Slack it must be shorter than
// the client's socketmode.OptionPingInterval); 0 disables periodic pings.
func WithPingInterval(d time.Duration) Option { return func(s *Server) { s.pingInterval = d } }

// New starts a fake Slack with the default tokens and identity and a bot
// user named "clockbot". Call Close when done.
func New(opts ...Option) *Server {
	s := &Server{
		BotToken:     DefaultBotToken,
		AppToken:     DefaultAppToken,
		BotUserID:    DefaultBotUserID,
		TeamID:       DefaultTeamID,
		BotID:        DefaultBotID,
		AppID:        DefaultAppID,
		now:          time.Now,
		pingInterval: 5 * time.Second,
		closing:      make(chan struct{}),
		changed:      make(chan struct{}),
		state:        newState(),
		methods:      newMethods(),
		scopes:       DefaultBotScopes,
	}
	for _, o := range opts {
		o(s)
	}
	s.addUserLocked(User{ID: s.BotUserID, Name: "clockbot", RealName: "Clockbot", IsBot: true})
	s.http = httptest.NewServer(s.newMux())
	s.URL = s.http.URL
	s.APIURL = s.URL + "/api/"
	return s
}

// NewTB is New with tb.Cleanup(s.Close).
func NewTB(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := New(opts...)
	tb.Cleanup(s.Close)
	return s
}

// Close unblocks hung requests and waiters, closes the Socket Mode
// connections and shuts the server down. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		s.closeSockets()
		s.http.Close()
	})
}

// newMux builds the router: the Web API, the Socket Mode endpoint and the
// response_url endpoints.
func (s *Server) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/socket", s.serveSocket)
	mux.HandleFunc("/response/{n}", s.serveResponseURL)
	return mux
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond, evaluated with s.mu held, reports true, the
// context is done or the server closes.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.closing:
			return ErrClosed
		}
	}
}
