package home

import (
	"testing"

	"github.com/clockbot/clockbot/bot/actions"
	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/teamtest"
)

// The fixture's times and week (see bot/internal/teamtest).
var (
	homeNow = teamtest.Now
	homeW46 = teamtest.W46
)

// homeEnv is the shared fixture with this package's Home tab and the
// manager buttons registered.
type homeEnv struct {
	*teamtest.Env
	home    *Home
	actions *actions.Actions
}

// newHomeEnv builds the fixture; seeds change the fakes before the first
// sync.
func newHomeEnv(t *testing.T, seeds ...teamtest.Seed) *homeEnv {
	t.Helper()
	h := &homeEnv{}
	h.Env = teamtest.New(t, func(e *teamtest.Env) {
		h.home = New(Config{Schedule: e.Schedule, DeliveryMode: delivery.Channel, ClockifyURL: "https://app.clockify.me/reports"}, Deps{
			Slack: e.SlackAPI, Timers: e.Timers, Store: e.St, People: e.People, Reports: e.Reporter, Runner: e.Runner, Syncer: e.Syncer, Now: e.Clock.Now, Log: e.Log,
		})
		h.actions = actions.New(actions.Config{
			Message: delivery.MessageOptions(delivery.Channel, "https://app.clockify.me/reports", e.Params.Workdays), Location: e.Schedule.Location,
		}, actions.Deps{Slack: e.SlackAPI, Store: e.St, People: e.People, Reports: e.Reporter, Syncer: e.Syncer, Home: h.home, Now: e.Clock.Now, Log: e.Log})
		h.home.Register(e.Router)
		h.actions.Register(e.Router)
		e.Waits = append(e.Waits, h.home.Wait, h.actions.Wait)
		t.Cleanup(h.home.Wait)
		t.Cleanup(h.actions.Wait)
	}, seeds...)
	return h
}
