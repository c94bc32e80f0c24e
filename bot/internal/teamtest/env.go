package teamtest

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// The fixture. Everyone is in UTC. The clock starts on Monday
// 2026-11-16 09:00, when the report of 2026-W46 is delivered in the shared
// channel CREPORTS, then stands on Wednesday 2026-11-18 10:00.
//
//	Clockify             Slack  role
//	c-ann Ann Lima       UANN   managed by Mia; W46 18 h (flagged), W47 12 h + a timer running since 09:00
//	c-bob Bob Okafor     UBOB   managed by Mia; target 30 h (REPORT_TARGETS); W46 40 h
//	c-cat Cat Lee        UCAT   managed by Max; W46 16 h (flagged)
//	c-mia Mia Boss       UMIA   manager of Ann and Bob
//	c-max Max Boss       UMAX   manager of Cat; on the exception list (REPORT_EXCLUDE)
//	c-zed Zed Stranger   UZED   nobody's manager
//	-                    UADM   admin (REPORT_ADMINS), no Clockify account
//	-                    UNEW   no Clockify account
//
// Projects: p-web "Website" (client Acme, billable), p-int "Internal",
// p-old "Old" (archived).
var (
	DeliverAt = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	Now       = time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)
	W46       = weekly.Week{Year: 2026, Num: 46}
)

// Env is a Home against the fakes with the fixture above.
type Env struct {
	T        *testing.T
	Clock    *bottest.Clock
	CF       *clockifytest.Server
	SL       *slacktest.Server
	St       *store.Store
	SlackAPI *slack.Client
	CfAPI    *clockify.Client
	People   *people.People
	Reporter *report.Builder
	Syncer   *syncer.Syncer
	Runner   *delivery.WeeklyRunner
	Router   *slackapp.Router
	Timers   *timer.Service
	Log      *slog.Logger
	// Params are the weekly rules of the report, Schedule the weekly run's.
	Params   weekly.Params
	Schedule delivery.Schedule
	// Waits are called after each press and submission, so that their
	// follow-ups are done when the test looks.
	Waits []func()
}

// Seed changes the fakes before the first sync.
type Seed func(e *Env)

