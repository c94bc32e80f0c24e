package delivery

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/weekly"
)

// TestPacedDeliveryProgress builds and delivers the weekly report of 120
// flagged people, none looked up before, through the production Slack
// client against the fake Slack's tiers on a simulated clock: Slack never
// answers 429, everyone gets exactly one message, the log shows the
// progress every 10 s and at the end, and the digest says how long the
// delivery took.
func TestPacedDeliveryProgress(t *testing.T) {
	const n = 120
	logs := bottest.NewLogWatch()
	pt := newPacedTeam(t, n, logs.Logger())
	ctx := bottest.Ctx(t)
	rep, warn, err := pt.rp.Build(ctx, weekly.Week{Year: 2026, Num: 46}, pt.clk.Now())
	if err != nil || warn != nil {
		t.Fatalf("Build() = %v, %v", err, warn)
	}
	sum, err := pt.dl.Deliver(ctx, rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := pt.dl.SendDigest(ctx, sum); err != nil {
		t.Fatal(err)
	}
	if sum.Delivered != n {
		t.Fatalf("delivered %d, want %d (failed %v, pending %v)", sum.Delivered, n, sum.Failed, sum.Pending)
	}
	if got := pt.rt.n.Load(); got != 0 {
		t.Errorf("Slack answered 429 %d times, want none", got)
	}
	for user, convs := range weeklyPosted(t, pt.sl, "2026-W46") {
		if len(convs) != 1 {
			t.Errorf("%s got %d weekly messages, want 1", user, len(convs))
		}
	}
	// 120 conversations.open at Tier 3 (50 a minute): 50, 50 a minute
	// later, 20 a minute after that.
	if want := 2 * time.Minute; sum.Elapsed != want {
		t.Errorf("delivery took %s of simulated time, want %s", sum.Elapsed, want)
	}
	// A line when 10 s have passed (the 51st and 101st wait a minute for
	// their conversation) and one at the end.
	tests := []struct{ done, of string }{{"51", "120"}, {"101", "120"}, {"120", "120"}}
	for _, tc := range tests {
		t.Run("progress at "+tc.done, func(t *testing.T) {
			if _, err := logs.Wait(ctx, "weekly delivery progress", map[string]string{"done": tc.done, "of": tc.of}); err != nil {
				t.Errorf("no progress line for %s of %s: %v", tc.done, tc.of, err)
			}
		})
	}
	var digests []string
	for _, msgs := range pt.sl.AllMessages() {
		for _, m := range msgs {
			if strings.HasPrefix(m.Text, "Weekly report 2026-W46:") {
				digests = append(digests, m.Text)
			}
		}
	}
	if len(digests) != 1 || !strings.Contains(digests[0], "\nDelivery took 2m: 120 sent by this run") {
		t.Errorf("digests = %q, want one saying how long the delivery took", digests)
	}
}
