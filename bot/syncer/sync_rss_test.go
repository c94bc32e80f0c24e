package syncer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// rssFakeEnv, when set to "users,perUser", makes TestRSSFakeClockify serve
// a generated week from this test binary in a process of its own, so that
// the fake's memory does not count in the benchmark's.
const rssFakeEnv = "CLOCKBOT_RSS_FAKE"

// rssMonday and rssNow place the generated week in the recent window.
var (
	rssMonday = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	rssNow    = rssMonday.Add(4*24*time.Hour + 12*time.Hour)
)

// TestRSSFakeClockify is not a test: the benchmarks run it in a child
// process to serve the fake Clockify (startChildFake). It prints the
// fake's URLs, serves until its standard input closes, then prints how
// many requests the paid plan's rate limit refused.
func TestRSSFakeClockify(t *testing.T) {
	spec := os.Getenv(rssFakeEnv)
	if spec == "" {
		t.Skip("only a child process of BenchmarkSyncSteadyRSS serves the fake")
	}
	var users, per int
	var latency time.Duration
	if _, err := fmt.Sscanf(spec, "%d,%d,%d", &users, &per, &latency); err != nil {
		t.Fatal(err)
	}
	fake := clockifytest.NewTB(t, clockifytest.WithClock(func() time.Time { return rssNow }),
		clockifytest.WithLatency(latency), clockifytest.WithPaidPlanRate(nil))
	fake.Generate(users, per, rssMonday, 1)
	fmt.Printf("FAKE %s %s %s %s\n", fake.APIKey, fake.APIURL, fake.ReportsURL, fake.WorkspaceID)
	io.Copy(io.Discard, os.Stdin)
	fmt.Printf("RATELIMITED %d\n", fake.RateLimited())
}

// childFake is a fake Clockify served by a child process of the test
// binary, so that neither its memory nor its garbage collection counts in
// the benchmark's process.
type childFake struct {
	key, apiURL, reportsURL, workspaceID string
	stop                                 func() (rateLimited int)
}

// startChildFake starts a fake Clockify of users users with per entries
// each in the week of rssMonday, answering after latency and held to the
// paid plan's rate, in a child process. stop ends it and returns the
// requests it refused for the rate.
func startChildFake(b *testing.B, users, per int, latency time.Duration) childFake {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRSSFakeClockify$", "-test.v")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d,%d,%d", rssFakeEnv, users, per, latency))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var f childFake
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if w := strings.Fields(sc.Text()); len(w) == 5 && w[0] == "FAKE" {
			f.key, f.apiURL, f.reportsURL, f.workspaceID = w[1], w[2], w[3], w[4]
			break
		}
	}
	if f.key == "" {
		stdin.Close()
		cmd.Wait()
		b.Fatal("the fake Clockify process did not start")
	}
	limited := make(chan int, 1)
	go func() {
		n := -1
		for sc.Scan() {
			if w := strings.Fields(sc.Text()); len(w) == 2 && w[0] == "RATELIMITED" {
				n, _ = strconv.Atoi(w[1])
			}
		}
		limited <- n
	}()
	f.stop = func() int {
		stdin.Close()
		n := <-limited
		cmd.Wait()
		return n
	}
	b.Cleanup(func() { stdin.Close() })
	return f
}

// BenchmarkSyncSteadyRSS measures a steady sync pass (the week already
// stored, nothing changed) with the production client options at 2,000
// users / 80,000 entries and 10,000 / 400,000, the fake Clockify in a
// child process. It reports the pass's peak RSS (VmHWM, reset after the
// first pass through /proc/self/clear_refs) and its split into anonymous
// memory and mapped file pages (sampled every 10 ms), the pass's wall and
// CPU time, the longest store write
// transaction of the steady pass, the file growth of the re-sync, and
// the requests of both passes against the budget ceil(E/1000)+10:
//
//	go test ./bot/syncer -run '^$' -bench BenchmarkSyncSteadyRSS -benchtime 1x
func BenchmarkSyncSteadyRSS(b *testing.B) {
	for _, users := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("users=%d", users), func(b *testing.B) { benchmarkSyncSteadyRSS(b, users, 40) })
	}
}

