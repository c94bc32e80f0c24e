package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/nudges"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// The nudges' fixture adds two people far apart to the harness, in the
// week after Los Angeles left daylight saving time (Sunday 2026-11-01) and
// while Auckland keeps it (NZDT, UTC+13, since 2026-09-27):
//
//	c-kai kai@example.com Pacific/Auckland     UKAI
//	c-lea lea@example.com America/Los_Angeles  ULEA
//
// Neither has logged anything; the clock starts Monday 2026-11-02 12:00 UTC.
var nudgesStart = time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)

// newNudgesE2E starts the whole bot with the fixture above.
func newNudgesE2E(t *testing.T) *e2e {
	t.Helper()
	return newE2E(t, withSeed(newNudgesFixture))
}

// newNudgesFixture adds Kai and Lea and sets the clock.
func newNudgesFixture(e *e2e) {
	e.clock.Set(nudgesStart)
	for _, u := range []struct{ id, slack, email, name, tz string }{
		{"c-kai", "UKAI", "kai@example.com", "Kai Tane", "Pacific/Auckland"},
		{"c-lea", "ULEA", "lea@example.com", "Lea Park", "America/Los_Angeles"},
	} {
		e.cf.AddUser(clockifytest.User{ID: u.id, Email: u.email, Name: u.name, TimeZone: u.tz})
		e.sl.AddUser(slacktest.User{ID: u.slack, Email: u.email, Name: u.slack[1:], RealName: u.name, TZ: u.tz})
	}
}

// tick moves the clock to at and runs the per-minute job of n.
func tick(t *testing.T, e *e2e, n *nudges.Nudges, at time.Time) {
	t.Helper()
	e.clock.Set(at)
	if err := n.SendDue(e.ctx()); err != nil {
		t.Fatalf("SendDue at %s: %v\nlogs:\n%s", at, err, e.logs)
	}
}

// restarted is the nudges of a new process on the same database.
func restarted(e *e2e) *nudges.Nudges {
	return nudges.New(nudges.Config{}, nudges.Deps{Slack: e.slackAPI, Store: e.store, Weeks: e.reporter, People: e.people, Timers: e.bot.Timers, Now: e.now, Log: e.log})
}

// dmTexts is the texts of the DMs the bot posted to user.
func dmTexts(e *e2e, user string) []string {
	var out []string
	for _, m := range e.sl.Messages(user) {
		out = append(out, m.Text)
	}
	return out
}

