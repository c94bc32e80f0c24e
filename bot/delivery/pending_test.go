package delivery

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// weeklyPosted returns, per Clockify user, the conversations holding their
// weekly message of week and those conversations' members (the bot left
// out, sorted), one entry per stored message.
func weeklyPosted(t testing.TB, sl *slacktest.Server, week string) map[string][][]string {
	t.Helper()
	out := map[string][][]string{}
	for ch, msgs := range sl.AllMessages() {
		conv, _ := sl.Conversation(ch)
		members := slices.DeleteFunc(slices.Clone(conv.Members), func(m string) bool { return m == sl.BotUserID })
		slices.Sort(members)
		for _, m := range msgs {
			var md struct {
				EventType    string            `json:"event_type"`
				EventPayload map[string]string `json:"event_payload"`
			}
			if json.Unmarshal(m.Metadata, &md) == nil && md.EventType == WeeklyReportEvent && md.EventPayload["week"] == week {
				out[md.EventPayload["user"]] = append(out[md.EventPayload["user"]], members)
			}
		}
	}
	return out
}

// addFlagged adds a Clockify and Slack user who logged one 8 h day in
// week 46, so they are flagged, managed by Mia.
func addFlagged(f *weeklyFixture, id, slackID, email, name string) {
	f.cf.AddUser(clockifytest.User{ID: id, Email: email, Name: name, TimeZone: "UTC"})
	f.sl.AddUser(slacktest.User{ID: slackID, Email: email, Name: strings.ToLower(name), RealName: name, TZ: "UTC"})
	f.cf.SetManagers(id, "c-mia")
	start := w46.Add(9 * time.Hour)
	end := start.Add(8 * time.Hour)
	f.cf.AddEntry(clockifytest.Entry{UserID: id, Start: start, End: &end})
}

// useRetryingSlack rebuilds f's runner on a Slack client that goes through
// SlackHTTPClient with a short timeout; its waits advance f's clock and are
// recorded in the returned recorder.
func useRetryingSlack(f *weeklyFixture, timeout time.Duration) *bottest.WaitRecorder {
	rec := &bottest.WaitRecorder{Clock: f.clock}
	sc := slack.New(f.sl.BotToken, slack.OptionAPIURL(f.sl.APIURL),
		slack.OptionHTTPClient(slackhttp.New(slackhttp.Config{Timeout: timeout, Sleep: rec.Sleep, Now: f.clock.Now})))
	old := f.runner
	rp := report.New(f.store, f.reportCfg, people.New(nil, f.store, people.Config{}, nil), people.NewEmailDirectory(sc, f.store, f.clock.Now), old.log)
	dl := New(sc, f.store, Config{Mode: GroupDM, Admins: []string{"UADMIN"}, BotUserID: f.sl.BotUserID}, rec.Sleep, f.clock.Now, old.log)
	f.runner = NewWeeklyRunner(old.syncer, rp, dl, f.store, old.schedule, f.clock.Now, old.log)
	return rec
}

