package home

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/internal/teamtest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

func TestHomeViews(t *testing.T) {
	e := newHomeEnv(t)
	tests := []struct {
		name, user string
		want       []string // texts the view must hold
		dontWant   []string
	}{
		{name: "employee_running_timer", user: "UANN",
			want:     []string{"*Running:* Website — Standup", "Stop", "*Today:* 1 h", "*This week* (2026-W47): *13 h* of a 25 h target", "Next weekly report: Mon Nov 23, 09:00 (UTC)"},
			dontWant: []string{"Your team this week", "Admin settings"}},
		{name: "manager", user: "UMIA",
			want:     []string{"Your team this week (2026-W47)", "<@UANN> — 13 h of 25 h", "*Bob Okafor* — 8 h of 30 h", "Flagged last week (2026-W46)", "<@UANN> — :envelope: sent, no answer yet"},
			dontWant: []string{"<@UCAT>", "Admin settings"}},
		{name: "admin", user: "UADM",
			want: []string{"I could not find your Clockify account", "*Default weekly target:* 25 h _(environment default)_", "*Bob Okafor* (bob@example.com) — 30 h",
				"<@UMAX> (max@example.com)", "*Weekly report:* Mon at 09:00, time zone UTC.", "Delivered in the shared channel.", "*Clockify sync:* last success Wed Nov 18 10:00",
				"Preview last week's report", "Sync now", "<@UCAT> — :envelope: sent"}},
		{name: "unmapped", user: "UNEW", want: []string{"I could not find your Clockify account"}, dontWant: []string{"Your team this week"}},
		{name: "nobodys_manager", user: "UZED", want: []string{"No timer running.", "*This week* (2026-W47): *0 h*"}, dontWant: []string{"Your team this week"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := e.home.Publish(e.Ctx(), tc.user); err != nil {
				t.Fatalf("Publish(%s) error: %v", tc.user, err)
			}
			raw := e.HomeView(tc.user)
			bottest.CheckViewJSON(t, raw)
			text := string(bottest.UnescapeHTMLJSON(t, raw))
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("Home tab of %s lacks %q", tc.user, w)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(text, w) {
					t.Errorf("Home tab of %s holds %q", tc.user, w)
				}
			}
			bottest.CheckGolden(t, "home", tc.name, raw)
		})
	}
}

func TestHomeAppHomeOpened(t *testing.T) {
	e := newHomeEnv(t)
	f, ok := e.Router.EventFor("app_home_opened")
	if !ok {
		t.Fatal("no app_home_opened handler")
	}
	before := len(e.SL.Calls("views.publish"))
	messages := slackevents.EventsAPIInnerEvent{Type: "app_home_opened", Data: &slackevents.AppHomeOpenedEvent{User: "UANN", Tab: "messages"}}
	if err := f(e.Ctx(), messages); err != nil {
		t.Fatal(err)
	}
	if n := len(e.SL.Calls("views.publish")) - before; n != 0 {
		t.Errorf("opening the Messages tab published %d views, want 0", n)
	}
	home := slackevents.EventsAPIInnerEvent{Type: "app_home_opened", Data: &slackevents.AppHomeOpenedEvent{User: "UANN", Tab: "home"}}
	if err := f(e.Ctx(), home); err != nil {
		t.Fatal(err)
	}
	calls := e.SL.Calls("views.publish")
	if len(calls)-before != 1 || calls[len(calls)-1].Params.Get("user_id") != "UANN" {
		t.Fatalf("views.publish calls after app_home_opened = %d (last %v), want 1 for UANN", len(calls)-before, calls[len(calls)-1].Params)
	}
}

