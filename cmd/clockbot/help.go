package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// command is one subcommand of clockbot: how it runs and what its help
// says. Its help never needs any configuration.
type command struct {
	name    string
	args    string // the usage after the name
	summary string // one line in `clockbot help`
	about   string // the description in `clockbot help NAME`
	needs   string // the variables it needs, in words
	// flags runs the command's own flag parser with -h, which makes package
	// flag print every flag the command accepts to out and stop; so the help
	// and the parser never disagree. Nil for a command without flags.
	flags func(out io.Writer)
	exec  func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands returns clockbot's subcommands in the order `clockbot help`
// lists them. It is a function because help itself is one of them.
func commands() []command {
	return []command{
		{
			name:    "run",
			summary: "run the bot: Socket Mode, /tt, the App Home tab and the schedules (the default)",
			about: "Runs the bot until SIGINT or SIGTERM: the Socket Mode connection that answers /tt,\n" +
				"the App Home tab and the manager buttons, a sync every SYNC_INTERVAL, the weekly\n" +
				"report on REPORT_SCHEDULE (one missed while the bot was down is sent at start)\n" +
				"and the daily summaries.",
			needs: "CLOCKIFY_API_KEY, SLACK_BOT_TOKEN and SLACK_APP_TOKEN",
			exec: func(ctx context.Context, args []string, _, stderr io.Writer) error {
				return runBot(ctx, args, stderr)
			},
		},
		{
			name:    "sync",
			args:    "[--days N]",
			summary: "one sync pass from Clockify (a backfill of N days when given), then exit",
			about: "Copies users, projects, time entries, holidays and time off from Clockify into\n" +
				"CLOCKBOT_DB in one pass and prints a summary line. The first pass fetches\n" +
				"SYNC_BACKFILL_DAYS of history.",
			needs: "CLOCKIFY_API_KEY",
			flags: func(out io.Writer) { _, _ = parseSyncFlags([]string{"-h"}, out) },
			exec:  runSync,
		},
		{
			name:    "report",
			args:    "[--week last|YYYY-Www] [--json | --csv] [--flagged-only] [--send [--dry-run]] [--offline]",
			summary: "the weekly report: a table or JSON; --send delivers it",
			about: "Prints the weekly report of a week: who logged fewer hours than their target,\n" +
				"with holidays and time off applied. The week is synced first unless --offline.\n" +
				"--send delivers it through Slack exactly as the schedule does, once per week.",
			needs: "CLOCKIFY_API_KEY; SLACK_BOT_TOKEN for --send and for the Slack ids of people and managers",
			flags: func(out io.Writer) { _, _ = parseReportFlags([]string{"-h"}, time.Now(), out) },
			exec:  runReport,
		},
		{
			name:    "doctor",
			summary: "check the setup (Clockify, Slack, the database): one line per check, with the fix",
			about: "Checks every part with the real services and prints one line per check, ✓ or ✗\n" +
				"with the fix: the Clockify key and workspace (listing the workspaces when the\n" +
				"choice is ambiguous), the plan and whether Time off is on, the bot token\n" +
				"(auth.test) and its scopes against slack-app-manifest.yaml, the app token\n" +
				"(apps.connections.open), that the bot is in REPORT_CHANNEL and NOTIFY_CHANNEL\n" +
				"when set, and that CLOCKBOT_DB opens and its schema version. Exit 0 only when\n" +
				"every check passed. Secrets show at most their first 5 characters.",
			needs: "CLOCKIFY_API_KEY, SLACK_BOT_TOKEN and SLACK_APP_TOKEN (each missing one is a failed check)",
			exec:  runDoctor,
		},
		{
			name:    "db",
			args:    "check | backup FILE | compact",
			summary: "check CLOCKBOT_DB for damage, copy it (also while the bot runs) or compact it",
			about: "db check runs bbolt's consistency check on CLOCKBOT_DB and prints OK or each\n" +
				"problem (exit 1 when damaged). db backup FILE writes a consistent copy of it to\n" +
				"FILE (never over an existing file), also while the bot runs. To restore: stop\n" +
				"the bot, copy the backup over CLOCKBOT_DB, start it. db compact rewrites the\n" +
				"file without its free pages (after RETENTION_DAYS pruned old entries); stop\n" +
				"the bot first, it refuses while the bot holds the file.",
			needs: "CLOCKBOT_DB (default clockbot.db)",
			exec:  runDB,
		},
		{
			name:    "webhooks",
			args:    "register --url URL | list | rotate | delete",
			summary: "manage the Clockify webhooks that tell the bot about changes at once",
			about: "register creates one Clockify webhook per event the bot applies (trigger: the\n" +
				"workspace) pointing at URL (https://HOST/webhooks/clockify) and stores their ids\n" +
				"and tokens in CLOCKBOT_DB; it creates only what fits Clockify's limits (10 per\n" +
				"admin, 100 per workspace) and says what it skipped. list shows each with its\n" +
				"delivery status; rotate gives each a new token; delete removes them. Run it while\n" +
				"the bot is stopped: the database is locked by a running bot.",
			needs: "CLOCKIFY_API_KEY of a workspace admin",
			exec:  runWebhooks,
		},
		{
			name:    "healthcheck",
			summary: "exit 0 when the running bot is ready (GET /readyz on HTTP_ADDR), 1 otherwise",
			about: "Asks the listener on HTTP_ADDR (default :8080) for /readyz: exit 0 when the\n" +
				"store is open, Slack connected and the last sync recent, 1 with the reason\n" +
				"otherwise. It is the image's HEALTHCHECK.",
			needs: "HTTP_ADDR (default :8080)",
			exec:  runHealthcheck,
		},
		{
			name:    "demo",
			args:    "[--once] [--addr HOST:PORT]",
			summary: "the whole bot offline, in the browser: fake Clockify and Slack, a demo team",
			about: "Runs a fake Clockify with a demo team (holidays, time off, managers, people\n" +
				"under target), a fake Slack and the real bot in this process, with a temporary\n" +
				"database and no network. Serves a page that looks like a small Slack at\n" +
				"DEMO_ADDR (default 127.0.0.1:8090): pick who you are, type /tt, open the Home\n" +
				"tab, press the buttons of the weekly messages. --once prints the report, the\n" +
				"weekly messages, the admins' digest and sample /tt answers, then exits.",
			needs: "nothing (DEMO_ADDR optional)",
			flags: func(out io.Writer) { _, _ = parseDemoFlags([]string{"-h"}, out) },
			exec:  runDemo,
		},
		{
			name:    "version",
			summary: "print the version, VCS revision and build time",
			about: "Prints the version set at build time (-ldflags \"-X main.version=...\"), else\n" +
				"the module version and VCS revision the Go toolchain recorded, else devel.\n" +
				"clockbot --version does the same.",
			needs: "nothing",
			exec: func(_ context.Context, args []string, stdout, _ io.Writer) error {
				return runVersion(args, stdout)
			},
		},
		{
			name:    "help",
			args:    "[COMMAND]",
			summary: "this text, or a command's usage and flags",
			about: "Prints the commands and every environment variable with its default and\n" +
				"meaning, or one command's usage and flags. clockbot COMMAND --help does the same.",
			needs: "nothing",
			exec: func(_ context.Context, args []string, stdout, _ io.Writer) error {
				return runHelp(args, stdout)
			},
		},
	}
}

// lookupCommand finds a subcommand by name.
func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// wantsHelp reports whether a command line asks for help (-h, -help or
// --help before any "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// runHelp is `clockbot help [COMMAND]`.
func runHelp(args []string, stdout io.Writer) error {
	switch len(args) {
	case 0:
		return printHelp(stdout)
	case 1:
		c, ok := lookupCommand(args[0])
		if !ok {
			return &usageError{msg: fmt.Sprintf("help: unknown command %q", args[0])}
		}
		return printCommandHelp(stdout, c)
	}
	return &usageError{msg: fmt.Sprintf("help: unexpected argument %q", args[1])}
}

// maxUsageWidth is the longest synopsis the command summary shows.
const maxUsageWidth = 24

// printCommands writes the usage summary of every command, the first part
// of `clockbot help`.
func printCommands(w io.Writer) error {
	fmt.Fprint(w, "Usage:\n")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, c := range commands() {
		use := c.name + " " + c.args
		if c.flags != nil {
			use = c.name + " [flags]"
		}
		if len(use) > maxUsageWidth {
			// A long synopsis (webhooks) would push every summary off an
			// ordinary terminal; clockbot help COMMAND shows it whole.
			use = c.name + " SUBCOMMAND"
		}
		fmt.Fprintf(tw, "  clockbot %s\t%s\n", strings.TrimSpace(use), c.summary)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, "\nclockbot COMMAND --help shows a command's flags; clockbot --version its version.\n")
	return err
}

// printCommandHelp writes one command's usage, description, flags and
// the variables it needs.
func printCommandHelp(w io.Writer, c command) error {
	fmt.Fprintf(w, "Usage: clockbot %s\n\n%s\n\n", strings.TrimSpace(c.name+" "+c.args), c.about)
	if c.flags == nil {
		fmt.Fprint(w, "Flags: none\n")
	} else {
		var buf bytes.Buffer
		c.flags(&buf)
		// Package flag heads the defaults with "Usage of NAME:".
		s := buf.String()
		if strings.HasPrefix(s, "Usage of ") {
			_, s, _ = strings.Cut(s, "\n")
		}
		fmt.Fprintf(w, "Flags:\n%s", s)
	}
	_, err := fmt.Fprintf(w, "\nNeeds: %s. Every variable: clockbot help.\n", c.needs)
	return err
}
