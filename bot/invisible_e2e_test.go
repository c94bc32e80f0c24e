package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/commands"
	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// hostileNames are Clockify names and descriptions laced with invisible
// characters: a right-to-left override and isolate, zero-width spaces, a
// byte order mark, an Arabic letter mark, C0 and C1 controls, a tag
// character and a Hangul filler. Their visible text is in clean.
var hostileNames = []struct{ name, raw, clean string }{
	{"user", "Ann\u202e Smith\u2066", "Ann Smith"},
	{"project", "De\u200bsign\u202d\u061c", "Design"},
	{"client", "\ufeffAc\u2067me\u2069", "Acme"},
	{"description", "Stand\u202eup\x1b[0m\u0085 call\u200f\U000E0041", "Standup[0m call"},
	{"description of a past entry", "Spec\u200c\u2060 review\u3164\x07", "Spec review"},
}

// TestE2EHostileClockifyNamesAreCleaned syncs names and descriptions full
// of invisible characters from the fake Clockify and shows them everywhere
// the bot does: `/tt status`, `today` and `week`, the timer notifications,
// the Home tab, the weekly message and the manager's details modal. No
// text Slack receives holds an invisible character (newSlackFake checks
// every one when the test ends); the visible text is kept.
func TestE2EHostileClockifyNamesAreCleaned(t *testing.T) {
	var cmds *commands.Commands
	e := newE2E(t,
		withSeed(func(e *e2e) {
			e.cf.AddUser(clockifytest.User{ID: "c-ann", Email: "ann@example.com", Name: hostileNames[0].raw, TimeZone: "Europe/Berlin"})
			e.cf.AddProject(clockifytest.Project{ID: "p-design", Name: hostileNames[1].raw, ClientName: hostileNames[2].raw, Billable: true})
			e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-run", UserID: "c-ann", ProjectID: "p-design", Description: hostileNames[3].raw,
				Start: time.Date(2026, 11, 18, 9, 30, 0, 0, time.UTC)})
			end := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
			e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-w46", UserID: "c-ann", ProjectID: "p-design", Description: hostileNames[4].raw,
				Start: end.Add(-3 * time.Hour), End: &end})
			e.sl.AddChannel("CNOTIFY", "timers", false, e.sl.BotUserID)
		}),
		withCommands(commands.Config{NotifyChannel: "CNOTIFY"}, &cmds),
	)

	// `/tt` answers.
	e.slash("notify on", "UANN")
	for _, tc := range []struct{ command, want string }{
		{"status", "*Design* is running"},
		{"status", "> Standup[0m call"},
		{"today", "Design"},
		{"week", "*6.5 h* of 25 h"},
	} {
		t.Run(tc.command, func(t *testing.T) {
			got := bottest.DecodeAck(t, e.slash(tc.command, "UANN")).Text
			if bad := bottest.InvisibleRunes(got); len(bad) > 0 {
				t.Errorf("/tt %s answer holds invisible characters %U: %q", tc.command, bad, got)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("/tt %s answer lacks %q: %q", tc.command, tc.want, got)
			}
		})
	}
	// The Home tab shows the running timer.
	e.waitAck(e.send(slacktest.AppHomeOpened("UANN")))
	waitView(t, e, "UANN", "*Running:* Design — Standup[0m call")

	// Stopping it notifies the channel.
	if got := bottest.DecodeAck(t, e.slash("stop", "UANN")).Text; bottest.InvisibleRunes(got) != nil || !strings.Contains(got, "Design") {
		t.Errorf("/tt stop answer = %q, want it to name Design without invisible characters", got)
	}
	e.notices.Wait()
	if ms := e.sl.Messages("CNOTIFY"); len(ms) != 1 || !strings.Contains(ms[0].Text, "*Ann Smith* stopped a timer\n*Project:* Design") {
		t.Errorf("notifications = %+v, want Ann Smith's stop on Design", ms)
	}

	// The weekly message of 2026-W46, and its details for Ann's manager.
	rep, _, err := e.reporter.Build(e.ctx(), weekly.Week{Year: 2026, Num: 46}, e.now())
	if err != nil {
		t.Fatal(err)
	}
	dl := delivery.New(e.slackAPI, e.store, delivery.Config{Mode: delivery.GroupDM, Admins: []string{"UADMIN"}, BotUserID: e.sl.BotUserID},
		func(ctx context.Context, _ time.Duration) error { return ctx.Err() }, e.now, e.log)
	if _, err := dl.Deliver(e.ctx(), rep); err != nil {
		t.Fatal(err)
	}
	rec, ok, err := e.store.Delivery("2026-W46", "c-ann")
	if err != nil || !ok || rec.State != store.DeliverySent {
		t.Fatalf("Ann's W46 message: %+v, %v, %v", rec, ok, err)
	}
	var msg slacktest.Message
	for _, m := range e.sl.Messages(rec.Channel) {
		if m.TS == rec.TS {
			msg = m
		}
	}
	if blocks := string(bottest.UnescapeHTMLJSON(t, msg.Blocks)); !strings.Contains(blocks, "• Design _(Acme)_ — *3 h*") {
		t.Errorf("weekly message lacks the cleaned project and client:\n%s", blocks)
	}
	var blocks any
	_ = json.Unmarshal(msg.Blocks, &blocks)
	// The modal opens loading, then views.update shows its content.
	opens := len(e.sl.Calls("views.update"))
	e.waitAck(e.send(slacktest.BlockAction("UMIA", report.ActionDetails, "2026-W46|c-ann").
		With("container", map[string]any{"type": "message", "channel_id": rec.Channel, "message_ts": rec.TS}).
		With("channel", map[string]any{"id": rec.Channel}).
		With("message", map[string]any{"ts": msg.TS, "text": msg.Text, "blocks": blocks})))
	if _, err := e.sl.WaitCalls(e.ctx(), "views.update", opens+1); err != nil {
		t.Fatal(err)
	}
	if view := string(bottest.UnescapeHTMLJSON(t, []byte(lastCall(t, e, "views.update").Params.Get("view")))); !strings.Contains(view, "Spec review") {
		t.Errorf("details modal lacks the cleaned description %q:\n%s", "Spec review", view)
	}
	bottest.CheckSlackTexts(t, e.sl)
}
