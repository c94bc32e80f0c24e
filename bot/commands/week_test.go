package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
)

// cmdGolden compares got with testdata/commands/name, rewriting it with
// -update.
func cmdGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "commands", name)
	if *bottest.Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch (-want +got):\n%s", name, bottest.LineDiff(string(want), got))
	}
}

// weekEntries gives Ann 8h on Monday, nothing on Tuesday and 2h on
// Wednesday morning, plus a running timer since 13:05 UTC (1h at cmdNow).
func weekEntries(t *testing.T, e *cmdEnv) {
	t.Helper()
	e.putEntry(t, "w1", "u-ann", "p-design", time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC), 8*time.Hour)
	e.putEntry(t, "w2", "u-ann", "p-docs", time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC), 2*time.Hour)
	e.text(t, "UANN", "start backend") // at cmdNow; moved back an hour below
	run, ok, err := e.st.RunningFor("u-ann")
	if err != nil || !ok {
		t.Fatalf("RunningFor() = %v, %v", ok, err)
	}
	run.Start = run.Start.Add(-time.Hour)
	if err := e.st.PutRunning(run, run.Start); err != nil {
		t.Fatal(err)
	}
}

func TestCommandsWeek(t *testing.T) {
	e := newCmdEnv(t)
	weekEntries(t, e)
	got := e.text(t, "UANN", "week")
	if first, want := strings.SplitN(got, "\n", 2)[0], "*Your week* 2026-W47 (Nov 16 – 22): *11 h* of 25 h so far, 14 h to go."; first != want {
		t.Errorf("first line = %q, want %q", first, want)
	}
	cmdGolden(t, "week_self.txt", got)

	// A target set by an admin wins over the default.
	if err := e.st.PutSetting(store.ReportSettingsKey(), report.Settings{Targets: map[string]float64{"ann@example.com": 10}, TargetsSet: true}); err != nil {
		t.Fatal(err)
	}
	got = e.text(t, "UANN", "week")
	if first, want := strings.SplitN(got, "\n", 2)[0], "*Your week* 2026-W47 (Nov 16 – 22): *11 h* of 10 h. :white_check_mark: Target reached."; first != want {
		t.Errorf("with a target of 10h, first line = %q, want %q", first, want)
	}
}

func TestCommandsWeekOfSomeoneElse(t *testing.T) {
	e := newCmdEnv(t)
	weekEntries(t, e)
	mine := e.text(t, "UANN", "week")
	annWeek := strings.Replace(mine, "*Your week*", "*Ann Smith's week*", 1)
	refused := "Only managers of <@UANN> can see their week."
	tests := []struct {
		name, user, text, want string
	}{
		{"her manager", "UMIA", "week <@UANN|ann>", annWeek},
		{"her manager, bare mention", "UMIA", "week <@UANN>", annWeek},
		{"an admin", "UADA", "week <@UANN|ann>", annWeek},
		{"herself by mention", "UANN", "week <@UANN|ann>", mine},
		{"a colleague", "UBOB", "week <@UANN|ann>", refused},
		{"Ann is not Bob's manager", "UANN", "week <@UBOB>", "Only managers of <@UBOB> can see their week."},
		{"an unmapped person, not an admin", "UBOB", "week <@UNOE>", "Only managers of <@UNOE> can see their week."},
		{"an unmapped person, an admin", "UADA", "week <@UNOE>", "<@UNOE> has no Clockify account I can find."},
		{"plain text", "UMIA", "week ann", "I can show the week of one person: mention them, like `/tt week @ann` (I got “ann”)."},
		{"a channel mention", "UMIA", "week <!channel>", "I can show the week of one person: mention them, like `/tt week @ann` (I got “&lt;!channel&gt;”)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.text(t, tc.user, tc.text); got != tc.want {
				t.Errorf("%s /tt %s mismatch:\n got %q\nwant %q", tc.user, tc.text, got, tc.want)
			}
		})
	}
}
