package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// trendsReportDay is Monday 2026-11-23 09:00 UTC, when 2026-W47 is
// reported.
var (
	trendsReportDay = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	trendsW47       = weekly.Week{Year: 2026, Num: 47}
)

// newTrendsE2E is the harness with a history: Ann reached her target in
// W44 (30 h billable) and logged 10 h in each of W45 and W46 (besides her
// 6 h of W47, so W47 is her 3rd week in a row under target); Bob logged
// 40 h billable in W45, W46 and W47. The clock stands on report day and
// the store holds 8 weeks of history.
func newTrendsE2E(t *testing.T) *e2e {
	t.Helper()
	e := newE2E(t, withSeed(func(e *e2e) {
		work := func(user, project string, monday time.Time, days, hours int) {
			for d := range days {
				start := monday.AddDate(0, 0, d).Add(10 * time.Hour)
				end := start.Add(time.Duration(hours) * time.Hour)
				e.cf.AddEntry(clockifytest.Entry{UserID: user, ProjectID: project, Billable: project == "p-design", Start: start, End: &end})
			}
		}
		w44 := time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC)
		work("c-ann", "p-design", w44, 5, 6)
		work("c-ann", "p-backend", w44.AddDate(0, 0, 7), 2, 5)
		work("c-ann", "p-backend", w44.AddDate(0, 0, 14), 2, 5)
		for i := 1; i <= 3; i++ {
			work("c-bob", "p-design", w44.AddDate(0, 0, 7*i), 5, 8)
		}
	}))
	e.clock.Set(trendsReportDay)
	if _, err := e.syncer.Sync(e.ctx(), syncer.Options{BackfillDays: 56}); err != nil {
		t.Fatalf("backfill Sync() error: %v", err)
	}
	return e
}

// viewBlock returns the block of a published view whose JSON holds want.
func viewBlock(t *testing.T, view, want string) []byte {
	t.Helper()
	var v struct {
		Blocks []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(view), &v); err != nil {
		t.Fatalf("decode view: %v", err)
	}
	for _, b := range v.Blocks {
		if strings.Contains(string(bottest.UnescapeHTMLJSON(t, b)), want) {
			return b
		}
	}
	t.Fatalf("no block holds %q in:\n%s", want, view)
	return nil
}

// TestE2ETrendsHome: Ann's Home tab charts her last 8 weeks (weeks before
// the store's history say "no data") and her week's billable hours;
// Mia's shows her team's 8 weeks as a table with the flagged weeks marked.
func TestE2ETrendsHome(t *testing.T) {
	e := newTrendsE2E(t)
	tests := []struct {
		name, user, want string
	}{
		{"ann_chart", "UANN", "Your last 8 weeks"},
		{"mia_team_table", "UMIA", "Your team's last 8 weeks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.waitAck(e.send(slacktest.AppHomeOpened(tc.user)))
			view := waitView(t, e, tc.user, tc.want)
			bottest.CheckGolden(t, "trends", tc.name, viewBlock(t, view, tc.want))
		})
	}
	// On Friday of W47 her week so far shows its billable hours.
	e.clock.Set(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	e.waitAck(e.send(slacktest.AppHomeOpened("UANN")))
	waitView(t, e, "UANN", "*Billable:* 4 h · *non-billable:* 2 h (67% billable)")
}

// TestE2EWeeklyRunTrendsAndTeamDigest: on report day Ann's weekly message
// says it is her 3rd week in a row under target; Mia, who turned the team
// digest on with /tt digest, gets one message with her whole team (Bob
// too, who was not flagged), the billable shares and the link to Ann's
// message; a second run, as after a restart, sends nothing.
func TestE2EWeeklyRunTrendsAndTeamDigest(t *testing.T) {
	e := newTrendsE2E(t)
	if text := e.slashText("digest on", "UMIA"); !strings.Contains(text, "Done: on report day") {
		t.Fatalf("/tt digest on answered %q", text)
	}
	if text := e.slashText("digest on", "UBOB"); !strings.Contains(text, "Nobody reports to you") {
		t.Errorf("/tt digest on for someone without a team answered %q", text)
	}

	sum, err := e.bot.Runner.RunWeek(e.ctx(), trendsW47)
	if err != nil {
		t.Fatalf("RunWeek(W47) error: %v\nlogs:\n%s", err, e.logs)
	}
	if sum.Flagged != 2 || sum.Delivered != 2 || len(sum.Pending) != 0 {
		t.Fatalf("summary = %+v, want Ann and Mia (no time at all) delivered", sum)
	}
	rec, ok, err := e.store.Delivery(trendsW47.String(), "c-ann")
	if err != nil || !ok || rec.State != store.DeliverySent {
		t.Fatalf("Ann's W47 delivery = %+v, %v, %v", rec, ok, err)
	}
	var annMsg string
	for _, m := range e.sl.Messages(rec.Channel) {
		if m.TS == rec.TS {
			annMsg = string(bottest.UnescapeHTMLJSON(t, m.Blocks))
		}
	}
	if want := "This is your 3rd week in a row under target."; !strings.Contains(annMsg, want) {
		t.Errorf("Ann's weekly message lacks %q:\n%s", want, annMsg)
	}

	digests := func() []slacktest.Message {
		var out []slacktest.Message
		for _, ms := range e.sl.AllMessages() {
			for _, m := range ms {
				if strings.Contains(m.Text, "Your team's week") {
					out = append(out, m)
				}
			}
		}
		return out
	}
	got := digests()
	if len(got) != 1 {
		t.Fatalf("%d team digests sent, want 1 (Mia's)", len(got))
	}
	link := slacktest.PermalinkURL(rec.Channel, rec.TS)
	for _, want := range []string{
		"*Your team's week 2026-W47*: 2 people, 1 flagged.",
		"<@UANN> — *6 h* of 25 h · 67% billable · :warning: days without time, under target (3rd week in a row) · <" + link + "|weekly message>",
		"<@UBOB> — *40 h* of 25 h · 100% billable · :white_check_mark:",
	} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("team digest lacks %q:\n%s", want, got[0].Text)
		}
	}
	if n := len(e.sl.Calls("chat.getPermalink")); n != 1 {
		t.Errorf("chat.getPermalink called %d times, want 1 (Ann's message)", n)
	}
	var digestRec store.Delivery
	if ok, err := e.store.Setting(store.TeamDigestKey(trendsW47.String(), "UMIA"), &digestRec); err != nil || !ok || digestRec.State != store.DeliverySent {
		t.Errorf("team digest ledger = %+v, %v, %v; want sent", digestRec, ok, err)
	}

	// A restarted bot (a new deliverer and runner on the same store) runs
	// the week again: nothing is sent twice.
	posts := len(e.sl.Calls("chat.postMessage"))
	dl := delivery.New(e.slackAPI, e.store, delivery.Config{Mode: delivery.GroupDM, BotUserID: e.sl.BotUserID},
		func(ctx context.Context, _ time.Duration) error { return ctx.Err() }, e.now, e.log)
	restarted := delivery.NewWeeklyRunner(e.syncer, e.reporter, dl, e.store, delivery.Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: time.UTC}, e.now, e.log)
	if _, err := restarted.RunWeek(e.ctx(), trendsW47); err != nil {
		t.Fatalf("second RunWeek(W47) error: %v", err)
	}
	if n := len(e.sl.Calls("chat.postMessage")) - posts; n != 0 {
		t.Errorf("the second run posted %d messages, want none", n)
	}
	if n := len(digests()); n != 1 {
		t.Errorf("%d team digests after the second run, want 1", n)
	}
}

