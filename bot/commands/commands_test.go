package commands

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

func TestCommandsStartStopStatusToday(t *testing.T) {
	e := newCmdEnv(t)
	steps := []struct {
		name    string
		advance time.Duration
		text    string
		want    string
	}{
		{"start with a description", 0, "start design -- fixing the login page", "Started *Design*.\n> fixing the login page"},
		{"start stops the running timer", 80 * time.Minute, "START backend", "Stopped *Design* after 1h 20m and started *Backend*."},
		{"status right after", 0, "status", ":stopwatch: *Backend* is running: 0m (since 16:25).\n*Today:* 1h 20m"},
		{"status later", 30 * time.Minute, "Status", ":stopwatch: *Backend* is running: 30m (since 16:25).\n*Today:* 1h 50m"},
		{"today per project", 0, "today", "*Today* (Wed Nov 18): *1h 50m*\n• Design: 1h 20m\n• Backend: 30m :stopwatch:"},
		{"stop", 0, "stop", "Stopped *Backend* after 30m. Today so far: 1h 50m."},
		{"stop again", 0, "stop", "No timer is running, nothing to stop. Start one with `/tt start [project]`."},
		{"status without a timer", 0, "status", "No timer is running. Start one with `/tt start [project]`.\n*Today:* 1h 50m"},
	}
	for _, s := range steps {
		e.clock.Advance(s.advance)
		if got := e.text(t, "UANN", s.text); got != s.want {
			t.Fatalf("%s: /tt %s mismatch:\n got %q\nwant %q", s.name, s.text, got, s.want)
		}
	}

	starts := e.startRequests(t)
	if len(starts) != 2 {
		t.Fatalf("Clockify received %d starts, want 2: %v", len(starts), starts)
	}
	wants := []struct{ project, desc string }{{"p-design", "fixing the login page"}, {"p-backend", ""}}
	for i, w := range wants {
		s := starts[i]
		if s["_path"] != "/api/v1/workspaces/ws-1/user/u-ann/time-entries" || s["projectId"] != w.project || (s["description"] != nil && s["description"] != w.desc) {
			t.Errorf("start %d = %v, want user u-ann, project %s, description %q", i, s, w.project, w.desc)
		}
	}
	if _, running := e.cf.Running("u-ann"); running {
		t.Error("Clockify still runs Ann's timer after /tt stop")
	}
	entries := e.cf.Entries("u-ann")
	if len(entries) != 2 || entries[0].ProjectID != "p-design" || entries[1].ProjectID != "p-backend" {
		t.Fatalf("Clockify entries of Ann = %+v, want Design then Backend", entries)
	}
	if got := entries[0].End.Sub(entries[0].Start); got != 80*time.Minute {
		t.Errorf("Design entry lasted %v, want 1h20m", got)
	}
	if _, running, _ := e.st.RunningFor("u-ann"); running {
		t.Error("the store still has a running timer for Ann")
	}
	stored, err := e.st.EntriesForUser("u-ann", cmdNow.Add(-time.Hour), cmdNow.Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 2 {
		t.Errorf("store has %d finished entries of Ann, want 2: %+v", len(stored), stored)
	}
	if len(e.cf.Entries("u-bob")) != 0 {
		t.Error("Bob got entries from Ann's commands")
	}
}

func TestCommandsStoreOnlyAnswersDoNotCallClockify(t *testing.T) {
	e := newCmdEnv(t)
	e.putEntry(t, "e1", "u-ann", "p-design", cmdNow.Add(-5*time.Hour), 2*time.Hour)
	e.putEntry(t, "e2", "u-ann", "", cmdNow.Add(-3*time.Hour), 30*time.Minute)
	for _, text := range []string{"status", "today", "week", "help", "notify", "summary"} {
		e.text(t, "UANN", text)
	}
	if n := e.cf.Requests(); n != 0 {
		t.Errorf("store-only commands sent %d requests to Clockify, want 0: %+v", n, e.cf.RequestLog())
	}
	want := "*Today* (Wed Nov 18): *2h 30m*\n• Design: 2h 00m\n• _No project_: 30m"
	if got := e.text(t, "UANN", "today"); got != want {
		t.Errorf("today mismatch:\n got %q\nwant %q", got, want)
	}
}

func TestCommandsTodayUsesTheUsersZone(t *testing.T) {
	e := newCmdEnv(t)
	// 23:30 UTC on the 17th is 00:30 on the 18th in Berlin: today for Ann,
	// yesterday for Bob (UTC).
	late := time.Date(2026, 11, 17, 23, 30, 0, 0, time.UTC)
	e.putEntry(t, "a1", "u-ann", "p-docs", late, time.Hour)
	e.putEntry(t, "b1", "u-bob", "p-docs", late, time.Hour)
	if got, want := e.text(t, "UANN", "today"), "*Today* (Wed Nov 18): *1h 00m*\n• Docs: 1h 00m"; got != want {
		t.Errorf("Ann's today = %q, want %q", got, want)
	}
	if got, want := e.text(t, "UBOB", "today"), "*Today* (Wed Nov 18): *30m*\n• Docs: 30m"; got != want {
		t.Errorf("Bob's today = %q, want %q", got, want)
	}
}

func TestCommandsStartWithoutProject(t *testing.T) {
	e := newCmdEnv(t)
	if got, want := e.text(t, "UBOB", "start -- reading mail"), "Started a timer without a project.\n> reading mail"; got != want {
		t.Errorf("start without project = %q, want %q", got, want)
	}
	run, ok := e.cf.Running("u-bob")
	if !ok || run.ProjectID != "" || run.Description != "reading mail" {
		t.Errorf("Clockify running timer of Bob = %+v, %v; want no project, \"reading mail\"", run, ok)
	}
	if got, want := e.text(t, "UBOB", "status"), ":stopwatch: A timer without a project is running: 0m (since 14:05).\n> reading mail\n*Today:* 0m"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
}

func TestCommandsClockifyRefusals(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, e *cmdEnv)
		text    string
		want    string
		running bool // Bob's timer runs in Clockify afterwards
	}{
		{
			name:  "project required",
			setup: func(t *testing.T, e *cmdEnv) { e.cf.SetRequireProject(true) },
			text:  "start",
			want:  "Clockify says: Project is required. This workspace needs a project on every timer: try `/tt start [project]`.",
		},
		{
			name: "archived since the last sync",
			text: "start mobile",
			want: "Clockify says: Project is archived.",
		},
		{
			name: "archived in the store",
			text: "start legacy",
			want: "*Legacy* is archived in Clockify, so I can't start a timer on it.",
		},
		{
			name: "clockify down",
			setup: func(t *testing.T, e *cmdEnv) {
				e.cf.InjectFault(clockifytest.Fault{PathContains: "time-entries", Method: "POST", Status: 503})
			},
			text: "start docs",
			want: "Clockify had a problem (status 503), so I couldn't start your timer. Please try again in a minute.",
		},
		{
			name: "stop refused",
			setup: func(t *testing.T, e *cmdEnv) {
				e.cf.InjectFault(clockifytest.Fault{PathContains: "time-entries", Method: "PATCH", Status: 403})
			},
			text: "start docs",
			want: "Clockify refused my access (status 403), so I couldn't stop your running timer. Ask an admin to check the bot's Clockify API key.",
		},
		{
			name: "running timer stopped, new one refused",
			setup: func(t *testing.T, e *cmdEnv) {
				e.text(t, "UBOB", "start docs")
				e.clock.Advance(20 * time.Minute)
				e.cf.SetRequireProject(true)
			},
			text: "start",
			want: "Stopped *Docs* after 20m, but I couldn't start the new one. Clockify says: Project is required. This workspace needs a project on every timer: try `/tt start [project]`.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newCmdEnv(t)
			if tc.setup != nil {
				tc.setup(t, e)
			}
			got := e.text(t, "UBOB", tc.text)
			if got != tc.want {
				t.Errorf("/tt %s mismatch:\n got %q\nwant %q", tc.text, got, tc.want)
			}
			if strings.ContainsAny(got, "{}") || strings.Contains(got, "code") {
				t.Errorf("answer looks like raw Clockify output: %q", got)
			}
			if _, running := e.cf.Running("u-bob"); running != tc.running {
				t.Errorf("Bob's timer running = %v, want %v", running, tc.running)
			}
			if _, running, _ := e.st.RunningFor("u-bob"); running != tc.running {
				t.Errorf("store: Bob's timer running = %v, want %v", running, tc.running)
			}
		})
	}
}

