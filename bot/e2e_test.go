package bot

// The end-to-end harness: the whole bot against a fake Clockify and a fake
// Slack, driven through the real socketmode client.
//
// Usage:
//
//	e := newE2E(t)
//	ack := e.slash("start design", "UANN")   // "/tt start design" as Ann
//	if got := bottest.DecodeAck(t, ack).Text; ...
//
// newE2E builds the bot with New, as cmd does (fakes, store, Clockify
// client, every feature on one router), runs one initial sync, then the
// withRouter funcs in order (to add or replace handlers), then starts
// Bot.Run and waits for its first connection. The router must not change
// after that. withSeed funcs run before the initial
// sync, to add data to the fakes. The app runs until the test ends; the
// cleanup cancels its context and fails the test unless Run returns nil.
//
// The fixture (clock fixed at Wednesday 2026-11-18 10:00 UTC, see e2eNow;
// move it with e.clock.Set/Advance):
//
//	Clockify (workspace ws-1)            Slack
//	c-ann ann@example.com Europe/Berlin     UANN ann  Europe/Berlin
//	c-bob bob@example.com America/New_York  UBOB bob  America/New_York
//	c-mia mia@example.com Europe/Berlin     UMIA mia  Europe/Berlin (manages Ann and Bob in Clockify)
//	                                        UADMIN admin@example.com, an admin (REPORT_ADMINS), no Clockify account
//	                                        UZOE zoe@example.com, no Clockify account (unmapped)
//	projects: p-design "Design" (billable), p-review "Design review",
//	p-backend "Backend", p-old "Old" (archived)
//	entries:  Ann, Mon 2026-11-16 08:00-12:00 UTC on Design ("e-ann-mon");
//	          Ann, Wed 2026-11-18 07:00-09:00 UTC on Backend ("e-ann-wed").
//	          Nothing runs.
//
// The store holds what the initial sync fetched; its Slack user cache starts
// empty (People fills it through users.info on first use).

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/notices"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// e2eNow is the harness's initial time: Wednesday of ISO week 2026-W47.
var e2eNow = time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)

// e2e is the whole bot wired against the fakes.
type e2e struct {
	t        testing.TB
	cf       *clockifytest.Server // fake Clockify
	sl       *slacktest.Server    // fake Slack
	store    *store.Store
	api      *clockify.Client // real Clockify client (no rate limit)
	slackAPI *slack.Client    // real Slack client with the bot token
	syncer   *syncer.Syncer
	reporter *report.Builder
	people   *people.People
	router   *slackapp.Router
	notices  *notices.Notices
	app      *slackapp.App
	bot      *Bot          // everything, as New assembles it for cmd
	params   weekly.Params // the report rules (UTC, Mon-Fri, defaults)
	clock    *bottest.Clock
	now      clock.Clock // e.clock.Now
	logs     *bottest.LogWatch
	log      *slog.Logger // every component logs here (see e.logs)

	socketCfg slackapp.Config
	notify    string // NOTIFY_CHANNEL
	seeds     []func(e *e2e)
	routes    []func(e *e2e)
	// prodLimiter keeps the Clockify client's default (production) rate
	// limiter and concurrency instead of no limit.
	prodLimiter bool
	// limitRPS and limitBurst, when set, give the Clockify client a rate
	// limiter of their own on limitClock (see withLimiter).
	limitRPS   float64
	limitBurst int
	limitClock *bottest.Clock
	// clockifyOpts are added to the Clockify client's options last.
	clockifyOpts []clockify.Option
	run          *bottest.Running
}

// e2eOption changes the harness before it starts.
type e2eOption func(e *e2e)

// withRouter registers handlers: f runs after every dependency is built and
// before the app starts.
func withRouter(f func(e *e2e)) e2eOption {
	return func(e *e2e) { e.routes = append(e.routes, f) }
}

// withSeed changes the fakes before the initial sync.
func withSeed(f func(e *e2e)) e2eOption {
	return func(e *e2e) { e.seeds = append(e.seeds, f) }
}

// withSocketConfig sets the runtime's configuration (the zero value gives
// the production defaults).
func withSocketConfig(cfg slackapp.Config) e2eOption {
	return func(e *e2e) { e.socketCfg = cfg }
}

// withProductionLimiter gives the Clockify client its default rate limiter
// and concurrency, as cmd/clockbot's defaults do, instead of no limit.
func withProductionLimiter() e2eOption {
	return func(e *e2e) { e.prodLimiter = true }
}