func TestE2ENudgeAtEachPersonsTime(t *testing.T) {
	e := newNudgesE2E(t)
	if got := e.slashText("nudge on", "UKAI"); !strings.Contains(got, "Daily nudge on") {
		t.Fatalf("/tt nudge on answered %q", got)
	}
	e.slashText("nudge on 10:00", "ULEA")
	e.slashText("nudge on", "UBOB") // New York; Bob logged nothing either, but he is on the exception list
	e.slashText("nudge on", "UANN") // Berlin
	if _, _, err := e.reporter.EditSettings(func(f *report.InForce) { f.Exclude["bob@example.com"] = true }); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name string
		at   time.Time
		want map[string]int // DMs so far
	}{
		// Auckland is UTC+13: Tuesday 10:00 there is Monday 21:00 UTC.
		{"auckland 09:59", time.Date(2026, 11, 2, 20, 59, 0, 0, time.UTC), map[string]int{"UKAI": 0, "ULEA": 0}},
		{"auckland 10:00", time.Date(2026, 11, 2, 21, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 0}},
		{"auckland 10:05, once a day", time.Date(2026, 11, 2, 21, 5, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 0}},
		// Los Angeles is UTC-8 since Sunday: 17:00 UTC is 09:00 there, not
		// 10:00 as it was under daylight saving time.
		// Berlin is UTC+1; New York UTC-5.
		{"berlin 10:00", time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "UANN": 1, "ULEA": 0}},
		{"new york 10:00, bob excluded", time.Date(2026, 11, 3, 15, 0, 0, 0, time.UTC), map[string]int{"UBOB": 0, "ULEA": 0}},
		{"los angeles 09:00 (10:00 before the change)", time.Date(2026, 11, 3, 17, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 0}},
		{"los angeles 10:00", time.Date(2026, 11, 3, 18, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 1}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			tick(t, e, e.bot.Nudges, s.at)
			for user, n := range s.want {
				if got := dmTexts(e, user); len(got) != n {
					t.Errorf("%s has %d DMs %q, want %d", user, len(got), got, n)
				}
			}
		})
	}
	if got := dmTexts(e, "UKAI"); len(got) != 1 || !strings.Contains(got[0], "yesterday (Mon 2 Nov) you logged 0 h") || !strings.Contains(got[0], "for that day is 5 h") {
		t.Errorf("Kai's nudge = %q, want Monday 2 Nov, 0h of 5h", got)
	}
	if got := dmTexts(e, "ULEA"); len(got) != 1 || !strings.Contains(got[0], "yesterday (Mon 2 Nov)") {
		t.Errorf("Lea's nudge = %q, want Monday 2 Nov", got)
	}
	// Kai's Log time button is for the day in question.
	msgs := e.sl.Messages("UKAI")
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Blocks), `"value":"2026-11-02"`) || !strings.Contains(string(msgs[0].Blocks), nudges.ActionSnooze) {
		t.Errorf("Kai's nudge blocks = %s, want Log time for 2026-11-02 and snooze", msgs[0].Blocks)
	}

	t.Run("restart sends nothing twice", func(t *testing.T) {
		tick(t, e, restarted(e), time.Date(2026, 11, 3, 18, 3, 0, 0, time.UTC))
		if got := dmTexts(e, "ULEA"); len(got) != 1 {
			t.Errorf("after a restart Lea has %d DMs, want 1", len(got))
		}
	})

	t.Run("snooze for a week", func(t *testing.T) {
		ch := e.sl.Messages("UKAI")[0]
		e.waitAck(e.send(slacktest.BlockAction("UKAI", nudges.ActionSnooze, "2026-11-02").
			With("container", map[string]any{"type": "message", "message_ts": ch.TS, "channel_id": ch.Channel}).
			With("channel", map[string]any{"id": ch.Channel}).
			With("message", map[string]any{"ts": ch.TS})))
		if _, err := e.sl.WaitCalls(e.ctx(), "chat.update", 1); err != nil {
			t.Fatalf("the nudge was not updated: %v\nlogs:\n%s", err, e.logs)
		}
		// Wednesday 10:00 in Auckland: Tuesday was empty too, but snoozed.
		tick(t, e, e.bot.Nudges, time.Date(2026, 11, 3, 21, 0, 0, 0, time.UTC))
		if got := dmTexts(e, "UKAI"); len(got) != 1 || !strings.Contains(got[0], "Snoozed") {
			t.Errorf("Kai's DMs after snoozing = %q, want the snoozed nudge only", got)
		}
	})

	t.Run("no nudge after a day off, when off, or on the exception list", func(t *testing.T) {
		// Saturday 10:00 in Los Angeles: Friday is empty, but Lea turned
		// it off.
		e.slashText("nudge off", "ULEA")
		tick(t, e, e.bot.Nudges, time.Date(2026, 11, 7, 18, 0, 0, 0, time.UTC))
		// Monday 10:00 in Los Angeles: yesterday was Sunday.
		e.slashText("nudge on", "ULEA")
		tick(t, e, e.bot.Nudges, time.Date(2026, 11, 9, 18, 0, 0, 0, time.UTC))
		if got := dmTexts(e, "ULEA"); len(got) != 1 {
			t.Errorf("Lea has %d DMs %q, want only Tuesday's", len(got), got)
		}
		if got := dmTexts(e, "UBOB"); len(got) != 0 {
			t.Errorf("Bob, on the exception list, got %q", got)
		}
	})
}

