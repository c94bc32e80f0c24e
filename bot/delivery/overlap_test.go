package delivery

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/slack-go/slack"
)

// tierFloor is the least time Slack's Tier 3 (50 calls in any minute, the
// fake's sliding minute) allows calls to take: full bursts a minute apart.
func tierFloor(calls int) time.Duration {
	if calls == 0 {
		return 0
	}
	return time.Duration((calls+49)/50-1) * time.Minute
}

// usePacedSlack rebuilds f's runner on a clocked fake Slack holding f's
// people and on the production Slack client (slackhttp, its Pacer), whose
// waits advance f's clock; it returns the counter of Slack's 429 answers.
// Everything logs to logs.
func usePacedSlack(t *testing.T, f *weeklyFixture, logs *bottest.LogWatch) *count429 {
	t.Helper()
	f.sl = slacktest.NewTB(t, slacktest.WithClock(f.clock.Now))
	for _, u := range []slacktest.User{
		{ID: "UANN", Email: "ann@example.com", Name: "ann", TZ: "UTC"},
		{ID: "UBOB", Email: "bob@example.com", Name: "bob", TZ: "UTC"},
		{ID: "UCAT", Email: "cat@example.com", Name: "cat", TZ: "UTC"},
		{ID: "UMIA", Email: "mia@example.com", Name: "mia", TZ: "UTC"},
		{ID: "UADMIN", Email: "admin@example.com", Name: "admin"},
	} {
		f.sl.AddUser(u)
	}
	rt := &count429{next: http.DefaultTransport}
	rec := &bottest.WaitRecorder{Clock: f.clock}
	sc := slack.New(f.sl.BotToken, slack.OptionAPIURL(f.sl.APIURL),
		slack.OptionHTTPClient(slackhttp.New(slackhttp.Config{Sleep: rec.Sleep, Now: f.clock.Now, Transport: rt})))
	log := logs.Logger()
	old := f.runner
	rp := report.New(f.store, f.reportCfg, people.New(nil, f.store, people.Config{}, nil), people.NewEmailDirectory(sc, f.store, f.clock.Now), log)
	dl := New(sc, f.store, Config{Mode: GroupDM, Admins: []string{"UADMIN"}, BotUserID: f.sl.BotUserID}, rec.Sleep, f.clock.Now, log)
	f.runner = NewWeeklyRunner(old.syncer, rp, dl, f.store, old.schedule, f.clock.Now, log)
	return rt
}