// TestReportSendSurvivesSlackFaults is one `report --send` run (RunWeek)
// while Slack answers 429 three times, fails conversations.open and
// chat.postMessage once each with 500 and hangs one call: every flagged
// person still gets exactly one message, with their manager, and the run
// takes under two minutes of (simulated) time, the hang counted at 10 s.
func TestReportSendSurvivesSlackFaults(t *testing.T) {
	hangs := []string{"users.lookupByEmail", "conversations.open", "chat.postMessage", "conversations.history"}
	for _, hung := range hangs {
		t.Run("hang "+hung, func(t *testing.T) {
			f := newWeeklyFixture(t)
			addFlagged(f, "c-dan", "UDAN", "dan@example.com", "Dan")
			addFlagged(f, "c-eve", "UEVE", "eve@example.com", "Eve")
			waits := useRetryingSlack(f, 500*time.Millisecond)
			f.sl.RateLimit("users.lookupByEmail", 3, 5)
			f.sl.ServerError("conversations.open", 500, 1)
			f.sl.ServerError("chat.postMessage", 500, 1)
			f.sl.HangMethod(hung, 1)
			start := f.clock.Now()
			sum, err := f.runner.RunWeek(t.Context(), mustWeek(t, "2026-W46"))
			if err != nil {
				t.Fatalf("RunWeek() error: %v", err)
			}
			if len(sum.Failed)+len(sum.Pending) != 0 || sum.Delivered != 3 {
				t.Errorf("summary = %+v, want 3 delivered", sum)
			}
			got := weeklyPosted(t, f.sl, "2026-W46")
			for _, who := range []struct{ id, slack string }{{"c-ann", "UANN"}, {"c-dan", "UDAN"}, {"c-eve", "UEVE"}} {
				want := [][]string{{who.slack, "UMIA"}}
				if !slices.EqualFunc(got[who.id], want, slices.Equal) {
					t.Errorf("%s's weekly messages went to %v, want exactly one to %v", who.id, got[who.id], want)
				}
			}
			if len(got) != 3 {
				t.Errorf("weekly messages for %d people, want 3: %v", len(got), got)
			}
			took := f.clock.Now().Sub(start) + 10*time.Second
			t.Logf("simulated run time %s, waits %v", took, waits.Waits())
			if took > 2*time.Minute {
				t.Errorf("the run waited %s (waits %v), want under 2 minutes", took, waits.Waits())
			}
			if n := countDigests(f, "UADMIN"); n != 1 {
				t.Errorf("admin digests = %d, want 1", n)
			}
		})
	}
}

// TestWeeklyPendingAfterSlackFailure: under `run`, a passing Slack failure
// leaves the week open; the digest names who waits and why; a later
// attempt delivers, with the manager, and closes the week. A person is
// never taken for "no Slack account" and never messaged without the
// manager the rules name because a lookup failed.
func TestWeeklyPendingAfterSlackFailure(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *weeklyFixture)
	}{
		{"person's lookup rate limited", func(f *weeklyFixture) {
			f.sl.RateLimit("users.lookupByEmail", 2, 1)
		}},
		{"manager's lookup rate limited", func(f *weeklyFixture) {
			// Ann is known, so the first lookup Slack sees is her manager's.
			if err := f.store.PutSlackUser(store.SlackUser{Email: "ann@example.com", SlackID: "UANN", LookedUpAt: f.clock.Now()}); err != nil {
				t.Fatal(err)
			}
			f.sl.RateLimit("users.lookupByEmail", 2, 1)
		}},
		{"manager's lookup fails with 500", func(f *weeklyFixture) {
			if err := f.store.PutSlackUser(store.SlackUser{Email: "ann@example.com", SlackID: "UANN", LookedUpAt: f.clock.Now()}); err != nil {
				t.Fatal(err)
			}
			f.sl.ServerError("users.lookupByEmail", 500, 1)
		}},
		{"every post fails with 500", func(f *weeklyFixture) {
			f.sl.ServerError("chat.postMessage", 503, 3)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWeeklyFixture(t)
			tt.setup(f)
			retryAt, err := f.runner.Attempt(t.Context())
			if err != nil || retryAt.IsZero() {
				t.Fatalf("Attempt() = %v, %v; want a retry time", retryAt, err)
			}
			if end := time.Date(2026, 11, 17, 0, 0, 0, 0, time.UTC); retryAt.After(end) {
				t.Errorf("retry at %v, after the end of report day %v", retryAt, end)
			}
			if got := weeklyPosted(t, f.sl, "2026-W46"); len(got) != 0 {
				t.Fatalf("weekly messages sent while Slack failed: %v", got)
			}
			digest := adminDigestText(f, "UADMIN")
			if !strings.Contains(digest, "1 still pending") || !strings.Contains(digest, "ann@example.com") || strings.Contains(digest, "could not be delivered") {
				t.Errorf("digest = %q, want Ann listed as pending, nobody undelivered", digest)
			}
			for tries := 0; !retryAt.IsZero(); tries++ {
				if tries == 3 {
					t.Fatalf("not done after %d more attempts", tries)
				}
				if got := weeklyPosted(t, f.sl, "2026-W46"); len(got) != 0 {
					t.Fatalf("weekly messages sent while Slack failed: %v", got)
				}
				f.clock.Set(retryAt)
				if retryAt, err = f.runner.Attempt(t.Context()); err != nil {
					t.Fatalf("Attempt() error: %v", err)
				}
			}
			want := [][]string{{"UANN", "UMIA"}}
			if got := weeklyPosted(t, f.sl, "2026-W46"); !slices.EqualFunc(got["c-ann"], want, slices.Equal) || len(got) != 1 {
				t.Errorf("weekly messages = %v, want one to Ann and Mia", got)
			}
			if n := countDigests(f, "UADMIN"); n != 1 {
				t.Errorf("admin digests = %d, want 1", n)
			}
		})
	}
}

