package bot

// `/tt` end to end: the commands registered on the real Socket Mode runtime,
// driven through the fake Slack's websocket, against the fake Clockify.

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/commands"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// withCommands sets NOTIFY_CHANNEL from cfg and keeps the bot's Commands
// in *out.
func withCommands(cfg commands.Config, out **commands.Commands) e2eOption {
	return func(e *e2e) {
		e.notify = cfg.NotifyChannel
		if out != nil {
			e.routes = append(e.routes, func(e *e2e) { *out = e.bot.Commands })
		}
	}
}

// e2eStarts returns the timer starts the fake Clockify received, as
// "path project description".
func e2eStarts(t *testing.T, e *e2e) []string {
	t.Helper()
	var out []string
	for _, r := range e.cf.RequestLog() {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.Path, "/time-entries") {
			continue
		}
		var body struct{ ProjectID, Description string }
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("start body %s: %v", r.Body, err)
		}
		out = append(out, r.Path+" "+body.ProjectID+" "+body.Description)
	}
	return out
}

func TestCommandsE2E(t *testing.T) {
	e := newE2E(t, withCommands(commands.Config{}, nil))
	ack := bottest.DecodeAck(t, e.slash("start design -- wireframes", "UANN"))
	if ack.ResponseType != "ephemeral" || ack.Text != "Started *Design*.\n> wireframes" {
		t.Fatalf("start ack = %+v, want the ephemeral \"Started *Design*.\"", ack)
	}
	run, ok := e.cf.Running("c-ann")
	if !ok || run.ProjectID != "p-design" || run.Description != "wireframes" {
		t.Fatalf("Clockify timer of Ann = %+v, %v; want Design, \"wireframes\"", run, ok)
	}
	if got, want := e2eStarts(t, e), []string{"/api/v1/workspaces/ws-1/user/c-ann/time-entries p-design wireframes"}; strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("starts = %q, want %q", got, want)
	}

	e.clock.Advance(30 * time.Minute)
	steps := []struct{ user, text, want string }{
		{"UANN", "status", ":stopwatch: *Design* is running: 30m (since 11:00).\n> wireframes\n*Today:* 2h 30m"},
		{"UANN", "today", "*Today* (Wed Nov 18): *2h 30m*\n• Backend: 2h 00m\n• Design: 30m :stopwatch:"},
		{"UZOE", "start design", "I couldn't find your Clockify account: your Slack email (zoe@example.com) isn't a member of the Clockify workspace. Ask an admin to run `/tt admin map @you your-clockify-email`."},
	}
	for _, s := range steps {
		if got := e.slashText(s.text, s.user); got != s.want {
			t.Errorf("%s /tt %s ack mismatch:\n got %q\nwant %q", s.user, s.text, got, s.want)
		}
	}

	// A forced reconnect in the middle: the next command arrives on the
	// second connection and is answered there.
	if err := e.sl.Disconnect(); err != nil {
		t.Fatalf("Disconnect() error: %v", err)
	}
	if err := e.sl.WaitConnected(e.ctx(), 2); err != nil {
		t.Fatalf("no reconnection: %v\nlogs:\n%s", err, e.logs)
	}
	stopAck := e.slash("stop", "UANN")
	if got, want := bottest.DecodeAck(t, stopAck).Text, "Stopped *Design* after 30m. Today so far: 2h 30m."; got != want {
		t.Errorf("stop ack = %q, want %q", got, want)
	}
	if stopAck.Conn != 2 {
		t.Errorf("stop acknowledged on connection %d, want 2", stopAck.Conn)
	}
	if _, running := e.cf.Running("c-ann"); running {
		t.Error("Clockify still runs Ann's timer after /tt stop")
	}
	if got, want := e.slashText("stop", "UANN"), "No timer is running, nothing to stop. Start one with `/tt start [project]`."; got != want {
		t.Errorf("second stop = %q, want %q", got, want)
	}

	week := e.slashText("week", "UANN")
	if first, want := strings.SplitN(week, "\n", 2)[0], "*Your week* 2026-W47 (Nov 16 – 22): *6.5 h* of 25 h so far, 18.5 h to go."; first != want {
		t.Errorf("week first line = %q, want %q\n%s", first, want, week)
	}
	if !strings.Contains(week, "Tue 17") || !strings.Contains(week, "day off") {
		t.Errorf("week lacks the per-day chart with Tuesday off:\n%s", week)
	}
	if got, want := e.slashText("week <@UANN|ann>", "UMIA"), strings.Replace(week, "*Your week*", "*Ann Smith's week*", 1); got != want {
		t.Errorf("Ann's week seen by her manager mismatch:\n got %q\nwant %q", got, want)
	}
	if got, want := e.slashText("week <@UANN|ann>", "UBOB"), "Only managers of <@UANN> can see their week."; got != want {
		t.Errorf("Ann's week seen by Bob = %q, want %q", got, want)
	}
	if n := len(e.sl.ResponseURLPosts()); n != 0 {
		t.Errorf("%d response_url posts: every answer should have come in the acknowledgement", n)
	}
}