func TestE2EHeadsUpOnTheLastWorkingDay(t *testing.T) {
	e := newNudgesE2E(t)
	// The heads-up is opt-out: Kai and Lea used /tt once (so the bot
	// knows their Slack accounts); Bob opted out.
	e.slashText("headsup on", "UKAI")
	e.slashText("status", "ULEA")
	if got := e.slashText("headsup off", "UBOB"); !strings.Contains(got, "Heads-up off") {
		t.Fatalf("/tt headsup off answered %q", got)
	}
	w45 := weekly.WeekOf(time.Date(2026, 11, 6, 12, 0, 0, 0, time.UTC)).String()
	steps := []struct {
		name string
		at   time.Time
		want map[string]int
	}{
		// Friday 15:00 in Auckland (UTC+13) is Friday 02:00 UTC.
		{"thursday 15:00 in auckland", time.Date(2026, 11, 5, 2, 0, 0, 0, time.UTC), map[string]int{"UKAI": 0}},
		{"friday 14:59 in auckland", time.Date(2026, 11, 6, 1, 59, 0, 0, time.UTC), map[string]int{"UKAI": 0, "ULEA": 0}},
		{"friday 15:00 in auckland", time.Date(2026, 11, 6, 2, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 0}},
		{"friday 15:00 in new york, bob opted out", time.Date(2026, 11, 6, 20, 0, 0, 0, time.UTC), map[string]int{"UBOB": 0, "ULEA": 0}},
		// Los Angeles is UTC-8 since Sunday: 22:00 UTC is 14:00 there.
		{"friday 14:00 in los angeles", time.Date(2026, 11, 6, 22, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 0}},
		{"friday 15:00 in los angeles", time.Date(2026, 11, 6, 23, 0, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 1}},
		{"once a week", time.Date(2026, 11, 6, 23, 5, 0, 0, time.UTC), map[string]int{"UKAI": 1, "ULEA": 1}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			tick(t, e, e.bot.Nudges, s.at)
			for user, n := range s.want {
				if got := dmTexts(e, user); len(got) != n {
					t.Errorf("%s has %d DMs %q, want %d", user, len(got), got, n)
				}
			}
		})
	}
	t.Run("restart sends nothing twice", func(t *testing.T) {
		tick(t, e, restarted(e), time.Date(2026, 11, 6, 23, 8, 0, 0, time.UTC))
		if got := dmTexts(e, "ULEA"); len(got) != 1 {
			t.Errorf("after a restart Lea has %d DMs, want 1", len(got))
		}
	})
	got := dmTexts(e, "ULEA")
	if len(got) != 1 || !strings.Contains(got[0], "logged 0 h of your 25 h target") || !strings.Contains(got[0], "25 h are left") {
		t.Fatalf("Lea's heads-up = %q, want 0h of 25h, 25h left", got)
	}
	msg := e.sl.Messages("ULEA")[0]
	if !strings.Contains(string(msg.Blocks), `"value":"2026-11-06"`) || !strings.Contains(string(msg.Blocks), `"value":"`+w45+`"`) {
		t.Errorf("heads-up blocks = %s, want Log time for Friday and a reason for %s", msg.Blocks, w45)
	}

	t.Run("a reason for the manager", func(t *testing.T) {
		e.waitAck(e.send(slacktest.BlockAction("ULEA", nudges.ActionReason, w45)))
		if _, err := e.sl.WaitCalls(e.ctx(), "views.open", 1); err != nil {
			t.Fatalf("no reason modal: %v\nlogs:\n%s", err, e.logs)
		}
		ack := e.waitAck(e.send(slacktest.ViewSubmission("ULEA", nudges.CallbackReason, map[string]map[string]any{
			"reason": {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": "Moving house, agreed with Mia"}},
		}, w45)))
		if body := bottest.DecodeAck(t, ack); body.ResponseAction != "update" || len(body.Errors) > 0 {
			t.Errorf("reason submission answered %+v", body)
		}
		r, ok, err := report.LoadPersonReason(e.store, w45, "c-lea")
		if err != nil || !ok || r.Text != "Moving house, agreed with Mia" {
			t.Errorf("LoadPersonReason = %+v, %v, %v", r, ok, err)
		}
		// Monday's message shows it to the manager.
		e.clock.Set(time.Date(2026, 11, 9, 17, 0, 0, 0, time.UTC))
		rep, _, err := e.reporter.Build(e.ctx(), weekly.WeekOf(time.Date(2026, 11, 6, 12, 0, 0, 0, time.UTC)), e.now())
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range rep.Users {
			if u.ClockifyUserID != "c-lea" {
				continue
			}
			blocks, _ := report.WeeklyMessage(w45, u, report.MessageOptions{})
			js, _ := json.Marshal(blocks)
			if !strings.Contains(string(js), "Moving house, agreed with Mia") {
				t.Errorf("Lea's weekly message does not show her reason: %s", js)
			}
		}
	})
}

