package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// TestDBBackupAndCheck backs up a synced database, with no bot and while a
// bot holds it, checks the copies, and refuses to overwrite a file.
func TestDBBackupAndCheck(t *testing.T) {
	cf := clockifytest.NewTB(t)
	syncedDB(t, cf)
	db := os.Getenv("CLOCKBOT_DB")
	dir := t.TempDir()

	var out bytes.Buffer
	if err := run(t.Context(), []string{"db", "check"}, &out, &bytes.Buffer{}); err != nil || !strings.HasPrefix(out.String(), "OK: ") {
		t.Fatalf("db check of a sound database = %v, %q; want OK", err, out.String())
	}

	idle := filepath.Join(dir, "idle.db")
	if err := run(t.Context(), []string{"db", "backup", idle}, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("db backup with no bot running: %v", err)
	}

	// A bot holds the file (and its lock) and keeps writing.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutSetting("marker", "before the backup"); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(t.Context(), []string{"db", "check"}, &out, &bytes.Buffer{}); err != nil || !strings.HasPrefix(out.String(), "OK: ") {
		t.Errorf("db check while the bot runs = %v, %q; want OK", err, out.String())
	}
	live := filepath.Join(dir, "live.db")
	if err := run(t.Context(), []string{"db", "backup", live}, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("db backup while the bot runs: %v", err)
	}
	if err := st.PutSetting("marker", "after the backup"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	for _, copyPath := range []string{idle, live} {
		t.Setenv("CLOCKBOT_DB", copyPath)
		out.Reset()
		if err := run(t.Context(), []string{"db", "check"}, &out, &bytes.Buffer{}); err != nil || !strings.HasPrefix(out.String(), "OK: ") {
			t.Errorf("db check of backup %s = %v, %q; want OK", copyPath, err, out.String())
		}
	}
	c, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	var marker string
	if _, err := c.Setting("marker", &marker); err != nil || marker != "before the backup" {
		t.Errorf("live backup marker = %q, %v; want the value committed before the backup", marker, err)
	}
	c.Close()

	before, _ := os.ReadFile(idle)
	t.Setenv("CLOCKBOT_DB", db)
	err = run(t.Context(), []string{"db", "backup", idle}, &out, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("db backup onto an existing file = %v; want a refusal", err)
	}
	if after, _ := os.ReadFile(idle); !bytes.Equal(before, after) {
		t.Error("db backup overwrote an existing file")
	}
}

// TestDBUsage: the db command names its subcommands.
func TestDBUsage(t *testing.T) {
	for _, args := range [][]string{{"db"}, {"db", "fix"}, {"db", "backup"}, {"db", "backup", "a", "b"}, {"db", "check", "x"}, {"db", "compact", "x"}} {
		err := run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || exitCode(err) != 2 {
			t.Errorf("clockbot %q = %v, want a usage error", args, err)
		}
	}
}

// TestDBCompact compacts a synced database: refused while a bot holds it,
// then done, with the data intact.
func TestDBCompact(t *testing.T) {
	cf := clockifytest.NewTB(t)
	syncedDB(t, cf)
	db := os.Getenv("CLOCKBOT_DB")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.CountEntries()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = run(t.Context(), []string{"db", "compact"}, &out, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "stop the bot") {
		t.Errorf("db compact while the bot runs = %v; want a refusal", err)
	}
	st.Close()
	out.Reset()
	if err := run(t.Context(), []string{"db", "compact"}, &out, &bytes.Buffer{}); err != nil || !strings.HasPrefix(out.String(), "compacted ") {
		t.Fatalf("db compact = %v, %q; want compacted", err, out.String())
	}
	st, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.CountEntries(); err != nil || got != want {
		t.Errorf("entries after compaction = %d, %v; want %d", got, err, want)
	}
}