// TestReportSendOverlapsLookupsAndDelivery is two weekly runs (RunWeek, as
// `report --send` and the schedule run it) of 120 flagged people, each in
// their own group DM with their manager, through the production Slack
// client against the fake Slack's Tier 3 limits (users.lookupByEmail and
// conversations.open, 50 a minute each) on a simulated clock. The first
// week looks everyone up: the lookups overlap the conversations, so the
// run takes the floor of its slowest method (121 calls: 2 minutes), not the
// lookups plus the delivery (4 minutes). A week later the accounts are
// still cached: no lookup at all. Both weeks: Slack never answers 429,
// everyone gets exactly one message, the log shows the progress and the
// digest says how long the delivery took.
func TestReportSendOverlapsLookupsAndDelivery(t *testing.T) {
	const n = 120 // Ann and 119 more, all managed by Mia
	f := newWeeklyFixture(t)
	want := []string{"c-ann"}
	for i := range n - 1 {
		id := "c-p" + strconv.Itoa(i)
		addFlagged(f, id, "UP"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@example.com", "P"+strconv.Itoa(i))
		want = append(want, id)
	}
	// Bob and Mia work their week 47 too, so only the same 120 are flagged.
	for _, id := range []string{"c-bob", "c-mia"} {
		for d := range 5 {
			start := w46.AddDate(0, 0, 7+d).Add(9 * time.Hour)
			end := start.Add(8 * time.Hour)
			f.cf.AddEntry(clockifytest.Entry{UserID: id, Start: start, End: &end})
		}
	}
	logs := bottest.NewLogWatch()
	rt := usePacedSlack(t, f, logs)
	for i := range n - 1 {
		f.sl.AddUser(slacktest.User{ID: "UP" + strconv.Itoa(i), Email: "p" + strconv.Itoa(i) + "@example.com", Name: "p" + strconv.Itoa(i), TZ: "UTC"})
	}

	tests := []struct {
		week     string
		at       time.Time
		lookups  int      // users.lookupByEmail calls of the run
		progress []string // "done" of the run's progress lines
	}{
		// 121 lookups (Mia once) and 121 conversations (the admin's
		// digest): bursts of 50 at 0, 1 and 2 minutes, each person looked
		// up just before their conversation is opened.
		{"2026-W46", time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC), n + 1, []string{"50", "100", "120"}},
		// A week later nobody is looked up again: only the conversations
		// wait for their tier.
		{"2026-W47", time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), 0, []string{"51", "101", "120"}},
	}
	for _, tc := range tests {
		t.Run(tc.week, func(t *testing.T) {
			f.clock.Set(tc.at)
			lookups0, opens0, posts0, logs0 := len(f.sl.Calls("users.lookupByEmail")), len(f.sl.Calls("conversations.open")), len(f.sl.Calls("chat.postMessage")), len(logs.Entries())
			sum, err := f.runner.RunWeek(t.Context(), mustWeek(t, tc.week))
			if err != nil {
				t.Fatalf("RunWeek() error: %v", err)
			}
			took := f.clock.Now().Sub(tc.at)
			if sum.Delivered != n || len(sum.Failed)+len(sum.Pending) != 0 {
				t.Fatalf("summary: %d delivered, failed %v, pending %v; want %d delivered", sum.Delivered, sum.Failed, sum.Pending, n)
			}
			lookups := len(f.sl.Calls("users.lookupByEmail")) - lookups0
			opens := len(f.sl.Calls("conversations.open")) - opens0
			if lookups != tc.lookups || opens != n+1 {
				t.Errorf("calls: %d users.lookupByEmail, %d conversations.open; want %d and %d", lookups, opens, tc.lookups, n+1)
			}
			floor := max(tierFloor(lookups), tierFloor(opens))
			if took > floor*11/10 {
				t.Errorf("the run took %s of simulated time, want at most 1.1 × the floor of its slowest method, %s (lookups alone %s, conversations alone %s)",
					took, floor, tierFloor(lookups), tierFloor(opens))
			}
			if got := rt.n.Load(); got != 0 {
				t.Errorf("Slack answered 429 %d times, want none", got)
			}
			if posts := len(f.sl.Calls("chat.postMessage")) - posts0; posts != n+1 {
				t.Errorf("%d chat.postMessage calls, want %d (one each and the digest)", posts, n+1)
			}
			got := weeklyPosted(t, f.sl, tc.week)
			for _, id := range want {
				if len(got[id]) != 1 {
					t.Errorf("%s got %d weekly messages, want 1", id, len(got[id]))
				}
			}
			if len(got) != len(want) {
				t.Errorf("weekly messages for %d people, want %d", len(got), len(want))
			}
			var done []string
			for _, e := range logs.Entries()[logs0:] {
				if e.Msg == "weekly delivery progress" && e.Attrs["week"] == tc.week {
					if e.Attrs["of"] != strconv.Itoa(n) {
						t.Errorf("progress line %v, want of %d", e.Attrs, n)
					}
					done = append(done, e.Attrs["done"])
				}
			}
			if strings.Join(done, ",") != strings.Join(tc.progress, ",") {
				t.Errorf("progress lines at done = %v, want %v", done, tc.progress)
			}
			wantDigest := "\nDelivery took 2m: 120 sent by this run"
			if digest := weekDigest(f, tc.week); !strings.Contains(digest, wantDigest) {
				t.Errorf("digest = %q, want it to say %q", digest, wantDigest)
			}
		})
	}
}

// weekDigest is the text of the admin digest of week.
func weekDigest(f *weeklyFixture, week string) string {
	for _, m := range f.sl.Messages("UADMIN") {
		if strings.HasPrefix(m.Text, "Weekly report "+week+":") {
			return m.Text
		}
	}
	return ""
}
