package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clockbot/clockbot/store"
)

// dbPath is CLOCKBOT_DB, or its default. The db commands need nothing else
// from the configuration, so they work without Clockify or Slack settings.
func dbPath() string {
	if p := os.Getenv("CLOCKBOT_DB"); p != "" {
		return p
	}
	return "clockbot.db"
}

// runDB is `clockbot db check`, `clockbot db backup FILE` and
// `clockbot db compact`.
func runDB(_ context.Context, args []string, stdout, _ io.Writer) error {
	if len(args) == 0 {
		return &usageError{msg: "db: missing subcommand: check, backup FILE or compact"}
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "check":
		if len(rest) > 0 {
			return &usageError{msg: fmt.Sprintf("db check: unexpected argument %q", rest[0])}
		}
		return dbCheck(dbPath(), stdout)
	case "backup":
		if len(rest) != 1 || rest[0] == "" {
			return &usageError{msg: "db backup: give the one FILE to write, e.g. clockbot db backup clockbot-2026-12-07.db"}
		}
		return dbBackup(dbPath(), rest[0], stdout)
	case "compact":
		if len(rest) > 0 {
			return &usageError{msg: fmt.Sprintf("db compact: unexpected argument %q", rest[0])}
		}
		return dbCompact(dbPath(), stdout)
	default:
		return &usageError{msg: fmt.Sprintf("db: unknown subcommand %q (check, backup FILE or compact)", sub)}
	}
}

// dbCheck runs bbolt's consistency check on path and prints OK or each
// problem; a damaged file is an error (exit 1).
func dbCheck(path string, stdout io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("db check: %w", err)
	}
	st, err := store.Open(path, store.ReadOnly(), store.AllowDamaged())
	if errors.Is(err, store.ErrInUse) {
		return dbCheckLive(path, stdout)
	}
	if err != nil {
		return fmt.Errorf("db check: %w", err)
	}
	defer st.Close()
	problems, err := st.Check()
	if err == nil && len(problems) == 0 {
		fmt.Fprintf(stdout, "OK: %s passed bbolt's consistency check\n", path)
		return nil
	}
	if err != nil {
		problems = append(problems, err)
	}
	for _, p := range problems {
		fmt.Fprintf(stdout, "problem: %v\n", p)
	}
	return &store.CorruptError{Path: path, Detail: fmt.Sprintf("bbolt's consistency check found %d problem(s), listed above", len(problems))}
}

// dbCheckLive checks a database the running bot holds: it takes a copy as
// of the bot's latest commit, which store.BackupFile keeps only when it
// passes bbolt's consistency check.
func dbCheckLive(path string, stdout io.Writer) error {
	dir, err := os.MkdirTemp("", "clockbot-check-")
	if err != nil {
		return fmt.Errorf("db check: %w", err)
	}
	defer os.RemoveAll(dir)
	if _, err := store.BackupFile(path, filepath.Join(dir, "copy.db")); err != nil {
		return fmt.Errorf("db check (of a copy, the bot holds %s): %w", path, err)
	}
	fmt.Fprintf(stdout, "OK: %s passed bbolt's consistency check (a copy as of the running bot's latest commit)\n", path)
	return nil
}

// dbBackup copies path to a new file dst: through one read transaction when
// no bot holds the file, or, while the bot runs, as of its latest commit,
// checked before it is kept (store.BackupFile).
func dbBackup(path, dst string, stdout io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("db backup: %w", err)
	}
	n, err := store.BackupFile(path, dst)
	if err != nil {
		return fmt.Errorf("db backup: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", path, dst, n)
	return nil
}

// dbCompact rewrites path without its free pages (store.CompactFile); it
// refuses while the bot runs on the file.
func dbCompact(path string, stdout io.Writer) error {
	before, after, err := store.CompactFile(path)
	if errors.Is(err, store.ErrInUse) {
		return fmt.Errorf("db compact: stop the bot first, it holds %s: %w", path, err)
	}
	if err != nil {
		return fmt.Errorf("db compact: %w", err)
	}
	fmt.Fprintf(stdout, "compacted %s from %d to %d bytes\n", path, before, after)
	return nil
}
