package actions

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
	"github.com/clockbot/clockbot/bot/home"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// The Home fixture. Everyone is in UTC. The clock starts on Monday
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
	homeDeliverAt = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	homeNow       = time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)
	homeW46       = weekly.Week{Year: 2026, Num: 46}
)

// homeEnv is a Home against the fakes with the fixture above.
type homeEnv struct {
	t        *testing.T
	clock    *bottest.Clock
	cf       *clockifytest.Server
	sl       *slacktest.Server
	st       *store.Store
	slackAPI *slack.Client
	cfAPI    *clockify.Client
	people   *people.People
	reporter *report.Builder
	syncer   *syncer.Syncer
	runner   *delivery.WeeklyRunner
	home     *home.Home
	actions  *Actions
	router   *slackapp.Router
	timers   *timer.Service
	log      *slog.Logger
}

// homeSeed changes the fakes before the first sync.
type homeSeed func(e *homeEnv)

func newHomeEnv(t *testing.T, seeds ...homeSeed) *homeEnv {
	t.Helper()
	e := &homeEnv{t: t, clock: bottest.NewClock(homeDeliverAt), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e.cf = clockifytest.NewTB(t, clockifytest.WithClock(e.clock.Now))
	e.sl = bottest.NewSlackFake(t, slacktest.WithClock(e.clock.Now))
	e.seed()
	for _, s := range seeds {
		s(e)
	}
	api, err := clockify.NewClient(e.cf.APIKey, clockify.WithBaseURL(e.cf.APIURL), clockify.WithReportsURL(e.cf.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() }))
	if err != nil {
		t.Fatal(err)
	}
	e.cfAPI = api
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	e.slackAPI = slack.New(e.sl.BotToken, slack.OptionAPIURL(e.sl.APIURL))
	e.syncer = syncer.New(api, st, syncer.Config{WorkspaceID: e.cf.WorkspaceID, BackfillDays: 14}, e.clock.Now, e.log)
	params := weekly.DefaultParams()
	e.people = people.New(e.slackAPI, st, people.Config{Admins: []string{"UADM"}}, e.clock.Now)
	e.reporter = report.New(st, report.Config{Params: params, Exclude: []string{"max@example.com"}, Targets: map[string]float64{"bob@example.com": 30}}, e.people,
		people.NewEmailDirectory(e.slackAPI, st, e.clock.Now), e.log)
	schedule := delivery.Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: time.UTC}
	dl := delivery.New(e.slackAPI, st, delivery.Config{Mode: delivery.Channel, Channel: "CREPORTS", Admins: []string{"UADM"}, BotUserID: e.sl.BotUserID,
		ClockifyURL: "https://app.clockify.me/reports"}, func(ctx context.Context, _ time.Duration) error { return ctx.Err() }, e.clock.Now, e.log)
	e.runner = delivery.NewWeeklyRunner(e.syncer, e.reporter, dl, st, schedule, e.clock.Now, e.log)
	e.timers = timer.New(api, st, e.cf.WorkspaceID, e.clock.Now, e.log)
	e.home = home.New(e.slackAPI, e.timers, st, e.people, e.reporter, e.runner, e.syncer, home.Config{
		Schedule: schedule, DeliveryMode: delivery.Channel, ClockifyURL: "https://app.clockify.me/reports",
	}, e.clock.Now, e.log)
	e.actions = New(e.slackAPI, st, e.people, e.reporter, e.syncer, e.home,
		Config{Message: delivery.MessageOptions(delivery.Channel, "https://app.clockify.me/reports", params.Workdays), Location: time.UTC}, e.clock.Now, e.log)
	e.router = slackapp.NewRouter()
	e.home.Register(e.router)
	e.actions.Register(e.router)
	t.Cleanup(e.home.Wait)
	t.Cleanup(e.actions.Wait)

	if _, err := e.runner.RunWeek(e.ctx(), homeW46); err != nil {
		t.Fatalf("RunWeek(W46) error: %v", err)
	}
	e.clock.Set(homeNow)
	if _, err := e.syncer.Sync(e.ctx(), syncer.Options{}); err != nil {
		t.Fatalf("Sync() error: %v", err)
	}
	return e
}

