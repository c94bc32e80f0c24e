package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

var progressRE = regexp.MustCompile(`(?m)^sync: window (\d+)/(\d+), (\d+) entries, (\d+) requests, \d+\.\ds$`)

// TestSyncProgress checks `clockbot sync --days 100`: on a terminal one
// progress line per report window on stderr, counting up to the total, and
// stdout still the one summary line; elsewhere no progress line at all.
func TestSyncProgress(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
	}{{"terminal", true}, {"pipe", false}} {
		t.Run(tc.name, func(t *testing.T) {
			fake := clockifytest.NewTB(t)
			fake.Generate(5, 30, time.Now().UTC().AddDate(0, 0, -90), 90)
			fakeEnv(t, fake)
			old := writesToTerminal
			writesToTerminal = func(io.Writer) bool { return tc.terminal }
			t.Cleanup(func() { writesToTerminal = old })

			var out, errOut bytes.Buffer
			if err := run(t.Context(), []string{"sync", "--days", "100"}, &out, &errOut); err != nil {
				t.Fatalf("sync: %v\nstderr: %s", err, errOut.String())
			}
			if m := summaryLine.FindStringSubmatch(out.String()); m == nil {
				t.Fatalf("stdout = %q, want exactly the summary line", out.String())
			}
			lines := progressRE.FindAllStringSubmatch(errOut.String(), -1)
			if !tc.terminal {
				if strings.Contains(errOut.String(), "sync: window") {
					t.Errorf("progress lines although stderr is not a terminal:\n%s", errOut.String())
				}
				return
			}
			if len(lines) < 4 { // 100 days plus the recent weeks, in windows of 31 days
				t.Fatalf("%d progress lines, want one per window (at least 4):\n%s", len(lines), errOut.String())
			}
			total := lines[0][2]
			for i, l := range lines {
				if l[1] != strconv.Itoa(i+1) || l[2] != total {
					t.Errorf("line %d = %q, want window %d/%s", i+1, l[0], i+1, total)
				}
			}
			if strconv.Itoa(len(lines)) != total {
				t.Errorf("%d lines for %s windows", len(lines), total)
			}
			last := lines[len(lines)-1]
			if entries, _ := strconv.Atoi(last[3]); entries != 5*30 {
				t.Errorf("entries in the last line = %d, want %d", entries, 5*30)
			}
			if reqs, _ := strconv.Atoi(last[4]); reqs < len(lines) {
				t.Errorf("requests in the last line = %d, want at least one per window", reqs)
			}
		})
	}
}

// TestRunLogsBackfillProgress checks the progress log of `clockbot run`
// through a real first backfill from the fake Clockify: info lines after
// the first window, then no closer than 10 s apart on the injected clock,
// and after the last; the next, ordinary pass logs none.
func TestRunLogsBackfillProgress(t *testing.T) {
	fake := clockifytest.NewTB(t)
	fake.Generate(3, 10, time.Now().UTC().AddDate(0, 0, -300), 300)
	fakeEnv(t, fake)
	t.Setenv("SYNC_BACKFILL_DAYS", "365")
	var (
		mu  sync.Mutex
		now = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	)
	old := progressClock
	progressClock = func() time.Time { // every window takes 4 s
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(4 * time.Second)
		return now
	}
	t.Cleanup(func() { progressClock = old })

	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a, err := setup(t.Context(), cfg, &logs, setupOptions{logBackfill: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.syncer.Sync(t.Context(), syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`level=INFO msg="sync backfill progress" component=sync windows_done=(\d+) windows_total=(\d+)`)
	got := re.FindAllStringSubmatch(logs.String(), -1)
	if len(got) == 0 {
		t.Fatalf("no progress logged:\n%s", logs.String())
	}
	total, _ := strconv.Atoi(got[0][2])
	var done []int
	for _, g := range got {
		n, _ := strconv.Atoi(g[1])
		done = append(done, n)
	}
	// 4 s a window: the first, then every third (12 s >= 10 s), and the last.
	var want []int
	for n := 1; n < total; n += 3 {
		want = append(want, n)
	}
	want = append(want, total)
	if total < 12 || !slices.Equal(done, want) {
		t.Errorf("logged windows %v of %d, want %v", done, total, want)
	}

	logs.Reset()
	if _, err := a.syncer.Sync(t.Context(), syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "progress") {
		t.Errorf("an ordinary pass logged progress:\n%s", logs.String())
	}
}

// TestIsTerminal checks the terminal detection: buffers, pipes and
// regular files are not terminals.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, out := range map[string]io.Writer{"buffer": &bytes.Buffer{}, "pipe": w, "file": f} {
		t.Run(name, func(t *testing.T) {
			if isTerminal(out) {
				t.Errorf("isTerminal(%s) = true", name)
			}
		})
	}
}
