package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// count429 counts the answers Slack gave with HTTP 429.
type count429 struct {
	next http.RoundTripper
	n    atomic.Int64
}

func (c *count429) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.n.Add(1)
	}
	return resp, err
}

// BenchmarkPacedDelivery builds the report of 5,000 flagged people, none
// looked up yet, and delivers it as the weekly run does (RunWeek): each
// person is looked up by email (users.lookupByEmail, Tier 3) just before
// their group DM is opened (conversations.open, Tier 3) and their message
// posted (chat.postMessage, each person in their own conversation), then
// the admins' digest goes out, through the production Slack client
// (slackhttp, with its Pacer) against the fake Slack, which answers 429
// past each tier on the same simulated clock. It reports the simulated
// time of the whole run against the overlapped floor, the floor of its
// slowest method (the fake's sliding minute taken in full bursts:
// ceil(calls/50)-1 minutes), the 429s received and the people who got more
// than one message.
func BenchmarkPacedDelivery(b *testing.B) {
	const flagged = 5000
	for b.Loop() {
		b.StopTimer()
		pt := newPacedTeam(b, flagged, nil)
		b.StartTimer()

		t0 := pt.clk.Now()
		rep, err := pt.rp.BuildUnresolved(weekly.Week{Year: 2026, Num: 46}, pt.clk.Now())
		if err != nil {
			b.Fatalf("build: %v", err)
		}
		res := pt.rp.SlackResolver()
		sum, err := pt.dl.DeliverResolving(context.Background(), &rep, res)
		if err != nil {
			b.Fatal(err)
		}
		if err := res.Err(); err != nil {
			b.Fatalf("lookups: %v", err)
		}
		if err := pt.dl.SendDigest(context.Background(), sum); err != nil {
			b.Fatal(err)
		}
		t1 := pt.clk.Now()

		b.StopTimer()
		sl := pt.sl
		if sum.Flagged != flagged || sum.Delivered != flagged {
			b.Fatalf("flagged %d, delivered %d, want %d each (failed %v, pending %v)", sum.Flagged, sum.Delivered, flagged, sum.Failed, sum.Pending)
		}
		dups := 0
		for _, convs := range weeklyPosted(b, sl, "2026-W46") {
			dups += len(convs) - 1
		}
		lookups, opens := len(sl.Calls("users.lookupByEmail")), len(sl.Calls("conversations.open"))
		floor := max(tierFloor(lookups), tierFloor(opens))
		b.ReportMetric(t1.Sub(t0).Minutes(), "total-min")
		b.ReportMetric(tierFloor(lookups).Minutes(), "lookup-floor-min")
		b.ReportMetric(tierFloor(opens).Minutes(), "open-floor-min")
		b.ReportMetric(floor.Minutes(), "floor-min")
		b.ReportMetric(t1.Sub(t0).Minutes()/floor.Minutes(), "x-floor")
		b.ReportMetric(sum.Elapsed.Minutes(), "digest-min")
		b.ReportMetric(float64(pt.rt.n.Load()), "429s")
		b.ReportMetric(float64(dups), "duplicates")
		b.ReportMetric(float64(lookups), "lookups")
		b.ReportMetric(float64(opens), "opens")
		b.ReportMetric(float64(len(sl.Calls("chat.postMessage"))), "posts")
		b.StartTimer()
	}
}

// pacedTeam is n flagged people (one 8-hour day each in week 46) in the
// store and the fake Slack, none looked up yet, with a report builder and
// a deliverer on the production Slack client, all on one simulated clock.
type pacedTeam struct {
	clk *bottest.Clock
	sl  *slacktest.Server
	st  *store.Store
	rt  *count429
	rp  *report.Builder
	dl  *Deliverer
}

func newPacedTeam(tb testing.TB, n int, log *slog.Logger) *pacedTeam {
	tb.Helper()
	pt := &pacedTeam{clk: bottest.NewClock(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))}
	pt.sl = slacktest.NewTB(tb, slacktest.WithClock(pt.clk.Now))
	st, err := store.Open(filepath.Join(tb.TempDir(), "paced.db"))
	if err != nil {
		tb.Fatal(err)
	}
	pt.st = st
	tb.Cleanup(func() { st.Close() })
	batch := store.Batch{}
	win := store.EntryWindow{From: w46, To: w46.AddDate(0, 0, 7)}
	for i := range n {
		id, email := fmt.Sprintf("c%05d", i), fmt.Sprintf("p%05d@example.com", i)
		batch.Users = append(batch.Users, store.User{ID: id, Email: email, Name: id, TimeZone: "UTC", Status: "ACTIVE"})
		pt.sl.AddUser(slacktest.User{ID: fmt.Sprintf("U%05d", i), Email: email, Name: id})
		start := w46.Add(9 * time.Hour)
		win.Entries = append(win.Entries, store.Entry{ID: id + "-e", UserID: id, Start: start, End: start.Add(8 * time.Hour)})
	}
	pt.sl.AddUser(slacktest.User{ID: "UADMIN", Email: "admin@example.com", Name: "admin"})
	batch.Windows = []store.EntryWindow{win}
	if err := st.Apply(batch); err != nil {
		tb.Fatal(err)
	}
	pt.rt = &count429{next: http.DefaultTransport}
	rec := &bottest.WaitRecorder{Clock: pt.clk}
	api := slack.New(pt.sl.BotToken, slack.OptionAPIURL(pt.sl.APIURL),
		slack.OptionHTTPClient(slackhttp.New(slackhttp.Config{Sleep: rec.Sleep, Now: pt.clk.Now, Transport: pt.rt})))
	pt.rp = report.New(st, report.Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), people.NewEmailDirectory(api, st, pt.clk.Now), log)
	pt.dl = New(api, st, Config{Mode: GroupDM, Admins: []string{"UADMIN"}, BotUserID: pt.sl.BotUserID}, rec.Sleep, pt.clk.Now, log)
	return pt
}