// seed adds the fixture's people, projects and entries to the fakes.
func (e *homeEnv) seed() {
	for _, u := range []struct{ id, slack, email, name string }{
		{"c-ann", "UANN", "ann@example.com", "Ann Lima"},
		{"c-bob", "UBOB", "bob@example.com", "Bob Okafor"},
		{"c-cat", "UCAT", "cat@example.com", "Cat Lee"},
		{"c-mia", "UMIA", "mia@example.com", "Mia Boss"},
		{"c-max", "UMAX", "max@example.com", "Max Boss"},
		{"c-zed", "UZED", "zed@example.com", "Zed Stranger"},
	} {
		e.cf.AddUser(clockifytest.User{ID: u.id, Email: u.email, Name: u.name, TimeZone: "UTC"})
		e.sl.AddUser(slacktest.User{ID: u.slack, Email: u.email, Name: strings.ToLower(u.slack[1:]), RealName: u.name, TZ: "UTC"})
	}
	e.sl.AddUser(slacktest.User{ID: "UADM", Email: "adm@example.com", Name: "adm", RealName: "Ada Admin", TZ: "UTC"})
	e.sl.AddUser(slacktest.User{ID: "UNEW", Email: "new@example.com", Name: "new", RealName: "New Person", TZ: "UTC"})
	e.sl.AddChannel("CREPORTS", "weekly-hours", false, "UBOT", "UANN", "UBOB", "UCAT", "UMIA", "UMAX", "UZED", "UADM", "UNEW")
	e.cf.SetManagers("c-ann", "c-mia")
	e.cf.SetManagers("c-bob", "c-mia")
	e.cf.SetManagers("c-cat", "c-max")
	e.cf.AddProject(clockifytest.Project{ID: "p-web", Name: "Website", ClientName: "Acme", Billable: true})
	e.cf.AddProject(clockifytest.Project{ID: "p-int", Name: "Internal"})
	e.cf.AddProject(clockifytest.Project{ID: "p-old", Name: "Old", Archived: true})
	mon46 := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)
	work := func(user, project, desc string, day time.Time, from, hours int) {
		start := day.Add(time.Duration(from) * time.Hour)
		end := start.Add(time.Duration(hours) * time.Hour)
		e.cf.AddEntry(clockifytest.Entry{UserID: user, ProjectID: project, Description: desc, Billable: project == "p-web", Start: start, End: &end})
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
	e.cf.AddEntry(clockifytest.Entry{UserID: "c-ann", ProjectID: "p-web", Description: "Standup", Start: time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)})
}

func (e *homeEnv) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	e.t.Cleanup(cancel)
	return ctx
}

// weeklyMessage returns the weekly message of a Clockify user in
// CREPORTS.
func (e *homeEnv) weeklyMessage(userID string) slacktest.Message {
	e.t.Helper()
	rec, ok, err := e.st.Delivery(homeW46.String(), userID)
	if err != nil || !ok || rec.State != store.DeliverySent {
		e.t.Fatalf("Delivery(W46, %s) = %+v, %v, %v; want sent", userID, rec, ok, err)
	}
	for _, m := range e.sl.Messages(rec.Channel) {
		if m.TS == rec.TS {
			return m
		}
	}
	e.t.Fatalf("message %s of %s not found in %s", rec.TS, userID, rec.Channel)
	return slacktest.Message{}
}

// pressOn calls the handler of the button actionID with value as user
// pressing it on message m, as the runtime would.
func (e *homeEnv) pressOn(user, actionID, value string, m slacktest.Message) error {
	e.t.Helper()
	var blocks slack.Blocks
	if m.Blocks != nil {
		if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
			e.t.Fatalf("decode blocks of %s: %v", m.TS, err)
		}
	}
	cb := slack.InteractionCallback{
		Type:      slack.InteractionTypeBlockActions,
		User:      slack.User{ID: user},
		TriggerID: e.sl.NewTriggerID(user),
		Container: slack.Container{Type: "message", ChannelID: m.Channel, MessageTs: m.TS},
		Channel:   slack.Channel{GroupConversation: slack.GroupConversation{Conversation: slack.Conversation{ID: m.Channel}}},
		Message:   slack.Message{Msg: slack.Msg{Text: m.Text, Timestamp: m.TS, Blocks: blocks}},
	}
	return e.action(cb, &slack.BlockAction{ActionID: actionID, Value: value})
}

