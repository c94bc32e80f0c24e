package home

import (
	"regexp"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/commands"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/internal/teamtest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/slack-go/slack"
)

// TestWeekIsTheSameEverywhere checks that one person's week shows the same
// hours in /tt week, on the Home tab and in the weekly report, for a person
// whose Slack zone (UTC+14) differs from the zone their Clockify account
// gives (one the bot cannot load, so REPORT_TIMEZONE, UTC, applies). Three
// hours logged on Sunday evening UTC are Monday morning in Kiritimati:
// before, /tt week evaluated the week in the Slack zone and showed 6 hours
// while the Home tab and the report showed 3.
func TestWeekIsTheSameEverywhere(t *testing.T) {
	sunday := time.Date(2026, 11, 15, 20, 0, 0, 0, time.UTC)
	tuesday := time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)
	e := newHomeEnv(t, func(e *teamtest.Env) {
		e.CF.AddUser(clockifytest.User{ID: "c-kit", Email: "kit@example.com", Name: "Kit Far", TimeZone: "Etc/Unknown"})
		e.SL.AddUser(slacktest.User{ID: "UKIT", Email: "kit@example.com", Name: "kit", RealName: "Kit Far", TZ: "Pacific/Kiritimati"})
		for _, start := range []time.Time{sunday, tuesday} {
			end := start.Add(3 * time.Hour)
			e.CF.AddEntry(clockifytest.Entry{UserID: "c-kit", ProjectID: "p-int", Start: start, End: &end})
		}
	})
	cmds := commands.New(e.Timers, e.St, e.People, e.Reporter, commands.Config{}, e.Clock.Now, e.Log)
	cmds.Register(e.Router)

	w47 := weekly.Week{Year: 2026, Num: 47}
	rep, _, err := e.Reporter.Build(e.Ctx(), w47, homeNow)
	if err != nil {
		t.Fatal(err)
	}
	var report string
	for _, u := range rep.Users {
		if u.ClockifyUserID == "c-kit" {
			report = slackui.Hours(u.Hours)
		}
	}
	f, _ := e.Router.CommandFor(commands.SlashCommandName)
	msg, err := f(e.Ctx(), slack.SlashCommand{Command: commands.SlashCommandName, Text: "week", UserID: "UKIT"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.home.Publish(e.Ctx(), "UKIT"); err != nil {
		t.Fatal(err)
	}
	home := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UKIT")))

	got := map[string]string{
		"report":   report,
		"/tt week": firstMatch(`\*Your week\* 2026-W47 \([^)]*\): \*([0-9.]+) h\*`, msg.Text),
		"home tab": firstMatch(`\*This week\* \(2026-W47\): \*([0-9.]+) h\*`, home),
	}
	for where, hours := range got {
		if hours != "3" {
			t.Errorf("%s shows %q hours for Kit's week 2026-W47, want 3 (Tuesday only)", where, hours)
		}
	}
}

// firstMatch is the first group of re in s, "" when it does not match.
func firstMatch(re, s string) string {
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}
