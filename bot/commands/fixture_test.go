package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/notices"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// cmdNow is Wednesday 2026-11-18 14:05 UTC, 15:05 in Berlin (Ann's zone).
var cmdNow = time.Date(2026, 11, 18, 14, 5, 0, 0, time.UTC)

// cmdNotifyChannel is the NOTIFY_CHANNEL of the fixtures.
const cmdNotifyChannel = "CNOTIFY"

// cmdEnv is a fake Clockify behind a real client, a fake Slack behind a
// real slack-go client, a real store and the commands registered on a
// Router.
type cmdEnv struct {
	clock   *bottest.Clock
	cf      *clockifytest.Server
	sl      *slacktest.Server
	st      *store.Store
	people  *people.People
	cmds    *Commands
	router  *slackapp.Router
	timers  *timer.Service
	notices *notices.Notices
	posts   *webhookRecorder
}

// cmdUser is one person of the fixture workspace.
type cmdUser struct {
	clockifyID, slackID, email, slackEmail, name, zone string
}

// cmdUsers: Ann (Berlin) is managed by Mia; Bob is nobody's manager; Ada
// is an admin without a Clockify account; Nora's Slack email differs from
// her Clockify one; Noe has no email in Slack.
var cmdUsers = []cmdUser{
	{"u-ann", "UANN", "ann@example.com", "ann@example.com", "Ann Smith", "Europe/Berlin"},
	{"u-bob", "UBOB", "bob@example.com", "bob@example.com", "Bob Jones", "UTC"},
	{"u-mia", "UMIA", "mia@example.com", "mia@example.com", "Mia Boss", "UTC"},
	{"", "UADA", "", "ada@example.com", "Ada Admin", "UTC"},
	{"u-nora", "UNORA", "nora@work.example", "nora@home.example", "Nora Field", "UTC"},
	{"", "UNOE", "", "", "Noe Mail", "UTC"},
}

// cmdProjects are the projects of the fixture; "Mobile" is archived in
// Clockify since the last sync, the store still has it active.
var cmdProjects = []store.Project{
	{ID: "p-design", Name: "Design", ClientName: "Acme", Billable: true},
	{ID: "p-design-sys", Name: "Design System"},
	{ID: "p-backend", Name: "Backend"},
	{ID: "p-docs", Name: "Docs"},
	{ID: "p-legacy", Name: "Legacy", Archived: true},
	{ID: "p-web1", Name: "Website", ClientName: "Acme"},
	{ID: "p-web2", Name: "Website", ClientName: "Beta"},
	{ID: "p-mobile", Name: "Mobile"},
}

type cmdOptions struct {
	notifyChannel string
	latency       time.Duration
	slackHTTP     *http.Client // the Slack client's HTTP client; nil for the default
}

func newCmdEnv(t *testing.T) *cmdEnv {
	return newCmdEnvWith(t, cmdOptions{notifyChannel: cmdNotifyChannel})
}

