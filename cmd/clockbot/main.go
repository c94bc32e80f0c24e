// Command clockbot is a Slack bot for teams that track time in Clockify.
// main only wires and configures; the application lives in package bot.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work in a minimal image too
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "clockbot:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode is 2 for configuration and usage errors and 1 for the rest.
func exitCode(err error) int {
	var ce *ConfigError
	var ue *usageError
	if errors.As(err, &ce) || errors.As(err, &ue) {
		return 2
	}
	return 1
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg + " (see `clockbot help`)" }

// run dispatches a subcommand. Configuration comes from the process
// environment (envconfig reads it directly).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "help", "-h", "--help", "-help":
		return printHelp(stdout)
	case "sync":
		return runSync(ctx, args, stdout, stderr)
	case "run":
		return runBot(ctx, args, stderr)
	case "report":
		return runReport(ctx, args, stdout, stderr)
	case "db":
		return runDB(ctx, args, stdout, stderr)
	case "demo":
		return fmt.Errorf("%s: not available in this release yet", cmd)
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q", cmd)}
}