func TestE2ELogTime(t *testing.T) {
	e := newNudgesE2E(t)
	// Wednesday 2026-11-04 18:00 in Los Angeles.
	e.clock.Set(time.Date(2026, 11, 5, 2, 0, 0, 0, time.UTC))
	got := e.slashText("log 2h30m design yesterday -- review", "ULEA")
	if !strings.Contains(got, "Logged 2h 30m on *Design* on Tue 3 Nov (09:00–11:30)") || !strings.Contains(got, "total for that day is now 2h 30m") {
		t.Errorf("/tt log answered %q", got)
	}
	// Clockify has it, 09:00 PST = 17:00 UTC, and so has the store.
	es := e.cf.Entries("c-lea")
	if len(es) != 1 || !es[0].Start.Equal(time.Date(2026, 11, 3, 17, 0, 0, 0, time.UTC)) || es[0].End == nil ||
		es[0].End.Sub(es[0].Start) != 150*time.Minute || es[0].ProjectID != "p-design" || es[0].Description != "review" {
		t.Fatalf("Clockify entries of Lea = %+v", es)
	}
	stored, err := e.store.EntriesForUser("c-lea", time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC))
	if err != nil || len(stored) != 1 || stored[0].ID != es[0].ID {
		t.Errorf("store entries of Lea = %+v, %v", stored, err)
	}
	// The Home tab is published again with the new week.
	waitView(t, e, "ULEA", "2.5 h")
	// A second entry the same day adds up.
	if got := e.slashText("log 90m backend tue", "ULEA"); !strings.Contains(got, "now 4h 00m") {
		t.Errorf("second /tt log answered %q", got)
	}

	t.Run("refusals", func(t *testing.T) {
		e.cf.LockEntriesBefore(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
		for _, tc := range []struct{ text, want string }{
			{"log 25h", "from 1 minute to 24 hours"},
			{"log 30s", "from 1 minute to 24 hours"},
			{"log 1h 2026-11-06", "in the future"},
			{"log 20h today", "still to come"},
			{"log 1h old yesterday", "Old is archived in Clockify"},
			{"log 1h 2026-10-30", "Clockify says: Can't create time entry. Time entries before the lock date are locked."},
			{"log soon", "can't read “soon” as a duration"},
			{"log 1h zzz", "couldn't find an active project"},
			{"log 1h des yesterday", "Several projects match “des”: Design, Design review"},
		} {
			t.Run(tc.text, func(t *testing.T) {
				before := len(e.cf.Entries("c-lea"))
				if got := e.slashText(tc.text, "ULEA"); !strings.Contains(got, tc.want) {
					t.Errorf("/tt %s answered %q, want %q", tc.text, got, tc.want)
				}
				if n := len(e.cf.Entries("c-lea")); n != before {
					t.Errorf("a refused /tt %s created %d entries", tc.text, n-before)
				}
			})
		}
	})

	t.Run("the log time modal", func(t *testing.T) {
		e.waitAck(e.send(slacktest.BlockAction("ULEA", nudges.ActionLogTime, "2026-11-02")))
		if _, err := e.sl.WaitCalls(e.ctx(), "views.open", 1); err != nil {
			t.Fatalf("no modal: %v\nlogs:\n%s", err, e.logs)
		}
		view := lastCall(t, e, "views.open").Params.Get("view")
		bottest.CheckViewJSON(t, []byte(view))
		if !strings.Contains(view, `"initial_date":"2026-11-02"`) {
			t.Errorf("modal = %s, want the day of the button", view)
		}
		values := func(dur, start string) map[string]map[string]any {
			return map[string]map[string]any{
				"date":     {slackui.InputValue: map[string]any{"type": "datepicker", "selected_date": "2026-11-02"}},
				"duration": {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": dur}},
				"start":    {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": start}},
				"project":  {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": "backend"}},
			}
		}
		ack := e.waitAck(e.send(slacktest.ViewSubmission("ULEA", nudges.CallbackLogTime, values("25h", ""), "2026-11-02")))
		if body := bottest.DecodeAck(t, ack); !strings.Contains(body.Errors["duration"], "24 hours") {
			t.Errorf("25h answered %+v, want an error on the duration", body)
		}
		ack = e.waitAck(e.send(slacktest.ViewSubmission("ULEA", nudges.CallbackLogTime, values("1h", "13:00"), "2026-11-02")))
		body := bottest.DecodeAck(t, ack)
		if body.ResponseAction != "update" || !strings.Contains(body.ViewText(), "Logged 1h 00m on *Backend* on Mon 2 Nov (13:00–14:00)") {
			t.Errorf("submission answered %+v (%q)", body, body.ViewText())
		}
		found := false
		for _, en := range e.cf.Entries("c-lea") {
			found = found || en.Start.Equal(time.Date(2026, 11, 2, 21, 0, 0, 0, time.UTC)) && en.ProjectID == "p-backend"
		}
		if !found {
			t.Errorf("Clockify has no Backend entry at 13:00 PST on 2 Nov: %+v", e.cf.Entries("c-lea"))
		}
	})
}

func TestE2ENudgeToggleOnTheHomeTab(t *testing.T) {
	e := newNudgesE2E(t)
	e.waitAck(e.send(slacktest.AppHomeOpened("ULEA")))
	waitView(t, e, "ULEA", "*Daily nudge:* off")
	e.waitAck(e.send(slacktest.BlockAction("ULEA", "home_nudge", "on")))
	waitView(t, e, "ULEA", "*Daily nudge:* on, at 10:00 your time")
	e.waitAck(e.send(slacktest.BlockAction("ULEA", "home_headsup", "off")))
	waitView(t, e, "ULEA", "*Heads-up before the report:* off")

	// An admin turns the nudge on by default: Kai, who never chose, gets
	// it; a non-admin's press changes nothing.
	e.waitAck(e.send(slacktest.BlockAction("UKAI", "admin_nudge_default", "on")))
	waitView(t, e, "UKAI", "Only admins can change the default")
	e.waitAck(e.send(slacktest.BlockAction("UADMIN", "admin_nudge_default", "on")))
	waitView(t, e, "UADMIN", "*Daily nudge by default:* on")

	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 2, 21, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Auckland
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 3, 18, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Los Angeles
	for _, user := range []string{"UKAI", "ULEA"} {
		if got := dmTexts(e, user); len(got) != 1 || !strings.Contains(got[0], "A gentle nudge") {
			t.Errorf("%s's DMs = %q, want one nudge", user, got)
		}
	}
	// Lea turned the heads-up off on the Home tab.
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 6, 23, 0, 0, 0, time.UTC))
	if got := dmTexts(e, "ULEA"); len(got) != 1 {
		t.Errorf("Lea's DMs after Friday 15:00 = %q, want no heads-up", got)
	}
}

func TestE2ENoNudgeAfterAHolidayOrTimeOff(t *testing.T) {
	e := newE2E(t, withSeed(func(e *e2e) {
		newNudgesFixture(e)
		e.cf.AddHoliday(clockifytest.Holiday{ID: "h-kai", Name: "Show day", StartDate: "2026-11-02", UserIDs: []string{"c-kai"}})
		e.cf.AddTimeOff(clockifytest.TimeOff{ID: "to-lea", UserID: "c-lea", PolicyName: "Vacation",
			Start: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 3, 7, 59, 59, 0, time.UTC)})
	}))
	e.slashText("nudge on", "UKAI")
	e.slashText("nudge on", "ULEA")
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 2, 21, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Auckland
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 3, 18, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Los Angeles
	for _, user := range []string{"UKAI", "ULEA"} {
		if got := dmTexts(e, user); len(got) != 0 {
			t.Errorf("%s was nudged about a day off: %q", user, got)
		}
	}
	// Wednesday 10:00 in Auckland: Tuesday was an ordinary empty day.
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 3, 21, 0, 0, 0, time.UTC))
	if got := dmTexts(e, "UKAI"); len(got) != 1 || !strings.Contains(got[0], "Tue 3 Nov") {
		t.Errorf("Kai's DMs = %q, want Tuesday's nudge", got)
	}
}

func TestE2ENudgeRetriedAfterAFailedSend(t *testing.T) {
	e := newNudgesE2E(t)
	e.slashText("nudge on", "UKAI")
	// Slack refuses the first post: the ledger record is given back and
	// the next tick sends the nudge, once.
	e.sl.FailMethod("chat.postMessage", "internal_error", 1)
	e.clock.Set(time.Date(2026, 11, 2, 21, 0, 0, 0, time.UTC))
	if err := e.bot.Nudges.SendDue(e.ctx()); err == nil {
		t.Fatal("SendDue with Slack failing = nil, want the error")
	}
	if got := dmTexts(e, "UKAI"); len(got) != 0 {
		t.Fatalf("Kai's DMs after a failed post = %q", got)
	}
	tick(t, e, e.bot.Nudges, time.Date(2026, 11, 2, 21, 1, 0, 0, time.UTC))
	tick(t, e, restarted(e), time.Date(2026, 11, 2, 21, 2, 0, 0, time.UTC))
	if got := dmTexts(e, "UKAI"); len(got) != 1 {
		t.Errorf("Kai's DMs = %q, want one nudge", got)
	}
}
