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
// environment (envconfig reads it directly); help and version need none.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	name := "run"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	switch name {
	case "-h", "--help", "-help":
		return printHelp(stdout)
	case "-version", "--version":
		name = "version"
	}
	c, ok := lookupCommand(name)
	if !ok {
		return &usageError{msg: fmt.Sprintf("unknown command %q", name)}
	}
	if wantsHelp(args) {
		return printCommandHelp(stdout, c)
	}
	return c.exec(ctx, args, stdout, stderr)
}
