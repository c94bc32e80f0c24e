// Package demo is clockbot's offline demo: the project's fake Clockify and
// fake Slack filled with a demo team, and a local web page that looks like
// a small Slack and speaks to the bot through the fake Slack exactly as
// Slack does (slash commands, interactions and events over Socket Mode).
// The page renders the Block Kit the bot really produced.
package demo

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// Fakes are the fake Clockify and fake Slack of a demo, both on 127.0.0.1,
// with the demo team in both.
type Fakes struct {
	Clockify  *clockifytest.Server
	Slack     *slacktest.Server
	Workspace clockifytest.DemoWorkspace
}

// StartFakes starts the fakes and loads the demo team, deterministic from
// now. Close them when done.
func StartFakes(now time.Time) *Fakes {
	cf := clockifytest.New()
	ws := cf.LoadDemo(now)
	sl := slacktest.New()
	for _, p := range ws.People {
		sl.AddUser(slacktest.User{ID: p.SlackID, Email: p.Email, Name: p.Handle, RealName: p.Name, TZ: p.TimeZone})
	}
	return &Fakes{Clockify: cf, Slack: sl, Workspace: ws}
}

// Close stops both fakes.
func (f *Fakes) Close() {
	f.Slack.Close()
	f.Clockify.Close()
}

// Env returns the environment that points clockbot at the fakes, with the
// demo's report settings: its targets, exception list and admins, and a
// weekly schedule at 00:00 UTC of now's weekday so that last week's report
// is due at start. db is the database path.
func (f *Fakes) Env(now time.Time, db string) map[string]string {
	var targets, exclude, admins []string
	for _, p := range f.Workspace.People {
		if p.TargetHours > 0 {
			targets = append(targets, fmt.Sprintf("%s=%g", p.Email, p.TargetHours))
		}
		if p.Excluded {
			exclude = append(exclude, p.Email)
		}
		if p.Admin {
			admins = append(admins, p.SlackID)
		}
	}
	return map[string]string{
		"CLOCKIFY_API_KEY":      f.Clockify.APIKey,
		"CLOCKIFY_WORKSPACE_ID": f.Clockify.WorkspaceID,
		"CLOCKIFY_API_URL":      f.Clockify.APIURL,
		"CLOCKIFY_REPORTS_URL":  f.Clockify.ReportsURL,
		"CLOCKIFY_MAX_RPS":      "1000",
		"CLOCKBOT_DB":           db,
		"SYNC_BACKFILL_DAYS":    "63", // the history LoadDemo logs, for the 8-week trends
		"SLACK_BOT_TOKEN":       f.Slack.BotToken,
		"SLACK_APP_TOKEN":       f.Slack.AppToken,
		"SLACK_API_URL":         f.Slack.APIURL,
		"REPORT_SCHEDULE":       strings.ToUpper(now.UTC().Weekday().String()[:3]) + " 00:00",
		"REPORT_TIMEZONE":       "UTC",
		"REPORT_MIN_HOURS":      fmt.Sprint(f.Workspace.MinHours),
		"REPORT_TARGETS":        strings.Join(targets, ","),
		"REPORT_EXCLUDE":        strings.Join(exclude, ","),
		"REPORT_ADMINS":         strings.Join(admins, ","),
		"REPORT_DELIVERY":       "group_dm",
		"LOG_LEVEL":             "warn",
	}
}

// EnvList returns Env as sorted NAME=value lines, for printing.
func EnvList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// Person returns the demo person with the Slack id, and false when there
// is none.
func (f *Fakes) Person(slackID string) (clockifytest.DemoPerson, bool) {
	for _, p := range f.Workspace.People {
		if p.SlackID == slackID {
			return p, true
		}
	}
	return clockifytest.DemoPerson{}, false
}
