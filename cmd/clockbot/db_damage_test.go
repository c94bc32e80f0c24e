package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// syncedDB syncs a small generated workspace from the fake into a new
// database and returns its bytes.
func syncedDB(t *testing.T, cf *clockifytest.Server) []byte {
	t.Helper()
	now := time.Now().UTC()
	monday := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -((int(now.Weekday())+6)%7)-7)
	cf.Generate(8, 15, monday, 3)
	db := fakeEnv(t, cf)
	if err := run(t.Context(), []string{"sync", "--days", "14"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatalf("sync: %v", err)
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runNoPanic runs one clockbot command and turns a panic into a test
// failure naming the command.
func runNoPanic(t *testing.T, args ...string) (err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("clockbot %s panicked: %v", strings.Join(args, " "), r)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{})
}

// TestDamagedDatabasePageByPage overwrites one 4 KiB page of a synced
// database at a time and runs report --offline, sync and db check on it:
// never a panic, every failure names the file, and a file that fails its
// check is not written by any command.
func TestDamagedDatabasePageByPage(t *testing.T) {
	cf := clockifytest.NewTB(t)
	good := syncedDB(t, cf)
	const pageSize = 4096
	pages := len(good) / pageSize
	if pages < 6 {
		t.Fatalf("synced database has %d pages; want a few more to damage", pages)
	}
	// Each pattern overwrites part or all of one page.
	patterns := []struct {
		name string
		fill func(page []byte, p int)
	}{
		{"garbage", func(page []byte, p int) {
			for i := range page {
				page[i] = byte(i*131 + p*7 + 0x5a)
			}
		}},
		{"zeros", func(page []byte, _ int) { clear(page) }},
		{"header", func(page []byte, p int) { copy(page[:16], bytes.Repeat([]byte{byte(p + 1)}, 16)) }},
	}
	detected := 0
	for _, pat := range patterns {
		for p := 0; p < pages; p++ {
			t.Run(fmt.Sprintf("%s page %d", pat.name, p), func(t *testing.T) {
				dmg := bytes.Clone(good)
				pat.fill(dmg[p*pageSize:(p+1)*pageSize], p)
				path := filepath.Join(t.TempDir(), "damaged.db")
				if err := os.WriteFile(path, dmg, 0o600); err != nil {
					t.Fatal(err)
				}
				t.Setenv("CLOCKBOT_DB", path)

				checkErr := runNoPanic(t, "db", "check")
				if checkErr != nil && !strings.Contains(checkErr.Error(), path) {
					t.Errorf("db check error %q does not name %s", checkErr, path)
				}
				for _, args := range [][]string{{"report", "--offline", "--json"}, {"sync"}} {
					err := runNoPanic(t, args...)
					if err == nil {
						if checkErr != nil {
							t.Errorf("clockbot %s succeeded on a database that failed db check", strings.Join(args, " "))
						}
						continue
					}
					if !strings.Contains(err.Error(), path) {
						t.Errorf("clockbot %s error %q does not name %s", strings.Join(args, " "), err, path)
					}
					if checkErr != nil && !errors.Is(err, store.ErrCorrupt) && !errors.Is(err, store.ErrNotDatabase) {
						t.Errorf("clockbot %s error %q is neither ErrCorrupt nor ErrNotDatabase", strings.Join(args, " "), err)
					}
					if !strings.Contains(err.Error(), "backup") && !strings.Contains(err.Error(), "db check") && !errors.Is(err, store.ErrNotDatabase) {
						t.Errorf("clockbot %s error %q does not say what to do", strings.Join(args, " "), err)
					}
				}
				if checkErr != nil {
					detected++
					after, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(after, dmg) {
						t.Errorf("a database that failed its check was written")
					}
				}
			})
		}
	}
	t.Logf("db check found the damage in %d of %d damaged files", detected, len(patterns)*pages)
}