// New builds the fixture: the fakes with the people above, a store synced
// from them, the report, people, timer service and weekly runner, the
// report of 2026-W46 delivered in CREPORTS at DeliverAt, and the clock at
// Now. register adds the features under test to e.Router (and their Wait
// to e.Waits) before the week is delivered.
func New(t *testing.T, register func(e *Env), seeds ...Seed) *Env {
	t.Helper()
	e := &Env{T: t, Clock: bottest.NewClock(DeliverAt), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e.CF = clockifytest.NewTB(t, clockifytest.WithClock(e.Clock.Now))
	e.SL = bottest.NewSlackFake(t, slacktest.WithClock(e.Clock.Now))
	e.seed()
	for _, s := range seeds {
		s(e)
	}
	api, err := clockify.NewClient(e.CF.APIKey, clockify.WithBaseURL(e.CF.APIURL), clockify.WithReportsURL(e.CF.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	e.CfAPI = api
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.St = st
	// The production transport: retries (429 after Retry-After, 5xx,
	// timeouts) whose waits advance the clock the fakes read, so that a
	// retried call costs trigger_id time as it would on real Slack.
	waits := &bottest.WaitRecorder{Clock: e.Clock}
	e.SlackAPI = slack.New(e.SL.BotToken, slack.OptionAPIURL(e.SL.APIURL),
		slack.OptionHTTPClient(slackhttp.New(slackhttp.Config{Sleep: waits.Sleep, Now: e.Clock.Now})))
	e.Syncer = syncer.New(api, st, syncer.Config{WorkspaceID: e.CF.WorkspaceID, BackfillDays: 14}, e.Clock.Now, e.Log)
	params := weekly.DefaultParams()
	e.Params = params
	e.People = people.New(e.SlackAPI, st, people.Config{Admins: []string{"UADM"}}, e.Clock.Now)
	e.Reporter = report.New(st, report.Config{Params: params, Exclude: []string{"max@example.com"}, Targets: map[string]float64{"bob@example.com": 30}}, e.People,
		people.NewEmailDirectory(e.SlackAPI, st, e.Clock.Now), e.Log)
	schedule := delivery.Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: time.UTC}
	dl := delivery.New(e.SlackAPI, st, delivery.Config{Mode: delivery.Channel, Channel: "CREPORTS", Admins: []string{"UADM"}, BotUserID: e.SL.BotUserID,
		ClockifyURL: "https://app.clockify.me/reports"}, func(ctx context.Context, _ time.Duration) error { return ctx.Err() }, e.Clock.Now, e.Log)
	e.Schedule = schedule
	e.Runner = delivery.NewWeeklyRunner(e.Syncer, e.Reporter, dl, st, schedule, e.Clock.Now, e.Log)
	e.Timers = timer.New(api, st, e.CF.WorkspaceID, e.Clock.Now, e.Log)
	e.Router = slackapp.NewRouter()
	register(e)

	if _, err := e.Runner.RunWeek(e.Ctx(), W46); err != nil {
		t.Fatalf("RunWeek(W46) error: %v", err)
	}
	e.Clock.Set(Now)
	if _, err := e.Syncer.Sync(e.Ctx(), syncer.Options{}); err != nil {
		t.Fatalf("Sync() error: %v", err)
	}
	return e
}

// seed adds the fixture's people, projects and entries to the fakes.
func (e *Env) seed() {
	for _, u := range []struct{ id, slack, email, name string }{
		{"c-ann", "UANN", "ann@example.com", "Ann Lima"},
		{"c-bob", "UBOB", "bob@example.com", "Bob Okafor"},
		{"c-cat", "UCAT", "cat@example.com", "Cat Lee"},
		{"c-mia", "UMIA", "mia@example.com", "Mia Boss"},
		{"c-max", "UMAX", "max@example.com", "Max Boss"},
		{"c-zed", "UZED", "zed@example.com", "Zed Stranger"},
	} {
		e.CF.AddUser(clockifytest.User{ID: u.id, Email: u.email, Name: u.name, TimeZone: "UTC"})
		e.SL.AddUser(slacktest.User{ID: u.slack, Email: u.email, Name: strings.ToLower(u.slack[1:]), RealName: u.name, TZ: "UTC"})
	}
	e.SL.AddUser(slacktest.User{ID: "UADM", Email: "adm@example.com", Name: "adm", RealName: "Ada Admin", TZ: "UTC"})
	e.SL.AddUser(slacktest.User{ID: "UNEW", Email: "new@example.com", Name: "new", RealName: "New Person", TZ: "UTC"})
	e.SL.AddChannel("CREPORTS", "weekly-hours", false, "UBOT", "UANN", "UBOB", "UCAT", "UMIA", "UMAX", "UZED", "UADM", "UNEW")
	e.CF.SetManagers("c-ann", "c-mia")
	e.CF.SetManagers("c-bob", "c-mia")
	e.CF.SetManagers("c-cat", "c-max")
	e.CF.AddProject(clockifytest.Project{ID: "p-web", Name: "Website", ClientName: "Acme", Billable: true})
	e.CF.AddProject(clockifytest.Project{ID: "p-int", Name: "Internal"})
	e.CF.AddProject(clockifytest.Project{ID: "p-old", Name: "Old", Archived: true})
	mon46 := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	work := func(user, project, desc string, day time.Time, from, hours int) {
		start := day.Add(time.Duration(from) * time.Hour)
		end := start.Add(time.Duration(hours) * time.Hour)
		e.CF.AddEntry(clockifytest.Entry{UserID: user, ProjectID: project, Description: desc, Billable: project == "p-web", Start: start, End: &end})
	}
	for d := range 5 {
		day := mon46.AddDate(0, 0, d)
		if d < 3 {
			work("c-ann", "p-web", "Checkout page", day, 9, 6)
		}
		if d < 2 {
			work("c-cat", "p-int", "Support", day, 9, 8)
		}
		for _, u := range []string{"c-bob", "c-mia", "c-max", "c-zed"} {
			work(u, "p-int", "", day, 9, 8)
		}
	}
	mon47 := mon46.AddDate(0, 0, 7)
	work("c-ann", "p-web", "Checkout <b>page</b> & tests", mon47, 8, 8)
	work("c-ann", "p-int", "Planning", mon47.AddDate(0, 0, 1), 9, 4)
	work("c-bob", "p-int", "", mon47, 9, 8)
	e.CF.AddEntry(clockifytest.Entry{UserID: "c-ann", ProjectID: "p-web", Description: "Standup", Start: time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)})
}

func (e *Env) Ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	e.T.Cleanup(cancel)
	return ctx
}

// WeeklyMessage returns the weekly message of a Clockify user in
// CREPORTS.
func (e *Env) WeeklyMessage(userID string) slacktest.Message {
	e.T.Helper()
	rec, ok, err := e.St.Delivery(W46.String(), userID)
	if err != nil || !ok || rec.State != store.DeliverySent {
		e.T.Fatalf("Delivery(W46, %s) = %+v, %v, %v; want sent", userID, rec, ok, err)
	}
	for _, m := range e.SL.Messages(rec.Channel) {
		if m.TS == rec.TS {
			return m
		}
	}
	e.T.Fatalf("message %s of %s not found in %s", rec.TS, userID, rec.Channel)
	return slacktest.Message{}
}