// pressHome calls the handler of a Home tab (or modal) button as user.
func (e *homeEnv) pressHome(user string, action *slack.BlockAction) error {
	e.t.Helper()
	cb := slack.InteractionCallback{
		Type:      slack.InteractionTypeBlockActions,
		User:      slack.User{ID: user},
		TriggerID: e.sl.NewTriggerID(user),
		Container: slack.Container{Type: "view"},
	}
	return e.action(cb, action)
}

func (e *homeEnv) action(cb slack.InteractionCallback, action *slack.BlockAction) error {
	e.t.Helper()
	f, ok := e.router.ActionFor(action.ActionID)
	if !ok {
		e.t.Fatalf("no handler for action %q", action.ActionID)
	}
	cb.ActionCallback.BlockActions = []*slack.BlockAction{action}
	err := f(e.ctx(), cb, action)
	e.home.Wait()
	e.actions.Wait()
	return err
}

// submit calls the handler of the modal callbackID as user submitting
// values.
func (e *homeEnv) submit(user, callbackID, meta string, values map[string]map[string]slack.BlockAction) (*slack.ViewSubmissionResponse, error) {
	e.t.Helper()
	f, ok := e.router.ViewFor(callbackID)
	if !ok {
		e.t.Fatalf("no handler for view %q", callbackID)
	}
	cb := slack.InteractionCallback{
		Type: slack.InteractionTypeViewSubmission,
		User: slack.User{ID: user},
		View: slack.View{Type: slack.VTModal, CallbackID: callbackID, PrivateMetadata: meta, State: &slack.ViewState{Values: values}},
	}
	resp, err := f(e.ctx(), cb)
	e.home.Wait()
	e.actions.Wait()
	return resp, err
}

// lastModal returns the modal last opened (views.open) for user.
func (e *homeEnv) lastModal(user string) slack.ModalViewRequest {
	e.t.Helper()
	raw, ok := e.sl.Modal(user)
	if !ok {
		e.t.Fatalf("no modal open for %s", user)
	}
	var v slack.ModalViewRequest
	if err := json.Unmarshal(raw, &v); err != nil {
		e.t.Fatalf("decode modal: %v", err)
	}
	return v
}

// homeView returns the Home tab last published for user.
func (e *homeEnv) homeView(user string) json.RawMessage {
	e.t.Helper()
	raw, ok := e.sl.View(user)
	if !ok {
		e.t.Fatalf("no Home tab published for %s", user)
	}
	return raw
}

// ephemeralsTo returns the texts of the ephemeral messages shown to user
// in CREPORTS and the direct messages the bot sent them.
func (e *homeEnv) ephemeralsTo(user string) []string {
	var out []string
	for _, m := range e.sl.Ephemerals("CREPORTS") {
		if m.Recipient == user {
			out = append(out, m.Text)
		}
	}
	return out
}

// reportSettings returns the stored report settings as JSON ("" when
// none).
func (e *homeEnv) reportSettings() string {
	e.t.Helper()
	var raw json.RawMessage
	ok, err := e.st.Setting(store.ReportSettingsKey(), &raw)
	if err != nil {
		e.t.Fatal(err)
	}
	if !ok {
		return ""
	}
	return string(raw)
}

// auditSince returns the audit entries appended after the first n, oldest
// first.
func (e *homeEnv) auditSince(n int) []store.AuditEntry {
	e.t.Helper()
	all, err := e.st.RecentAudit(100000)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.AuditEntry
	for i := len(all) - 1 - n; i >= 0; i-- {
		out = append(out, all[i])
	}
	return out
}

// auditCount is the number of audit entries.
func (e *homeEnv) auditCount() int {
	e.t.Helper()
	all, err := e.st.RecentAudit(100000)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(all)
}
