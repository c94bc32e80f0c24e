package bot

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/actions"
	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/home"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// newHomeE2E starts the whole bot with the Home tab and the manager
// buttons registered; Ann's timer runs on Design since 09:30 UTC.
func newHomeE2E(t *testing.T) (*e2e, *home.Home) {
	t.Helper()
	e := newE2E(t,
		withSeed(func(e *e2e) {
			e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-run", UserID: "c-ann", ProjectID: "p-design", Description: "Standup",
				Start: time.Date(2026, 11, 18, 9, 30, 0, 0, time.UTC)})
		}),
	)
	return e, e.bot.Home
}

// waitView waits until user's published Home tab holds want.
func waitView(t *testing.T, e *e2e, user, want string) string {
	t.Helper()
	var last string
	for n := 1; ; n++ {
		calls, err := e.sl.WaitCalls(e.ctx(), "views.publish", n)
		if err != nil {
			t.Fatalf("Home tab of %s never held %q; last one:\n%s\nlogs:\n%s", user, want, last, e.logs)
		}
		c := calls[n-1]
		if c.Params.Get("user_id") != user {
			continue
		}
		last = string(bottest.UnescapeHTMLJSON(t, []byte(c.Params.Get("view"))))
		if strings.Contains(last, want) {
			return last
		}
	}
}

func TestE2EHomeTab(t *testing.T) {
	e, _ := newHomeE2E(t)

	// Opening the Home tab publishes it.
	e.waitAck(e.send(slacktest.AppHomeOpened("UANN")))
	view := waitView(t, e, "UANN", "*Running:* Design — Standup")
	for _, w := range []string{"Started at 10:30", "*Today:* 2.5 h", "*This week* (2026-W47): *6.5 h* of a 25 h target", "Next weekly report: Mon Nov 23, 09:00 (UTC)"} {
		if !strings.Contains(view, w) {
			t.Errorf("Home tab lacks %q:\n%s", w, view)
		}
	}
	bottest.CheckViewJSON(t, []byte(lastCall(t, e, "views.publish").Params.Get("view")))

	// Stop.
	e.waitAck(e.send(slacktest.BlockAction("UANN", home.ActionHomeStop, "stop")))
	waitView(t, e, "UANN", "Timer stopped: Design, 30m.")
	if _, running := e.cf.Running("c-ann"); running {
		t.Error("Clockify still runs Ann's timer")
	}

	// Start: the button opens the modal, the submission starts the timer.
	e.waitAck(e.send(slacktest.BlockAction("UANN", home.ActionHomeStart, "start")))
	// It opens loading at once (the trigger_id lasts 3 s), then shows the projects.
	if _, err := e.sl.WaitCalls(e.ctx(), "views.update", 1); err != nil {
		t.Fatal(err)
	}
	bottest.CheckViewJSON(t, []byte(lastCall(t, e, "views.update").Params.Get("view")))
	ack := e.waitAck(e.send(slacktest.ViewSubmission("UANN", home.CallbackStart, map[string]map[string]any{
		home.BlockStartProject:     {home.ActionProjectPicker: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "p-backend"}}},
		home.BlockStartDescription: {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": "API review"}},
	}, "")))
	if body := bottest.DecodeAck(t, ack); body.ResponseAction != "" || len(body.Errors) > 0 {
		t.Errorf("Start submission answered %+v, want the modal closed", body)
	}
	got, running := e.cf.Running("c-ann")
	if !running || got.ProjectID != "p-backend" || got.Description != "API review" {
		t.Errorf("Clockify runs %+v, %v; want Backend \"API review\"", got, running)
	}
	waitView(t, e, "UANN", "*Running:* Backend — API review")
}