func TestHomeLargeTeamIsPaged(t *testing.T) {
	e := newHomeEnv(t, func(e *teamtest.Env) {
		for i := range 40 {
			id := fmt.Sprintf("c-p%02d", i)
			e.CF.AddUser(clockifytest.User{ID: id, Email: fmt.Sprintf("p%02d@example.com", i), Name: fmt.Sprintf("Person %02d <!here> & co", i), TimeZone: "UTC"})
			e.CF.SetManagers(id, "c-mia")
		}
	})
	// Mia manages Ann, Bob and the 40: 42 people, three pages of 15.
	if err := e.home.Publish(e.Ctx(), "UMIA"); err != nil {
		t.Fatal(err)
	}
	raw := e.HomeView("UMIA")
	bottest.CheckViewJSON(t, raw)
	bottest.AssertNoHostileText(t, raw)
	team := teamPart(t, raw)
	for _, w := range []string{"Page 1 of 3 · 42 people", "team:1", "Person 12 &lt;!here&gt; &amp; co"} {
		if !strings.Contains(team, w) {
			t.Errorf("page 1 lacks %q", w)
		}
	}
	if strings.Contains(team, "Person 13") {
		t.Error("page 1 shows people of page 2")
	}
	if err := e.PressHome("UMIA", &slack.BlockAction{ActionID: actionHomePage + "_next", Value: "team:2"}); err != nil {
		t.Fatal(err)
	}
	raw = e.HomeView("UMIA")
	bottest.CheckViewJSON(t, raw)
	if team := teamPart(t, raw); !strings.Contains(team, "Page 3 of 3 · 42 people") || !strings.Contains(team, "Person 39") || strings.Contains(team, "Person 12") {
		t.Errorf("after Next to page 3 the view does not show the last page")
	}
	bottest.CheckGolden(t, "home", "manager_large_team_page3", raw)
	// A forged page number is clamped, never an error.
	if err := e.PressHome("UMIA", &slack.BlockAction{ActionID: actionHomePage + "_next", Value: "team:99"}); err != nil {
		t.Fatal(err)
	}
	if text := string(e.HomeView("UMIA")); !strings.Contains(text, "Page 3 of 3") {
		t.Error("page 99 was not clamped to the last page")
	}
}

func TestHomeHugeTeamStaysWithinLimits(t *testing.T) {
	e := newHomeEnv(t, func(e *teamtest.Env) {
		long := strings.Repeat("&<>*", 100)
		for i := range 300 {
			id := fmt.Sprintf("c-q%03d", i)
			e.CF.AddUser(clockifytest.User{ID: id, Email: fmt.Sprintf("q%03d@example.com", i), Name: long, TimeZone: "UTC"})
		}
	})
	for i := range 300 {
		if err := e.St.PutSetting(fmt.Sprintf("x%d", i), i); err != nil { // unrelated settings do not matter
			t.Fatal(err)
		}
	}
	targets := map[string]float64{}
	var exclude []string
	for i := range 300 {
		targets[fmt.Sprintf("q%03d@example.com", i)] = 20
		exclude = append(exclude, fmt.Sprintf("q%03d@example.com", i))
	}
	if err := e.St.PutSetting(store.ReportSettingsKey(), report.Settings{Targets: targets, TargetsSet: true, Exclude: exclude, ExcludeSet: true}); err != nil {
		t.Fatal(err)
	}
	o := people.ManagerOverrides{}
	for i := range 300 {
		o[fmt.Sprintf("c-q%03d", i)] = []string{"UMIA", "UMAX"}
	}
	if err := people.SaveManagerOverrides(e.St, o); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		e.home.audit("UADM", strings.Repeat("x", 100), "2026-W46", "c-q001", strings.Repeat("&", 600)+fmt.Sprint(i))
	}
	if err := e.home.Publish(e.Ctx(), "UADM"); err != nil {
		t.Fatal(err)
	}
	bottest.CheckViewJSON(t, e.HomeView("UADM"))
}

func TestHomePersonalSettings(t *testing.T) {
	e := newHomeEnv(t)
	steps := []struct {
		action *slack.BlockAction
		want   people.Prefs
		notice string
	}{
		{&slack.BlockAction{ActionID: actionHomeNotify, Value: "on"}, people.Prefs{Notify: true}, "Timer notifications are on"},
		{&slack.BlockAction{ActionID: actionHomeSummary, SelectedOption: slack.OptionBlockObject{Value: "18:30"}}, people.Prefs{Notify: true, SummaryAt: "18:30"}, "daily summary at 18:30"},
		{&slack.BlockAction{ActionID: actionHomeSummary, SelectedOption: slack.OptionBlockObject{Value: "25:00"}}, people.Prefs{Notify: true, SummaryAt: "18:30"}, ""},
		{&slack.BlockAction{ActionID: actionHomeNotify, Value: "off"}, people.Prefs{SummaryAt: "18:30"}, "Timer notifications are off"},
		{&slack.BlockAction{ActionID: actionHomeSummary, SelectedOption: slack.OptionBlockObject{Value: "off"}}, people.Prefs{}, "The daily summary is off"},
	}
	for i, s := range steps {
		if err := e.PressHome("UBOB", s.action); err != nil {
			t.Fatal(err)
		}
		got, err := people.LoadPrefs(e.St, "UBOB")
		if err != nil || got != s.want {
			t.Errorf("step %d: prefs = %+v, %v; want %+v", i, got, err, s.want)
		}
		if text := string(e.HomeView("UBOB")); !strings.Contains(text, s.notice) {
			t.Errorf("step %d: Home tab lacks %q", i, s.notice)
		}
	}
	// The view reflects the settings.
	_, _ = people.UpdatePrefs(e.St, "UBOB", func(p *people.Prefs) { p.Notify, p.SummaryAt = true, "17:00" })
	if err := e.home.Publish(e.Ctx(), "UBOB"); err != nil {
		t.Fatal(err)
	}
	raw := e.HomeView("UBOB")
	var v slack.HomeTabViewRequest
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var toggle, summary string
	for _, b := range v.Blocks.BlockSet {
		s, ok := b.(*slack.SectionBlock)
		if !ok || s.Accessory == nil {
			continue
		}
		if s.Accessory.ButtonElement != nil && s.Accessory.ButtonElement.ActionID == actionHomeNotify {
			toggle = s.Accessory.ButtonElement.Value
		}
		if s.Accessory.SelectElement != nil && s.Accessory.SelectElement.ActionID == actionHomeSummary && s.Accessory.SelectElement.InitialOption != nil {
			summary = s.Accessory.SelectElement.InitialOption.Value
		}
	}
	if toggle != "off" || summary != "17:00" {
		t.Errorf("with notifications on and a summary at 17:00: toggle button %q, summary select at %q; want \"off\", \"17:00\"", toggle, summary)
	}
}