// ackButtons decodes the buttons of an acknowledgement's blocks.
func ackButtons(t *testing.T, ack slacktest.Ack) []struct{ ActionID, Value, Label string } {
	t.Helper()
	var p struct {
		Blocks []struct {
			Type     string `json:"type"`
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
				Text     struct {
					Text string `json:"text"`
				} `json:"text"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(ack.Payload, &p); err != nil {
		t.Fatalf("ack payload %s: %v", ack.Payload, err)
	}
	var out []struct{ ActionID, Value, Label string }
	for _, b := range p.Blocks {
		if b.Type != "actions" {
			continue
		}
		for _, el := range b.Elements {
			out = append(out, struct{ ActionID, Value, Label string }{el.ActionID, el.Value, el.Text.Text})
		}
	}
	var raw map[string]any
	if err := json.Unmarshal(ack.Payload, &raw); err != nil {
		t.Fatal(err)
	}
	blocks, _ := raw["blocks"].([]any)
	bottest.CheckBlockList(t, blocks, bottest.MessageLimits)
	return out
}

func TestCommandsE2EAmbiguousProjectButtons(t *testing.T) {
	e := newE2E(t, withCommands(commands.Config{}, nil))
	ack := e.slash("start des -- specs", "UBOB")
	if got, want := bottest.DecodeAck(t, ack).Text, "Several projects match “des”. Which one?"; got != want {
		t.Errorf("ack text = %q, want %q", got, want)
	}
	buttons := ackButtons(t, ack)
	if len(buttons) != 2 || buttons[0].Label != "Design" || buttons[1].Label != "Design review" ||
		buttons[1].ActionID != "tt_start_project:1" || buttons[1].Value != "p-review|specs" {
		t.Fatalf("buttons = %+v, want Design and Design review", buttons)
	}
	if n := len(e2eStarts(t, e)); n != 0 {
		t.Fatalf("%d starts before the click, want 0", n)
	}

	// The click comes from the ephemeral message, with the response_url
	// Slack hands out for it.
	click := slacktest.BlockAction("UBOB", buttons[1].ActionID, buttons[1].Value).
		With("container", map[string]any{"type": "message", "is_ephemeral": true}).
		With("response_url", e.sl.URL+"/response/1")
	e.waitAck(e.send(click))
	posts, err := e.sl.WaitResponse(e.ctx(), 1)
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, e.logs)
	}
	p := posts[0].JSON
	if p["text"] != "Started *Design review*.\n> specs" || p["replace_original"] != true {
		t.Errorf("click answer = %v, want \"Started *Design review*.\" replacing the buttons", p)
	}
	if run, ok := e.cf.Running("c-bob"); !ok || run.ProjectID != "p-review" || run.Description != "specs" {
		t.Errorf("Clockify timer of Bob = %+v, %v; want Design review, \"specs\"", run, ok)
	}
	if got, want := e.slashText("status", "UBOB"), ":stopwatch: *Design review* is running: 0m (since 05:00).\n> specs\n*Today:* 0m"; got != want {
		t.Errorf("status after the click = %q, want %q", got, want)
	}
}

func TestCommandsE2ESlowClockifyAnswersThroughResponseURL(t *testing.T) {
	e := newE2E(t, withCommands(commands.Config{}, nil), withSocketConfig(slackapp.Config{AckBudget: 50 * time.Millisecond}))
	e.cf.InjectFault(clockifytest.Fault{Method: http.MethodPost, PathContains: "/time-entries", Delay: 500 * time.Millisecond, Times: 1})
	ack := bottest.DecodeAck(t, e.slash("start backend", "UANN"))
	if !strings.Contains(ack.Text, "Working on it") {
		t.Errorf("ack of a slow start = %q, want the working note", ack.Text)
	}
	posts, err := e.sl.WaitResponse(e.ctx(), 1)
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, e.logs)
	}
	if got := posts[0].JSON["text"]; got != "Started *Backend*." {
		t.Errorf("response_url text = %v, want \"Started *Backend*.\"", got)
	}
	if run, ok := e.cf.Running("c-ann"); !ok || run.ProjectID != "p-backend" {
		t.Errorf("Clockify timer of Ann = %+v, %v; want Backend", run, ok)
	}
}

func TestCommandsE2ENotifications(t *testing.T) {
	var cmds *commands.Commands
	e := newE2E(t, withCommands(commands.Config{NotifyChannel: "CTIMERS"}, &cmds), withSeed(func(e *e2e) {
		e.sl.AddChannel("CTIMERS", "timers", false, e.sl.BotUserID)
	}))
	e.slashText("notify on", "UANN")
	e.slashText("start design", "UANN")
	e.clock.Advance(65 * time.Minute)
	e.slashText("stop", "UANN")
	e.notices.Wait()
	var got []string
	for _, m := range e.sl.Messages("CTIMERS") {
		got = append(got, m.Text)
	}
	want := []string{
		":stopwatch: *Ann Smith* started a timer\n*Project:* Design\n*Started at:* 11:00",
		":white_check_mark: *Ann Smith* stopped a timer\n*Project:* Design\n*Duration:* 1h 05m\n*Billable:* Yes",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("notifications mismatch (-want +got):\n-%q\n+%q", want, got)
	}
}