func TestE2EManagerButtons(t *testing.T) {
	e, _ := newHomeE2E(t)
	// Deliver 2026-W46: Ann logged nothing, her message goes to a group DM
	// with Mia.
	w46 := weekly.Week{Year: 2026, Num: 46}
	rep, _, err := e.reporter.Build(e.ctx(), w46, e.now())
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
	message := func() slacktest.Message {
		for _, m := range e.sl.Messages(rec.Channel) {
			if m.TS == rec.TS {
				return m
			}
		}
		t.Fatal("Ann's message is gone")
		return slacktest.Message{}
	}
	press := func(user, actionID string) string {
		m := message()
		var blocks any
		_ = json.Unmarshal(m.Blocks, &blocks)
		env := slacktest.BlockAction(user, actionID, "2026-W46|c-ann").
			With("container", map[string]any{"type": "message", "channel_id": rec.Channel, "message_ts": rec.TS}).
			With("channel", map[string]any{"id": rec.Channel}).
			With("message", map[string]any{"ts": m.TS, "text": m.Text, "blocks": blocks})
		id := e.send(env)
		e.waitAck(id)
		return id
	}

	// A stranger (not in the group DM) is told in a DM; nothing changes.
	updates := len(e.sl.Calls("chat.update"))
	press("UZOE", report.ActionAcknowledge)
	waitDM(t, e, "UZOE", "Only managers of <@UANN> can do this.")
	if got, _, _ := e.store.Delivery("2026-W46", "c-ann"); got.AckBy != "" {
		t.Errorf("a stranger's press acknowledged the week: %+v", got)
	}
	if n := len(e.sl.Calls("chat.update")) - updates; n != 0 {
		t.Errorf("a stranger's press updated %d messages", n)
	}

	// Mia acknowledges: the ledger records it and the message says so.
	press("UMIA", report.ActionAcknowledge)
	waitView(t, e, "UMIA", "acknowledged by <@UMIA>") // published after the message was updated
	if got, _, _ := e.store.Delivery("2026-W46", "c-ann"); got.AckBy != "UMIA" || !got.AckAt.Equal(e2eNow) {
		t.Errorf("ledger = %+v, want acknowledged by UMIA at %v", got, e2eNow)
	}
	if m := message(); !strings.Contains(string(bottest.UnescapeHTMLJSON(t, m.Blocks)), "Acknowledged by <@UMIA>, Wed 10:00") {
		t.Errorf("the message does not show the acknowledgement: %s", m.Blocks)
	}
	audit, _ := e.store.RecentAudit(10)
	if len(audit) != 2 || audit[0].Actor != "UMIA" || audit[1].Actor != "UZOE" || !strings.HasPrefix(audit[1].Detail, store.AuditRefused) {
		t.Errorf("audit = %+v, want Zoe refused then Mia's acknowledgement", audit)
	}

	// Mia changes Ann's target: the next report uses it.
	// The modal opens loading, then views.update shows its content.
	opens := len(e.sl.Calls("views.update"))
	press("UMIA", report.ActionAdjustTarget)
	if _, err := e.sl.WaitCalls(e.ctx(), "views.update", opens+1); err != nil {
		t.Fatal(err)
	}
	raw := []byte(lastCall(t, e, "views.update").Params.Get("view"))
	var modal struct {
		PrivateMetadata string `json:"private_metadata"`
	}
	if err := json.Unmarshal(raw, &modal); err != nil {
		t.Fatal(err)
	}
	ack := e.waitAck(e.send(slacktest.ViewSubmission("UMIA", actions.CallbackTarget, map[string]map[string]any{
		actions.BlockTargetHours: {slackui.InputValue: map[string]any{"type": "number_input", "value": "4"}},
	}, modal.PrivateMetadata)))
	if body := bottest.DecodeAck(t, ack); len(body.Errors) > 0 {
		t.Fatalf("target submission refused: %+v", body)
	}
	next, _, err := e.reporter.Build(e.ctx(), weekly.Week{Year: 2026, Num: 47}, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range next.Users {
		if u.ClockifyUserID == "c-ann" && (u.TargetHours != 4 || slices.Contains(u.Reasons, weekly.ReasonUnderHours)) {
			t.Errorf("Ann in the next report: target %v h, reasons %v; want 4 h and not under hours", u.TargetHours, u.Reasons)
		}
	}
}

// lastCall is the last recorded call of method.
func lastCall(t *testing.T, e *e2e, method string) slacktest.Call {
	t.Helper()
	calls := e.sl.Calls(method)
	if len(calls) == 0 {
		t.Fatalf("no %s call", method)
	}
	return calls[len(calls)-1]
}

// waitDM waits for a direct message to user holding want.
func waitDM(t *testing.T, e *e2e, user, want string) {
	t.Helper()
	// The fake records a call before it stores the message: look at the
	// calls, one by one, not at the conversation, which may lag behind.
	ctx, cancel := context.WithTimeout(e.ctx(), 10*time.Second)
	defer cancel()
	for n := 1; ; n++ {
		calls, err := e.sl.WaitCalls(ctx, "chat.postMessage", n)
		if err != nil {
			t.Fatalf("no direct message to %s holding %q: %v\nlogs:\n%s", user, want, err, e.logs)
		}
		if c := calls[n-1]; c.Params.Get("channel") == user && strings.Contains(c.Params.Get("text"), want) {
			return
		}
	}
}

func TestE2EHomeTabFollowsSlashStop(t *testing.T) {
	e := newE2E(t,
		withSeed(func(e *e2e) {
			e.cf.AddEntry(clockifytest.Entry{ID: "e-ann-run", UserID: "c-ann", ProjectID: "p-design",
				Start: time.Date(2026, 11, 18, 9, 30, 0, 0, time.UTC)})
		}),
	)
	if _, err := e.sl.Send(slacktest.AppHomeOpened("UANN")); err != nil {
		t.Fatal(err)
	}
	waitView(t, e, "UANN", "Stop")
	// Stopping with /tt re-publishes the tab without the running timer.
	e.slash("stop", "UANN")
	waitView(t, e, "UANN", "No timer running")
}