func TestCommandsUnmapped(t *testing.T) {
	e := newCmdEnv(t)
	tests := []struct{ user, text, want string }{
		{"UADA", "start design", "I couldn't find your Clockify account: your Slack email (ada@example.com) isn't a member of the Clockify workspace. Ask an admin to run `/tt admin map @you your-clockify-email`."},
		{"UNORA", "status", "I couldn't find your Clockify account: your Slack email (nora@home.example) isn't a member of the Clockify workspace. Ask an admin to run `/tt admin map @you your-clockify-email`."},
		{"UNOE", "stop", "I couldn't find your Clockify account: I can't see an email on your Slack profile. Ask an admin to run `/tt admin map @you your-clockify-email`."},
		{"UNOBODY", "today", "I couldn't look up your Slack profile just now. Please try again in a minute."},
	}
	for _, tc := range tests {
		if got := e.text(t, tc.user, tc.text); got != tc.want {
			t.Errorf("%s /tt %s mismatch:\n got %q\nwant %q", tc.user, tc.text, got, tc.want)
		}
	}
	if n := len(e.startRequests(t)); n != 0 {
		t.Errorf("unmapped users started %d timers", n)
	}
}

func TestCommandsHelpAndUnknown(t *testing.T) {
	e := newCmdEnv(t)
	help := e.text(t, "UANN", "help")
	for _, want := range []string{"/tt start [project] [-- description]", "/tt stop", "/tt status", "/tt today", "/tt week", "/tt notify on|off", "/tt summary HH:MM|off", "<https://app.clockify.me|Open Clockify>"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	if got := e.text(t, "UANN", ""); got != help {
		t.Errorf("empty /tt = %q, want the help", got)
	}
	if got := e.text(t, "UANN", "HELP"); got != help {
		t.Errorf("/tt HELP = %q, want the help", got)
	}
	if got, want := e.text(t, "UANN", "dance <!here>"), "I don't know “dance”.\n\n"+help; got != want {
		t.Errorf("unknown = %q, want %q", got, want)
	}
}