// withLimiter gives the Clockify client a rate limiter of rps requests a
// second with a burst of burst on a clock of its own, e.limitClock: tokens
// refill only when the test moves it, so who waits is decided by the
// limiter's state, never by timing. The initial sync must fit in the half
// of the burst background requests may use; the bucket is full again when
// the test begins.
func withLimiter(rps float64, burst int) e2eOption {
	return func(e *e2e) {
		e.limitRPS, e.limitBurst, e.limitClock = rps, burst, bottest.NewClock(e2eNow)
	}
}

// withClockifyOptions adds options to the Clockify client's, last.
func withClockifyOptions(opts ...clockify.Option) e2eOption {
	return func(e *e2e) { e.clockifyOpts = append(e.clockifyOpts, opts...) }
}

// newE2E starts the harness; see the top of this file.
func newE2E(t testing.TB, opts ...e2eOption) *e2e {
	t.Helper()
	e := &e2e{t: t, clock: bottest.NewClock(e2eNow), logs: bottest.NewLogWatch()}
	e.now = e.clock.Now
	e.log = e.logs.Logger()
	for _, o := range opts {
		o(e)
	}
	cfOpts := []clockifytest.Option{clockifytest.WithClock(e.now)}
	if e.prodLimiter {
		// Held to Clockify's real per-second limit, on the wall clock the
		// production limiter runs on.
		cfOpts = append(cfOpts, clockifytest.WithPaidPlanRate(nil))
	}
	e.cf = clockifytest.NewTB(t, cfOpts...)
	e.sl = bottest.NewSlackFake(t)
	e.seedFakes()
	for _, f := range e.seeds {
		f(e)
	}

	copts := []clockify.Option{clockify.WithBaseURL(e.cf.APIURL), clockify.WithReportsURL(e.cf.ReportsURL),
		clockify.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() })}
	switch {
	case e.limitRPS > 0:
		copts = append(copts, clockify.WithRateLimit(e.limitRPS), clockify.WithBurst(e.limitBurst),
			clockify.WithClock(e.limitClock.Now, e.limitClock.AfterFunc))
	case !e.prodLimiter:
		copts = append(copts, clockify.WithRateLimit(0))
	}
	api, err := clockify.NewClient(e.cf.APIKey, append(copts, e.clockifyOpts...)...)
	if err != nil {
		t.Fatalf("clockify.NewClient() error: %v", err)
	}
	e.api = api
	e.slackAPI = slack.New(e.sl.BotToken, slack.OptionAPIURL(e.sl.APIURL))
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatalf("store.Open() error: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	e.store = st

	e.params = weekly.DefaultParams()
	e.bot = New(Config{
		WorkspaceID:   e.cf.WorkspaceID,
		BackfillDays:  14,
		Report:        report.Config{Params: e.params},
		People:        people.Config{Admins: []string{"UADMIN"}},
		Delivery:      delivery.Config{Mode: delivery.GroupDM, BotUserID: e.sl.BotUserID},
		Schedule:      delivery.Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: time.UTC},
		NotifyChannel: e.notify,
		Socket:        e.socketCfg,
	}, Deps{
		Clockify: api, Store: st, Slack: e.slackAPI, Log: e.log, Now: e.now,
		Socket: slack.New(e.sl.BotToken, slack.OptionAppLevelToken(e.sl.AppToken), slack.OptionAPIURL(e.sl.APIURL)),
	})
	e.syncer, e.people, e.reporter, e.notices = e.bot.Syncer, e.bot.People, e.bot.Reporter, e.bot.Notices
	e.router, e.app = e.bot.Router, e.bot.App
	if _, err := e.syncer.Sync(bottest.Ctx(t), syncer.Options{}); err != nil {
		t.Fatalf("initial Sync() error: %v", err)
	}
	if e.limitClock != nil {
		e.limitClock.Advance(time.Minute) // refills the bucket
	}
	for _, f := range e.routes {
		f(e)
	}
	e.run = bottest.Start(t, e.sl, e.bot.Run)
	return e
}