// TestE2ETeamDigestToggle: the Home tab's toggle turns a manager's team
// digest on and off; without it nothing is sent on report day.
func TestE2ETeamDigestToggle(t *testing.T) {
	e := newTrendsE2E(t)
	e.waitAck(e.send(slacktest.AppHomeOpened("UMIA")))
	waitView(t, e, "UMIA", "*Team digest:* off.")
	e.waitAck(e.send(slacktest.BlockAction("UMIA", "home_team_digest", "on")))
	waitView(t, e, "UMIA", "*Team digest:* on.")
	if p, err := people.LoadPrefs(e.store, "UMIA"); err != nil || !p.TeamDigest {
		t.Fatalf("Mia's prefs = %+v, %v; want the team digest on", p, err)
	}
	e.waitAck(e.send(slacktest.BlockAction("UMIA", "home_team_digest", "off")))
	waitView(t, e, "UMIA", "The team digest is off.")
	if _, err := e.bot.Runner.RunWeek(e.ctx(), trendsW47); err != nil {
		t.Fatalf("RunWeek(W47) error: %v", err)
	}
	for _, ms := range e.sl.AllMessages() {
		for _, m := range ms {
			if strings.Contains(m.Text, "Your team's week") {
				t.Errorf("a team digest was sent although Mia turned it off: %s", m.Text)
			}
		}
	}
}

// TestE2EBillableHours: the report JSON carries billableHours per person
// and the Details modal of Ann's weekly message shows billable vs
// non-billable hours.
func TestE2EBillableHours(t *testing.T) {
	e := newTrendsE2E(t)
	rep, _, err := e.reporter.Build(e.ctx(), trendsW47, e.now())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Users []struct {
			ClockifyUserID string   `json:"clockifyUserId"`
			BillableHours  *float64 `json:"billableHours"`
			WeeksInARow    int      `json:"weeksInARow"`
		} `json:"users"`
	}
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"c-ann": 4, "c-bob": 40, "c-mia": 0}
	for _, u := range decoded.Users {
		if u.BillableHours == nil || *u.BillableHours != want[u.ClockifyUserID] {
			t.Errorf("%s billableHours = %v, want %v", u.ClockifyUserID, u.BillableHours, want[u.ClockifyUserID])
		}
	}

	if _, err := e.bot.Runner.RunWeek(e.ctx(), trendsW47); err != nil {
		t.Fatalf("RunWeek(W47) error: %v", err)
	}
	rec, _, _ := e.store.Delivery(trendsW47.String(), "c-ann")
	// The modal opens loading, then views.update shows its content.
	opens := len(e.sl.Calls("views.update"))
	env := slacktest.BlockAction("UMIA", report.ActionDetails, trendsW47.String()+"|c-ann").
		With("container", map[string]any{"type": "message", "channel_id": rec.Channel, "message_ts": rec.TS}).
		With("channel", map[string]any{"id": rec.Channel})
	e.waitAck(e.send(env))
	if _, err := e.sl.WaitCalls(e.ctx(), "views.update", opens+1); err != nil {
		t.Fatalf("no Details modal: %v\nlogs:\n%s", err, e.logs)
	}
	modal := string(bottest.UnescapeHTMLJSON(t, []byte(lastCall(t, e, "views.update").Params.Get("view"))))
	if want := "*Billable:* 4 h · *non-billable:* 2 h (67% billable)"; !strings.Contains(modal, want) {
		t.Errorf("Details modal lacks %q:\n%s", want, modal)
	}
}
