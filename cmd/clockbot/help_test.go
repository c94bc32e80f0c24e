package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestCommandHelpNeedsNoConfiguration asks every command for its help in
// every form, with no variable set, in an empty directory: each answers on
// stdout with its usage and flags, exits 0 and touches nothing.
func TestCommandHelpNeedsNoConfiguration(t *testing.T) {
	wantFlags := map[string][]string{
		"run":         nil,
		"sync":        {"-days"},
		"report":      {"-week", "-json", "-csv", "-flagged-only", "-send", "-dry-run", "-offline"},
		"doctor":      nil,
		"db":          nil,
		"demo":        {"-once", "-addr"},
		"webhooks":    nil,
		"healthcheck": nil,
		"version":     nil,
		"help":        nil,
	}
	seen := map[string]bool{}
	for _, c := range commands() {
		seen[c.name] = true
		flags, ok := wantFlags[c.name]
		if !ok {
			t.Errorf("command %q is not covered by this test; add it to wantFlags", c.name)
		}
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {c.name, "-help"}, {"help", c.name}, {c.name, "--days", "3", "--help"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				clearEnv(t)
				dir := t.TempDir()
				t.Chdir(dir)
				var stdout, stderr bytes.Buffer
				if err := run(t.Context(), args, &stdout, &stderr); err != nil {
					t.Fatalf("run(%q) = %v, want help and exit status 0", args, err)
				}
				out := stdout.String()
				if !strings.HasPrefix(out, "Usage: clockbot "+c.name) {
					t.Errorf("help does not start with the command's usage:\n%s", out)
				}
				for _, f := range flags {
					if !strings.Contains(out, "  "+f+" ") && !strings.Contains(out, "  "+f+"\n") {
						t.Errorf("help does not list the flag %s:\n%s", f, out)
					}
				}
				if flags == nil && !strings.Contains(out, "Flags: none") {
					t.Errorf("help of a command without flags does not say so:\n%s", out)
				}
				if stderr.Len() != 0 {
					t.Errorf("stderr = %q, want nothing", stderr.String())
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 0 {
					t.Errorf("help created %d files (first %s), want none", len(entries), entries[0].Name())
				}
			})
		}
	}
	for name := range wantFlags {
		if !seen[name] {
			t.Errorf("command %q is gone from commands()", name)
		}
	}
}

// TestHelpListsEveryCommand checks that `clockbot help` and `clockbot
// --help` name every command and how to get its flags.
func TestHelpListsEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			clearEnv(t)
			var stdout bytes.Buffer
			if err := run(t.Context(), args, &stdout, &bytes.Buffer{}); err != nil {
				t.Fatalf("run(%q) = %v", args, err)
			}
			for _, c := range commands() {
				if !strings.Contains(stdout.String(), "  clockbot "+c.name) {
					t.Errorf("help does not list %s", c.name)
				}
			}
			if !strings.Contains(stdout.String(), "COMMAND --help") {
				t.Errorf("help does not say how to see a command's flags")
			}
		})
	}
}

func TestHelpUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"help", "frobnicate"}, {"help", "sync", "report"}, {"frobnicate", "--help"}, {"version", "extra"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			clearEnv(t)
			var stdout bytes.Buffer
			err := run(t.Context(), args, &stdout, &bytes.Buffer{})
			if err == nil || exitCode(err) != 2 {
				t.Errorf("run(%q) = %v, want a usage error with exit status 2", args, err)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

// TestHelpCommandsFitATerminal: the command summary of `clockbot help`
// fits 120 columns, so that one long synopsis does not push every line
// past the edge of a terminal.
func TestHelpCommandsFitATerminal(t *testing.T) {
	clearEnv(t)
	var stdout bytes.Buffer
	if err := run(t.Context(), []string{"help"}, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	usage, _, _ := strings.Cut(stdout.String(), "Environment:")
	for _, line := range strings.Split(usage, "\n") {
		if n := len([]rune(line)); n > 120 {
			t.Errorf("help line of %d columns, want at most 120: %q", n, line)
		}
	}
}