// PressOn calls the handler of the button actionID with value as user
// pressing it on message m, as the runtime would.
func (e *Env) PressOn(user, actionID, value string, m slacktest.Message) error {
	e.T.Helper()
	var blocks slack.Blocks
	if m.Blocks != nil {
		if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
			e.T.Fatalf("decode blocks of %s: %v", m.TS, err)
		}
	}
	cb := slack.InteractionCallback{
		Type:      slack.InteractionTypeBlockActions,
		User:      slack.User{ID: user},
		TriggerID: e.SL.NewTriggerID(user),
		Container: slack.Container{Type: "message", ChannelID: m.Channel, MessageTs: m.TS},
		Channel:   slack.Channel{GroupConversation: slack.GroupConversation{Conversation: slack.Conversation{ID: m.Channel}}},
		Message:   slack.Message{Msg: slack.Msg{Text: m.Text, Timestamp: m.TS, Blocks: blocks}},
	}
	return e.Action(cb, &slack.BlockAction{ActionID: actionID, Value: value})
}

// PressHome calls the handler of a Home tab (or modal) button as user.
func (e *Env) PressHome(user string, action *slack.BlockAction) error {
	e.T.Helper()
	cb := slack.InteractionCallback{
		Type:      slack.InteractionTypeBlockActions,
		User:      slack.User{ID: user},
		TriggerID: e.SL.NewTriggerID(user),
		Container: slack.Container{Type: "view"},
	}
	return e.Action(cb, action)
}

func (e *Env) Action(cb slack.InteractionCallback, action *slack.BlockAction) error {
	e.T.Helper()
	f, ok := e.Router.ActionFor(action.ActionID)
	if !ok {
		e.T.Fatalf("no handler for action %q", action.ActionID)
	}
	cb.ActionCallback.BlockActions = []*slack.BlockAction{action}
	err := f(e.Ctx(), cb, action)
	for _, w := range e.Waits {
		w()
	}
	return err
}

// Submit calls the handler of the modal callbackID as user submitting
// values.
func (e *Env) Submit(user, callbackID, meta string, values map[string]map[string]slack.BlockAction) (*slack.ViewSubmissionResponse, error) {
	e.T.Helper()
	f, ok := e.Router.ViewFor(callbackID)
	if !ok {
		e.T.Fatalf("no handler for view %q", callbackID)
	}
	cb := slack.InteractionCallback{
		Type: slack.InteractionTypeViewSubmission,
		User: slack.User{ID: user},
		View: slack.View{Type: slack.VTModal, CallbackID: callbackID, PrivateMetadata: meta, State: &slack.ViewState{Values: values}},
	}
	resp, err := f(e.Ctx(), cb)
	for _, w := range e.Waits {
		w()
	}
	return resp, err
}

// LastModal returns the modal last opened (views.open) for user.
func (e *Env) LastModal(user string) slack.ModalViewRequest {
	e.T.Helper()
	raw, ok := e.SL.Modal(user)
	if !ok {
		e.T.Fatalf("no modal open for %s", user)
	}
	var v slack.ModalViewRequest
	if err := json.Unmarshal(raw, &v); err != nil {
		e.T.Fatalf("decode modal: %v", err)
	}
	return v
}

// HomeView returns the Home tab last published for user.
func (e *Env) HomeView(user string) json.RawMessage {
	e.T.Helper()
	raw, ok := e.SL.View(user)
	if !ok {
		e.T.Fatalf("no Home tab published for %s", user)
	}
	return raw
}

// EphemeralsTo returns the texts of the ephemeral messages shown to user
// in CREPORTS and the direct messages the bot sent them.
func (e *Env) EphemeralsTo(user string) []string {
	var out []string
	for _, m := range e.SL.Ephemerals("CREPORTS") {
		if m.Recipient == user {
			out = append(out, m.Text)
		}
	}
	return out
}

// ReportSettings returns the stored report settings as JSON ("" when
// none).
func (e *Env) ReportSettings() string {
	e.T.Helper()
	var raw json.RawMessage
	ok, err := e.St.Setting(store.ReportSettingsKey(), &raw)
	if err != nil {
		e.T.Fatal(err)
	}
	if !ok {
		return ""
	}
	return string(raw)
}

// AuditSince returns the audit entries appended after the first n, oldest
// first.
func (e *Env) AuditSince(n int) []store.AuditEntry {
	e.T.Helper()
	all, err := e.St.RecentAudit(100000)
	if err != nil {
		e.T.Fatal(err)
	}
	var out []store.AuditEntry
	for i := len(all) - 1 - n; i >= 0; i-- {
		out = append(out, all[i])
	}
	return out
}

// AuditCount is the number of audit entries.
func (e *Env) AuditCount() int {
	e.T.Helper()
	all, err := e.St.RecentAudit(100000)
	if err != nil {
		e.T.Fatal(err)
	}
	return len(all)
}
