package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
)

// check is one line of `clockbot doctor`: what was checked, what was
// found and, when it failed, what to do.
type check struct {
	name   string
	ok     bool
	detail string
	fix    string // for a failed check
}

// pass and fail build checks.
func pass(name, format string, args ...any) check {
	return check{name: name, ok: true, detail: fmt.Sprintf(format, args...)}
}

func fail(name, detail, fix string) check {
	return check{name: name, detail: detail, fix: fix}
}

// String is the printed line: "✓ NAME: DETAIL" or "✗ NAME: DETAIL; fix: FIX".
func (c check) String() string {
	if c.ok {
		return fmt.Sprintf("✓ %s: %s", c.name, clean(c.detail))
	}
	return fmt.Sprintf("✗ %s: %s; fix: %s", c.name, clean(c.detail), clean(c.fix))
}

// doctorFailed is the error of a doctor run with failed checks (exit 1).
type doctorFailed struct{ failed, total int }

func (e *doctorFailed) Error() string {
	return fmt.Sprintf("doctor: %d of %d checks failed (see the ✗ lines above)", e.failed, e.total)
}

// runDoctor is `clockbot doctor`: it checks every part of the setup with
// the real services (Clockify, Slack, the database) and prints one line per
// check. It fails (exit 1) unless every check passed.
func runDoctor(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return &usageError{msg: fmt.Sprintf("doctor: unexpected argument %q", args[0])}
	}
	var checks []check
	cfg, err := loadConfig()
	if err != nil {
		checks = configChecks(err)
	} else {
		// Only errors of the clients reach stderr: the checks say the rest.
		log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
		checks = append(checks, clockifyChecks(ctx, cfg, log, stderr)...)
		checks = append(checks, slackChecks(ctx, cfg, log)...)
		checks = append(checks, databaseCheck(cfg.DB))
	}
	failed := 0
	for _, c := range checks {
		if !c.ok {
			failed++
		}
		if _, err := fmt.Fprintln(stdout, c); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &doctorFailed{failed: failed, total: len(checks)}
	}
	return nil
}

// configChecks turns configuration errors into failed checks, one per
// variable.
func configChecks(err error) []check {
	var out []check
	var ces configErrors
	var ce *ConfigError
	switch {
	case errors.As(err, &ces):
		for _, e := range ces {
			out = append(out, fail("configuration", e.Var+": "+e.Reason, "set "+e.Var+" (clockbot help lists every variable)"))
		}
	case errors.As(err, &ce):
		out = append(out, fail("configuration", ce.Var+": "+ce.Reason, "set "+ce.Var+" (clockbot help lists every variable)"))
	default:
		out = append(out, fail("configuration", err.Error(), "see clockbot help"))
	}
	return out
}