// seedFakes adds the fixture described at the top of this file.
func (e *e2e) seedFakes() {
	for _, u := range []struct{ id, slack, email, name, tz string }{
		{"c-ann", "UANN", "ann@example.com", "Ann Smith", "Europe/Berlin"},
		{"c-bob", "UBOB", "bob@example.com", "Bob Jones", "America/New_York"},
		{"c-mia", "UMIA", "mia@example.com", "Mia Boss", "Europe/Berlin"},
	} {
		e.cf.AddUser(clockifytest.User{ID: u.id, Email: u.email, Name: u.name, TimeZone: u.tz})
		e.sl.AddUser(slacktest.User{ID: u.slack, Email: u.email, Name: u.slack[1:], RealName: u.name, TZ: u.tz})
	}
	e.sl.AddUser(slacktest.User{ID: "UADMIN", Email: "admin@example.com", Name: "admin", RealName: "Ada Admin", TZ: "UTC"})
	e.sl.AddUser(slacktest.User{ID: "UZOE", Email: "zoe@example.com", Name: "zoe", RealName: "Zoe Guest", TZ: "UTC"})
	e.cf.SetManagers("c-ann", "c-mia")
	e.cf.SetManagers("c-bob", "c-mia")
	e.cf.AddProject(clockifytest.Project{ID: "p-design", Name: "Design", Billable: true})
	e.cf.AddProject(clockifytest.Project{ID: "p-review", Name: "Design review"})
	e.cf.AddProject(clockifytest.Project{ID: "p-backend", Name: "Backend"})
	e.cf.AddProject(clockifytest.Project{ID: "p-old", Name: "Old", Archived: true})
	monEnd := time.Date(2026, 11, 16, 12, 0, 0, 0, time.UTC)
	wedEnd := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-mon", UserID: "c-ann", ProjectID: "p-design", Billable: true,
		Start: monEnd.Add(-4 * time.Hour), End: &monEnd})
	e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-wed", UserID: "c-ann", ProjectID: "p-backend",
		Start: wedEnd.Add(-2 * time.Hour), End: &wedEnd})
}

// ctx is a context that fails a hanging step after 10 seconds.
func (e *e2e) ctx() context.Context { return bottest.Ctx(e.t) }

// send pushes env to the bot and returns its envelope id.
func (e *e2e) send(env slacktest.Envelope) string {
	e.t.Helper()
	id, err := e.sl.Send(env)
	if err != nil {
		e.t.Fatalf("Send() error: %v", err)
	}
	return id
}

// waitAck waits for the acknowledgement of envelope id.
func (e *e2e) waitAck(id string) slacktest.Ack {
	e.t.Helper()
	ack, err := e.sl.WaitAck(e.ctx(), id)
	if err != nil {
		e.t.Fatalf("%v\nlogs:\n%s", err, e.logs)
	}
	return ack
}

// slash sends "/tt <text>" as user and waits for its acknowledgement.
func (e *e2e) slash(text, user string) slacktest.Ack {
	e.t.Helper()
	return e.waitAck(e.send(slacktest.SlashCommand("/tt", text, user)))
}

// slashText is slash returning the acknowledgement's text.
func (e *e2e) slashText(text, user string) string {
	e.t.Helper()
	return bottest.DecodeAck(e.t, e.slash(text, user)).Text
}

func TestE2EHarness(t *testing.T) {
	type seen struct {
		clockifyID, zone string
		err              error
	}
	got := make(chan seen, 4)
	e := newE2E(t, withRouter(func(e *e2e) {
		e.router.Command("/tt", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
			u, err := e.people.ClockifyUser(ctx, cmd.UserID)
			got <- seen{u.ID, e.people.Location(ctx, cmd.UserID, time.UTC).String(), err}
			return slack.Msg{Text: "hello " + cmd.Text}, nil
		})
	}))
	tests := []struct {
		user string
		want seen
	}{
		{"UANN", seen{clockifyID: "c-ann", zone: "Europe/Berlin"}},
		{"UBOB", seen{clockifyID: "c-bob", zone: "America/New_York"}},
		{"UZOE", seen{zone: "UTC", err: people.ErrUnmapped}},
	}
	for _, tc := range tests {
		t.Run(tc.user, func(t *testing.T) {
			if text := e.slashText("status", tc.user); text != "hello status" {
				t.Errorf("ack text = %q, want %q", text, "hello status")
			}
			if s := <-got; s != tc.want {
				t.Errorf("handler saw %+v, want %+v", s, tc.want)
			}
		})
	}
	es, err := e.store.EntriesForUser("c-ann", e2eNow.AddDate(0, 0, -7), e2eNow)
	if err != nil || len(es) != 2 {
		t.Errorf("stored entries of Ann = %d, %v; want 2 after the initial sync", len(es), err)
	}
	for _, m := range []struct {
		slackID string
		want    bool
	}{{"UMIA", true}, {"UBOB", false}, {"UADMIN", true}} {
		if ok, err := e.people.Manages(e.ctx(), m.slackID, "c-ann"); ok != m.want || err != nil {
			t.Errorf("Manages(%s, c-ann) = %v, %v; want %v", m.slackID, ok, err, m.want)
		}
	}
	if !e.people.IsAdmin("UADMIN") {
		t.Error("UADMIN is not an admin")
	}
}