func benchmarkSyncSteadyRSS(b *testing.B, users, per int) {
	fake := startChildFake(b, users, per, 0)
	defer fake.stop()
	key, apiURL, reportsURL, ws := fake.key, fake.apiURL, fake.reportsURL, fake.workspaceID
	api, err := clockify.NewClient(key, clockify.WithBaseURL(apiURL), clockify.WithReportsURL(reportsURL))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "rss.db")
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s := New(api, st, Config{WorkspaceID: ws, BackfillDays: 7}, func() time.Time { return rssNow }, log)
	ctx := context.Background()
	first, err := s.Sync(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	firstHWM, firstWrite := vmHWM(b), st.LongestWrite()
	size0 := fileSize(b, path)
	// A fresh Store and Syncer, so that LongestWrite covers the steady
	// pass alone.
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if st, err = store.Open(path); err != nil {
		b.Fatal(err)
	}
	s = New(api, st, Config{WorkspaceID: ws, BackfillDays: 7}, func() time.Time { return rssNow }, log)
	for b.Loop() {
		runtime.GC()
		debug.FreeOSMemory()
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			b.Fatalf("reset the peak RSS: %v", err)
		}
		user0, sys0, flt0 := cpuTime(b)
		start := time.Now()
		stop := make(chan struct{})
		sampled := make(chan rssSample)
		go sampleRSS(stop, sampled)
		res, err := s.Sync(ctx, Options{})
		close(stop)
		peak := <-sampled
		wall := time.Since(start)
		user1, sys1, flt1 := cpuTime(b)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(wall.Seconds(), "pass-s")
		b.ReportMetric((user1 - user0 + sys1 - sys0).Seconds(), "pass-cpu-s")
		b.ReportMetric((sys1 - sys0).Seconds(), "pass-sys-cpu-s")
		b.ReportMetric(float64(flt1-flt0), "pass-minor-faults")
		b.ReportMetric(float64(vmHWM(b))/(1<<20), "peak-RSS-MB")
		b.ReportMetric(float64(peak.anon)/(1<<20), "sampled-peak-RssAnon-MB")
		b.ReportMetric(float64(peak.file)/(1<<20), "sampled-peak-RssFile-MB")
		b.ReportMetric(float64(firstHWM)/(1<<20), "first-pass-peak-RSS-MB")
		b.ReportMetric(float64(st.LongestWrite().Microseconds())/1000, "longest-write-ms")
		b.ReportMetric(float64(firstWrite.Microseconds())/1000, "first-pass-longest-write-ms")
		b.ReportMetric(float64(size0)/(1<<20), "db-MB")
		b.ReportMetric(100*float64(fileSize(b, path)-size0)/float64(size0), "file-growth-%")
		b.ReportMetric(float64(res.Entries), "entries")
		b.ReportMetric(float64(res.Requests), "requests")
		b.ReportMetric(float64(first.Requests), "first-pass-requests")
		b.ReportMetric(float64((res.Entries+999)/1000+10), "budget")
	}
	b.ReportMetric(0, "ns/op")
}

// cpuTime reads the user and system CPU time this process used so far
// from /proc/self/stat (in ticks of 10 ms, Linux's USER_HZ), and its minor
// page faults (a page mapped in from the page cache).
func cpuTime(b *testing.B) (user, sys time.Duration, minflt int64) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command name, which is in parentheses:
	// state is the first, minflt the 8th, utime the 12th and stime the
	// 13th.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		b.Fatalf("short /proc/self/stat: %q", data)
	}
	minflt, err0 := strconv.ParseInt(f[7], 10, 64)
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err0, err1, err2); err != nil {
		b.Fatalf("read /proc/self/stat: %v", err)
	}
	return time.Duration(u) * 10 * time.Millisecond, time.Duration(s) * 10 * time.Millisecond, minflt
}

// rssSample is this process's resident set, split as /proc/self/status
// splits it.
type rssSample struct{ anon, file, shmem int64 }

// readRSS reads this process's resident set now.
func readRSS() (rssSample, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return rssSample{}, err
	}
	var r rssSample
	for line := range bytes.Lines(data) {
		f := strings.Fields(string(line))
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "RssAnon:":
			r.anon = kb << 10
		case "RssFile:":
			r.file = kb << 10
		case "RssShmem:":
			r.shmem = kb << 10
		}
	}
	return r, nil
}

// sampleRSS reads the resident set every 10 ms until stop closes, then
// sends the sample with the largest total: the split of the peak (VmHWM
// itself is exact, the split only as good as the sampling).
func sampleRSS(stop <-chan struct{}, peak chan<- rssSample) {
	var best rssSample
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		if r, err := readRSS(); err == nil && r.anon+r.file+r.shmem > best.anon+best.file+best.shmem {
			best = r
		}
		select {
		case <-stop:
			peak <- best
			return
		case <-t.C:
		}
	}
}

// vmHWM reads this process's peak resident set size in bytes.
func vmHWM(b *testing.B) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for line := range bytes.Lines(data) {
		if f := strings.Fields(string(line)); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// fileSize is the size of the file at path.
func fileSize(b *testing.B, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}
