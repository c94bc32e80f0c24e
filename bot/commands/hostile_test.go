package commands

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileParts are substrings a reply must never carry as they are.
var hostileParts = []string{"<!channel>", "<!here>", "<http://x|y>", "<@UBOB>", "\x00", "\x1b", "\u202e"}

func TestCommandsHostileInputNeverEchoed(t *testing.T) {
	big := strings.Repeat("<!channel>", 410) // 4100 bytes
	tests := []struct {
		name, user, text string
		contains         string // a part the answer must have
		stripNote        bool   // the answer says control characters were removed
	}{
		{"over 4 KB", "UANN", "start design -- " + big, "over 4 KB", false},
		{"control characters", "UANN", "start \x00\x1b[31m", "[31m", true},
		{"control characters in the subcommand", "UANN", "st\x00art\x1b docs", "Started *Docs*", true},
		{"right-to-left override", "UANN", "start \u202edesign", "Started *Design*", true},
		{"channel mention as project", "UANN", "start <!channel>", "&lt;!channel&gt;", false},
		{"mrkdwn injection as project", "UANN", "start *bold* <http://x|y>", "&lt;http://x|y&gt;", false},
		{"user mention as project", "UANN", "start <@UBOB>", "&lt;@UBOB&gt;", false},
		{"hostile description", "UANN", "start design -- <!channel> *bold* <http://x|y>", "&lt;!channel&gt; *bold* &lt;http://x|y&gt;", false},
		{"hostile subcommand", "UANN", "<!here> now", "&lt;!here&gt;", false},
		{"hostile week argument", "UANN", "week <http://x|y>", "&lt;http://x|y&gt;", false},
		{"hostile notify argument", "UANN", "notify <!channel>", "&lt;!channel&gt;", false},
		{"hostile summary argument", "UANN", "summary <!channel>", "&lt;!channel&gt;", false},
		{"hostile admin arguments", "UADA", "admin map <!channel> <http://x|y>", "&lt;!channel&gt;", false},
		{"hostile email", "UADA", "admin map <@UNORA> <http://x|y>", "&lt;http://x|y&gt;", false},
		{"long echo is cut", "UANN", "start " + strings.Repeat("x", 3000), "…", false},
		{"invalid UTF-8", "UANN", "start design -- caf\xe9", "Started *Design*", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newCmdEnv(t)
			msg := e.run(t, tc.user, tc.text)
			got := msg.Text
			for _, part := range hostileParts {
				if strings.Contains(got, part) {
					t.Errorf("answer carries %q as it is:\n%q", part, got)
				}
			}
			if !utf8.ValidString(got) {
				t.Errorf("answer is not valid UTF-8: %q", got)
			}
			if !strings.Contains(got, tc.contains) {
				t.Errorf("answer lacks %q:\n%q", tc.contains, got)
			}
			if note := "I removed control or invalid characters"; strings.Contains(got, note) != tc.stripNote {
				t.Errorf("answer mentions removed control characters = %v, want %v:\n%q", !tc.stripNote, tc.stripNote, got)
			}
			if len(got) > 1500 {
				t.Errorf("answer is %d bytes: long input is echoed in full", len(got))
			}
		})
	}
}

func TestCommandsHostileDescriptionReachesClockifyAsData(t *testing.T) {
	e := newCmdEnv(t)
	desc := "<!channel> *bold* <http://x|y> & more"
	got := e.text(t, "UANN", "start design -- "+desc)
	if want := "Started *Design*.\n> &lt;!channel&gt; *bold* &lt;http://x|y&gt; &amp; more"; got != want {
		t.Errorf("answer = %q, want %q", got, want)
	}
	run, ok := e.cf.Running("u-ann")
	if !ok || run.Description != desc {
		t.Errorf("Clockify description = %q, want %q as typed", run.Description, desc)
	}
	if got := e.text(t, "UANN", "status"); strings.Contains(got, "<!channel>") || !strings.Contains(got, "&lt;!channel&gt;") {
		t.Errorf("status shows the description unescaped: %q", got)
	}
	if n := len(e.startRequests(t)); n != 1 {
		t.Errorf("%d starts, want 1", n)
	}
}

func TestCommandsOversizedInputIsRefusedBeforeClockify(t *testing.T) {
	e := newCmdEnv(t)
	got := e.text(t, "UANN", "start design -- "+strings.Repeat("a", 4097))
	if want := "That's more text than I can take (over 4 KB). Keep it short, for example `/tt start design -- fixing the login page`."; got != want {
		t.Errorf("answer = %q, want %q", got, want)
	}
	if n := e.cf.Requests(); n != 0 {
		t.Errorf("oversized input sent %d requests to Clockify", n)
	}
}

// TestCommandsLongDescriptionIsRefusedBeforeClockify checks that a
// description over Clockify's 3000 characters is refused with the limit in
// the answer, without any Clockify request (the running timer is not
// stopped), while exactly 3000 characters start the timer.
func TestCommandsLongDescriptionIsRefusedBeforeClockify(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		want   string
		starts int
	}{
		{"3001 characters", 3001, "That description is 3001 characters long; Clockify takes at most 3000. Shorten it and try again.", 0},
		{"3000 characters", 3000, "Started *Design*.", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newCmdEnv(t)
			got := e.text(t, "UANN", "start design -- "+strings.Repeat("a", tc.n))
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("answer = %.120q, want it to start with %q", got, tc.want)
			}
			if n := len(e.startRequests(t)); n != tc.starts {
				t.Errorf("%d starts, want %d", n, tc.starts)
			}
			if tc.starts == 0 && e.cf.Requests() != 0 {
				t.Errorf("a refused description sent %d requests to Clockify", e.cf.Requests())
			}
		})
	}
}