// TestWeeklyPendingGivenUpAtEndOfDay: people still pending at the end of
// report day are given up, the admins are told, and the week is closed.
func TestWeeklyPendingGivenUpAtEndOfDay(t *testing.T) {
	f := newWeeklyFixture(t)
	f.sl.RateLimit("users.lookupByEmail", 0, 1)
	var tries int
	for {
		retryAt, err := f.runner.Attempt(t.Context())
		if retryAt.IsZero() {
			if err == nil || !strings.Contains(err.Error(), "still pending") {
				t.Errorf("last Attempt() error = %v, want the pending people given up", err)
			}
			break
		}
		if tries++; tries > 100 {
			t.Fatal("still retrying after 100 attempts")
		}
		f.clock.Set(retryAt)
	}
	if end := time.Date(2026, 11, 17, 0, 0, 0, 0, time.UTC); !f.clock.Now().Equal(end) {
		t.Errorf("given up at %v, want the end of report day %v", f.clock.Now(), end)
	}
	if n := countAdminTexts(f, "UADMIN", "given up for"); n != 1 {
		t.Errorf("admins told %d times that people were given up, want 1", n)
	}
	if got := weeklyPosted(t, f.sl, "2026-W46"); len(got) != 0 {
		t.Errorf("weekly messages = %v, want none", got)
	}
	if retryAt, err := f.runner.Attempt(t.Context()); err != nil || !retryAt.IsZero() {
		t.Errorf("Attempt() after giving up = %v, %v; want nothing to do", retryAt, err)
	}
}

// adminDigestText returns the text of the digest posted to adminID.
func adminDigestText(f *weeklyFixture, adminID string) string {
	for _, m := range f.sl.Messages(adminID) {
		if strings.Contains(string(m.Metadata), DigestEvent) {
			return m.Text
		}
	}
	return ""
}

func mustWeek(t *testing.T, s string) weekly.Week {
	t.Helper()
	w, err := weekly.ParseWeek(s)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestReportSendWithinSlackRateTiers: a run that needs more calls than
// Slack's tiers allow a minute (60 flagged people: 60 users.lookupByEmail
// and conversations.open, Tier 3, 50 a minute) waits out the Retry-After
// on the shared clock and delivers everyone exactly once.
func TestReportSendWithinSlackRateTiers(t *testing.T) {
	f := newWeeklyFixture(t)
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
	want := []string{"c-ann"}
	for i := range 59 {
		id := "c-p" + strconv.Itoa(i)
		addFlagged(f, id, "UP"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@example.com", "P"+strconv.Itoa(i))
		want = append(want, id)
	}
	waits := useRetryingSlack(f, time.Second)
	sum, err := f.runner.RunWeek(t.Context(), mustWeek(t, "2026-W46"))
	if err != nil {
		t.Fatalf("RunWeek() error: %v", err)
	}
	if sum.Delivered != 60 || len(sum.Failed)+len(sum.Pending) != 0 {
		t.Errorf("summary: %d delivered, failed %v, pending %v; want 60 delivered", sum.Delivered, sum.Failed, sum.Pending)
	}
	got := weeklyPosted(t, f.sl, "2026-W46")
	for _, id := range want {
		if len(got[id]) != 1 {
			t.Errorf("%s got %d weekly messages, want 1", id, len(got[id]))
		}
	}
	if len(got) != len(want) {
		t.Errorf("weekly messages for %d people, want %d", len(got), len(want))
	}
	if len(f.sl.Calls("users.lookupByEmail")) <= 60 || waits.Total() < 30*time.Second {
		t.Errorf("lookups %d, waited %s: want the Tier 3 limit reached and waited out", len(f.sl.Calls("users.lookupByEmail")), waits.Total())
	}
}
