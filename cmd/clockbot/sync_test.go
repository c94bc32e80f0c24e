package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// fakeEnv points the configuration at a fake Clockify and a fresh database.
func fakeEnv(t *testing.T, fake *clockifytest.Server) string {
	t.Helper()
	clearEnv(t)
	db := filepath.Join(t.TempDir(), "clockbot.db")
	t.Setenv("CLOCKIFY_API_KEY", fake.APIKey)
	t.Setenv("CLOCKIFY_API_URL", fake.APIURL)
	t.Setenv("CLOCKIFY_REPORTS_URL", fake.ReportsURL)
	t.Setenv("CLOCKIFY_MAX_RPS", "1000")
	t.Setenv("CLOCKBOT_DB", db)
	t.Setenv("HTTP_ADDR", "") // no listener unless a test asks for one
	return db
}

var summaryLine = regexp.MustCompile(`^synced users=(\d+) projects=(\d+) entries=(\d+) holidays=(\d+) timeoff=(\d+) requests=(\d+) in=\d+\.\ds\n$`)

func TestSyncCommand(t *testing.T) {
	fake := clockifytest.NewTB(t)
	now := time.Now().UTC()
	monday := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -((int(now.Weekday())+6)%7)-7)
	fake.Generate(12, 20, monday, 7) // last week: inside the recent window whenever the test runs
	db := fakeEnv(t, fake)

	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"sync", "--days", "10"}, &out, &errOut); err != nil {
		t.Fatalf("clockbot sync: %v\nstderr: %s", err, errOut.String())
	}
	m := summaryLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("stdout = %q, want exactly one summary line", out.String())
	}
	if users, _ := strconv.Atoi(m[1]); users != 12 {
		t.Errorf("users = %d, want 12", users)
	}
	if entries, _ := strconv.Atoi(m[3]); entries != 12*20 {
		t.Errorf("entries = %d, want %d", entries, 12*20)
	}
	if requests, _ := strconv.Atoi(m[6]); requests != fake.Requests() {
		t.Errorf("requests = %d, but the fake received %d", requests, fake.Requests())
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountEntries(); err != nil || n != 12*20 {
		t.Errorf("stored entries = %d, %v; want %d", n, err, 12*20)
	}
}

func TestSyncCommandFailures(t *testing.T) {
	t.Run("rejected key", func(t *testing.T) {
		fake := clockifytest.NewTB(t)
		fakeEnv(t, fake)
		t.Setenv("CLOCKIFY_API_KEY", "wrong-key-abcdefgh")
		err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "CLOCKIFY_API_KEY") {
			t.Fatalf("sync with a wrong key = %v, want a configuration error naming CLOCKIFY_API_KEY", err)
		}
		if strings.Contains(err.Error(), "wrong-key-abcdefgh") || strings.Contains(err.Error(), "key-abcdefgh") {
			t.Errorf("error %q shows the key", err)
		}
	})
	t.Run("several workspaces", func(t *testing.T) {
		fake := clockifytest.NewTB(t)
		fake.AddWorkspace("ws-2", "Side project")
		fakeEnv(t, fake)
		err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || exitCode(err) != 2 {
			t.Fatalf("sync with two workspaces = %v, want exit status 2", err)
		}
		for _, want := range []string{"CLOCKIFY_WORKSPACE_ID", fake.WorkspaceID, "ws-2", "Side project"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %q", err, want)
			}
		}
		t.Setenv("CLOCKIFY_WORKSPACE_ID", "ws-2")
		if err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
			t.Errorf("sync with CLOCKIFY_WORKSPACE_ID=ws-2: %v", err)
		}
	})
	t.Run("clockify down writes nothing", func(t *testing.T) {
		fake := clockifytest.NewTB(t)
		fake.AddUser(clockifytest.User{ID: "u1", Email: "a@example.com"})
		db := fakeEnv(t, fake)
		fake.InjectFault(clockifytest.Fault{PathContains: "/reports/", Status: 500})
		var out bytes.Buffer
		err := run(t.Context(), []string{"sync"}, &out, &bytes.Buffer{})
		if err == nil || exitCode(err) != 1 {
			t.Fatalf("sync with reports down = %v, want exit status 1", err)
		}
		if out.Len() != 0 {
			t.Errorf("stdout = %q, want nothing on failure", out.String())
		}
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if us, err := st.Users(); err != nil || len(us) != 0 {
			t.Errorf("users stored after a failed sync = %v, %v; want none", us, err)
		}
	})
	t.Run("database in use", func(t *testing.T) {
		fake := clockifytest.NewTB(t)
		db := fakeEnv(t, fake)
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		err = run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "in use") {
			t.Fatalf("sync on a locked database = %v, want an in-use error", err)
		}
	})
}