func newCmdEnvWith(t *testing.T, opts cmdOptions) *cmdEnv {
	t.Helper()
	e := &cmdEnv{clock: bottest.NewClock(cmdNow), posts: newWebhookRecorder(t)}
	e.cf = clockifytest.NewTB(t, clockifytest.WithClock(e.clock.Now), clockifytest.WithLatency(opts.latency))
	e.sl = bottest.NewSlackFake(t, slacktest.WithClock(e.clock.Now))
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatalf("store.Open() error: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st

	var users []store.User
	for _, u := range cmdUsers {
		e.sl.AddUser(slacktest.User{ID: u.slackID, Email: u.slackEmail, Name: strings.ToLower(strings.Fields(u.name)[0]), RealName: u.name, TZ: u.zone})
		if u.clockifyID == "" {
			continue
		}
		e.cf.AddUser(clockifytest.User{ID: u.clockifyID, Email: u.email, Name: u.name, TimeZone: u.zone})
		users = append(users, store.User{ID: u.clockifyID, Email: u.email, Name: u.name, TimeZone: u.zone, Status: "ACTIVE"})
	}
	for _, p := range cmdProjects {
		archived := p.Archived || p.ID == "p-mobile"
		e.cf.AddProject(clockifytest.Project{ID: p.ID, Name: p.Name, ClientName: p.ClientName, Archived: archived, Billable: p.Billable})
	}
	err = st.Apply(store.Batch{
		Users:    users,
		Projects: cmdProjects,
		Managers: []store.Managers{{UserID: "u-ann", ManagerIDs: []string{"u-mia"}, FetchedAt: cmdNow}},
	})
	if err != nil {
		t.Fatalf("store Apply() error: %v", err)
	}
	e.sl.AddChannel(cmdNotifyChannel, "timers", false, e.sl.BotUserID)

	api, err := clockify.NewClient(e.cf.APIKey, clockify.WithBaseURL(e.cf.APIURL), clockify.WithReportsURL(e.cf.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sopts := []slack.Option{slack.OptionAPIURL(e.sl.APIURL)}
	if opts.slackHTTP != nil {
		sopts = append(sopts, slack.OptionHTTPClient(opts.slackHTTP))
	}
	sapi := slack.New(e.sl.BotToken, sopts...)
	params := weekly.DefaultParams()
	e.people = people.New(sapi, st, people.Config{Admins: []string{"UADA"}}, e.clock.Now)
	reporter := report.New(st, report.Config{Params: params}, e.people, nil, log)
	e.timers = timer.New(api, st, e.cf.WorkspaceID, e.clock.Now, log)
	e.cmds = New(e.timers, st, e.people, reporter, Config{
		NotifyChannel: opts.notifyChannel, ClockifyURL: "https://app.clockify.me",
	}, e.clock.Now, log)
	e.notices = notices.New(sapi, st, e.people, notices.Config{NotifyChannel: opts.notifyChannel, DefaultLocation: params.DefaultLocation}, e.clock.Now, log)
	e.timers.Listen(e.notices.TimerChanged)
	t.Cleanup(e.notices.Wait)
	e.router = slackapp.NewRouter()
	e.cmds.Register(e.router)
	return e
}

// run sends `/tt text` as user and returns the answer, checking that it is
// ephemeral.
func (e *cmdEnv) run(t *testing.T, user, text string) slack.Msg {
	t.Helper()
	f, ok := e.router.CommandFor("/tt")
	if !ok {
		t.Fatal("Register() did not register /tt")
	}
	msg, err := f(context.Background(), slack.SlashCommand{Command: "/tt", Text: text, UserID: user, ChannelID: "D1", ResponseURL: e.posts.url})
	if err != nil {
		t.Fatalf("/tt %q error: %v", text, err)
	}
	if msg.ResponseType != slack.ResponseTypeEphemeral {
		t.Errorf("/tt %q response_type = %q, want ephemeral", text, msg.ResponseType)
	}
	if raw, err := json.Marshal(msg); err == nil {
		bottest.CheckInvisibleValue(t, "/tt "+text+" answer", string(raw))
	}
	return msg
}

// text runs the command and returns its text.
func (e *cmdEnv) text(t *testing.T, user, text string) string {
	t.Helper()
	return e.run(t, user, text).Text
}

// click presses the button actionID with value as user; the answer goes to
// the recorder's response_url.
func (e *cmdEnv) click(t *testing.T, user, actionID, value string) error {
	t.Helper()
	f, ok := e.router.ActionFor(actionID)
	if !ok {
		t.Fatalf("no action handler for %q", actionID)
	}
	cb := slack.InteractionCallback{Type: slack.InteractionTypeBlockActions, ResponseURL: e.posts.url}
	cb.User.ID = user
	return f(context.Background(), cb, &slack.BlockAction{ActionID: actionID, Value: value})
}

// startRequests returns the bodies of the timer starts Clockify received.
func (e *cmdEnv) startRequests(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range e.cf.RequestLog() {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.Path, "/time-entries") {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("start body %s: %v", r.Body, err)
		}
		body["_path"] = r.Path
		out = append(out, body)
	}
	return out
}

// putEntry stores a finished entry of user from start for d.
func (e *cmdEnv) putEntry(t *testing.T, id, user, project string, start time.Time, d time.Duration) {
	t.Helper()
	if err := e.st.PutEntry(store.Entry{ID: id, UserID: user, ProjectID: project, Start: start, End: start.Add(d)}); err != nil {
		t.Fatal(err)
	}
}

// webhookRecorder is a response_url that records what it receives.
type webhookRecorder struct {
	url   string
	mu    sync.Mutex
	posts []map[string]any
}

func newWebhookRecorder(t *testing.T) *webhookRecorder {
	r := &webhookRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(req.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.mu.Lock()
		r.posts = append(r.posts, body)
		r.mu.Unlock()
		w.Write([]byte("ok"))
	}))
	t.Cleanup(func() {
		srv.Close()
		for i, p := range r.all() {
			bottest.CheckInvisibleJSON(t, fmt.Sprintf("response_url post %d", i+1), p)
		}
	})
	r.url = srv.URL + "/response"
	return r
}

func (r *webhookRecorder) all() []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]map[string]any(nil), r.posts...)
}

// The real clients implement what the commands need.
var (
	_ timer.API           = (*clockify.Client)(nil)
	_ notices.SlackPoster = (*slack.Client)(nil)
)
