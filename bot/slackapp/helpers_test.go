package slackapp

import (
	"log/slog"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

// runningSocket is an App running in a goroutine.
type runningSocket struct {
	*bottest.Running
	app *App
}

// startSocket runs an App for r against the fake Slack sl until the test
// ends, then checks that Run returned nil. It waits for the first
// connection.
func startSocket(t testing.TB, sl *slacktest.Server, r *Router, cfg Config, log *slog.Logger) *runningSocket {
	t.Helper()
	api := slack.New(sl.BotToken, slack.OptionAppLevelToken(sl.AppToken), slack.OptionAPIURL(sl.APIURL))
	app := New(api, r, cfg, log)
	return &runningSocket{Running: bottest.Start(t, sl, app.Run), app: app}
}