// teamPart is the text of a Home tab from its team header to the flagged
// people's header.
func teamPart(t *testing.T, raw []byte) string {
	t.Helper()
	s := string(bottest.UnescapeHTMLJSON(t, raw))
	start, end := strings.Index(s, "Your team this week"), strings.Index(s, "Flagged last week")
	if start < 0 || end < start {
		t.Fatalf("no team part in %s", s)
	}
	return s[start:end]
}

func TestNextRun(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	mon := delivery.Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: berlin}
	twice := delivery.Schedule{Days: []time.Weekday{time.Thursday, time.Monday}, Hour: 8, Minute: 30, Location: time.UTC}
	tests := []struct {
		name string
		sc   delivery.Schedule
		now  time.Time
		want time.Time
	}{
		{"before monday's run", mon, time.Date(2026, 11, 16, 7, 0, 0, 0, time.UTC), time.Date(2026, 11, 16, 9, 0, 0, 0, berlin)},
		{"at the run: the next week", mon, time.Date(2026, 11, 16, 9, 0, 0, 0, berlin), time.Date(2026, 11, 23, 9, 0, 0, 0, berlin)},
		{"wednesday", mon, time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 9, 0, 0, 0, berlin)},
		{"two days a week", twice, time.Date(2026, 11, 17, 12, 0, 0, 0, time.UTC), time.Date(2026, 11, 19, 8, 30, 0, 0, time.UTC)},
		{"no days", delivery.Schedule{Location: time.UTC}, homeNow, time.Time{}},
	}
	for _, tc := range tests {
		if got := tc.sc.Next(tc.now); !got.Equal(tc.want) {
			t.Errorf("%s: Schedule.Next() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCutMrkdwn(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"abc &amp; def", 7, "abc …"},
		{"abc <@U123456> x", 9, "abc …"},
		{"abcdefghij", 5, "abcd…"},
	}
	for _, tc := range tests {
		if got := slackui.CutMrkdwn(tc.in, tc.limit); got != tc.want {
			t.Errorf("slackui.CutMrkdwn(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}

func TestRenderHomeEscapesText(t *testing.T) {
	d := homeData{
		slackID: "UANN", now: homeNow, loc: time.UTC, notice: "Sync failed: <!channel> & <http://x|y>",
		user: store.User{ID: "c-ann", Name: "<!here> Ann"}, project: "<b>Web</b> & co",
		running: &store.Entry{ID: "e1", UserID: "c-ann", Description: "*<!everyone>*", Start: homeNow.Add(-time.Hour)},
		pages:   homePages{},
	}
	raw, err := json.Marshal(renderHome(d))
	if err != nil {
		t.Fatal(err)
	}
	bottest.CheckViewJSON(t, raw)
	s := string(bottest.UnescapeHTMLJSON(t, raw))
	for _, bad := range []string{"<!channel>", "<http://x", "<b>", "<!everyone>"} {
		if strings.Contains(s, bad) {
			t.Errorf("Home tab holds unescaped %q", bad)
		}
	}
	for _, want := range []string{"Sync failed: &lt;!channel&gt; &amp; &lt;http://x|y&gt;", "*Running:* &lt;b&gt;Web&lt;/b&gt; &amp; co — *&lt;!everyone&gt;*"} {
		if !strings.Contains(s, want) {
			t.Errorf("Home tab lacks %q", want)
		}
	}
}
