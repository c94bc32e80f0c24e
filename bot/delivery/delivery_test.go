package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

const testWeek = "2026-W46"

var errCrash = errors.New("simulated crash")

// deliveryEnv is a fake Slack with a small workspace and a real store.
type deliveryEnv struct {
	fake  *slacktest.Server
	st    *store.Store
	api   *slack.Client
	clock *bottest.Clock // the fake Slack's, the transport's and the deliverer's; sleeps advance it
	slept []time.Duration
}

func newDeliveryEnv(t *testing.T) *deliveryEnv {
	t.Helper()
	clock := bottest.NewClock(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))
	fake := slacktest.NewTB(t, slacktest.WithClock(clock.Now))
	for _, u := range []slacktest.User{
		{ID: "UANN", Email: "ann@example.com", Name: "ann.smith", RealName: "Ann Smith"},
		{ID: "UBOB", Email: "bob@example.com", Name: "bob", RealName: "Bob Jones"},
		{ID: "UCAT", Email: "cat@example.com", Name: "cat", RealName: "Cat Lee"},
		{ID: "UDAN", Email: "dan@example.com", Name: "dan", RealName: "Dan Roe"},
		{ID: "UMIA", Email: "mia@example.com", Name: "mia", RealName: "Mia Boss"},
		{ID: "UMAX", Email: "max@example.com", Name: "max", RealName: "Max Boss"},
		{ID: "UZOE", Email: "zoe@example.com", Name: "zoe", RealName: "Zoe Boss"},
		{ID: "UADM", Email: "adm@example.com", Name: "adm", RealName: "Ada Admin"},
	} {
		fake.AddUser(u)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatalf("store.Open() error: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	e := &deliveryEnv{fake: fake, st: st, clock: clock}
	// The production transport: it alone retries and paces Slack calls; its
	// waits are recorded with the deliverer's in e.slept.
	transport := slackhttp.New(slackhttp.Config{Sleep: e.sleep, Now: clock.Now})
	e.api = slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL), slack.OptionHTTPClient(transport))
	return e
}

// sleep records a wait in e.slept and advances the clock instead of
// waiting.
func (e *deliveryEnv) sleep(ctx context.Context, d time.Duration) error {
	e.slept = append(e.slept, d)
	e.clock.Advance(d)
	return ctx.Err()
}

// deliverer returns a Deliverer whose sleeps are recorded in e.slept.
func (e *deliveryEnv) deliverer(cfg Config) *Deliverer {
	cfg.BotUserID = e.fake.BotUserID
	return New(e.api, e.st, cfg, e.sleep, e.clock.Now, slog.New(slog.DiscardHandler))
}

func mgr(id, slackID string) people.ManagerRef {
	return people.ManagerRef{ClockifyUserID: id, Email: id + "@example.com", SlackUserID: slackID}
}

// testReport has three flagged people (Ann with two managers, Bob with one
// manager on Slack and one without, Cat without managers) and unflagged Dan.
func testReport(week string) report.Report {
	user := func(id, name, slackID string, flagged bool, managers ...people.ManagerRef) report.UserReport {
		return report.UserReport{
			ClockifyUserID: id, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.com", Name: name,
			SlackUserID: slackID, TimeZone: "UTC", Hours: 12.5, TargetHours: 40, Flagged: flagged,
			Reasons: []string{"12.5h of 40h"}, Managers: managers,
		}
	}
	return report.Report{Week: week, From: "2026-11-09", To: "2026-11-15", Users: []report.UserReport{
		user("c-ann", "Ann Smith", "UANN", true, mgr("c-mia", "UMIA"), mgr("c-max", "UMAX")),
		user("c-bob", "Bob Jones", "UBOB", true, mgr("c-mia", "UMIA"), mgr("c-nos", "")),
		user("c-cat", "Cat Lee", "UCAT", true),
		user("c-dan", "Dan Roe", "UDAN", false, mgr("c-mia", "UMIA")),
	}}
}

// slackMeta is the metadata of a posted message.
type slackMeta struct {
	EventType    string `json:"event_type"`
	EventPayload struct {
		Week string `json:"week"`
		User string `json:"user"`
	} `json:"event_payload"`
}

// postedByKey returns the messages with metadata of event, across every
// conversation the bot posted to, by the payload's "user".
func postedByKey(t *testing.T, fake *slacktest.Server, event, week string) map[string][]slacktest.Message {
	t.Helper()
	var chans []string
	for _, c := range fake.Calls("chat.postMessage") {
		if ch := c.Params.Get("channel"); !slices.Contains(chans, ch) {
			chans = append(chans, ch)
		}
	}
	out := map[string][]slacktest.Message{}
	for _, ch := range chans {
		for _, m := range fake.Messages(ch) {
			if m.Metadata == nil {
				continue
			}
			var meta slackMeta
			if err := json.Unmarshal(m.Metadata, &meta); err != nil {
				t.Fatalf("message %s metadata %s: %v", m.TS, m.Metadata, err)
			}
			if meta.EventType == event && meta.EventPayload.Week == week {
				out[meta.EventPayload.User] = append(out[meta.EventPayload.User], m)
			}
		}
	}
	return out
}

// checkDeliveredOnce checks that each of want got exactly one weekly
// message, that nobody else got one, and that the ledger records it.
func checkDeliveredOnce(t *testing.T, e *deliveryEnv, week string, want ...string) {
	t.Helper()
	got := postedByKey(t, e.fake, WeeklyReportEvent, week)
	for key, msgs := range got {
		if !slices.Contains(want, key) {
			t.Errorf("%s got %d messages, want none", key, len(msgs))
		}
	}
	for _, key := range want {
		msgs := got[key]
		if len(msgs) != 1 {
			t.Errorf("%s got %d messages, want 1", key, len(msgs))
			continue
		}
		rec, ok, err := e.st.Delivery(week, key)
		if err != nil || !ok {
			t.Errorf("Delivery(%s, %s) = _, %v, %v; want a record", week, key, ok, err)
			continue
		}
		if rec.State != store.DeliverySent || rec.TS != msgs[0].TS || rec.Channel != msgs[0].Channel {
			t.Errorf("ledger of %s: got state %q ts %q channel %q, want sent ts %q channel %q",
				key, rec.State, rec.TS, rec.Channel, msgs[0].TS, msgs[0].Channel)
		}
	}
}

var flaggedKeys = []string{"c-ann", "c-bob", "c-cat"}

// crashAt returns a crash hook that fails the nth step it sees.
func crashAt(n int) func(step string) error {
	calls := 0
	return func(step string) error {
		if calls++; calls == n {
			return fmt.Errorf("after %s: %w", step, errCrash)
		}
		return nil
	}
}

// deliverWithCrashes runs Deliver once per crash point, each run on a new
// Deliverer (a restart) that crashes at that step, then once without a
// crash, and checks that every flagged person got exactly one message.
func deliverWithCrashes(t *testing.T, mode string, crashes ...int) {
	e := newDeliveryEnv(t)
	e.fake.AddChannel("CHOURS", "hours", false, e.fake.BotUserID)
	cfg := Config{Mode: mode, Channel: "CHOURS"}
	for i, n := range crashes {
		d := e.deliverer(cfg)
		d.crash = crashAt(n)
		_, err := d.Deliver(t.Context(), testReport(testWeek))
		if err != nil && !errors.Is(err, errCrash) || i == 0 && err == nil {
			t.Fatalf("Deliver() with crash %d at step %d: got error %v, want %v", i+1, n, err, errCrash)
		}
	}
	sum, err := e.deliverer(cfg).Deliver(t.Context(), testReport(testWeek))
	if err != nil {
		t.Fatalf("Deliver() after restart: %v", err)
	}
	if sum.Flagged != 3 || sum.Delivered+sum.AlreadySent != 3 || len(sum.Failed) != 0 {
		t.Errorf("Deliver() after restart = %+v, want 3 flagged, 3 delivered or already sent", sum)
	}
	checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
	recs, err := e.st.Deliveries(testWeek)
	if err != nil || len(recs) != len(flaggedKeys) {
		t.Errorf("Deliveries() = %d records, %v; want %d (none for unflagged c-dan)", len(recs), err, len(flaggedKeys))
	}
}

func TestDeliverExactlyOnceAcrossCrashes(t *testing.T) {
	steps := []string{"claimed", "channel", "posted", "recorded"}
	for _, mode := range []string{GroupDM, PrivateChannel, Channel} {
		for n := 1; n <= len(flaggedKeys)*len(steps); n++ {
			name := fmt.Sprintf("%s/crash after %s of %s", mode, steps[(n-1)%len(steps)], flaggedKeys[(n-1)/len(steps)])
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				deliverWithCrashes(t, mode, n)
			})
		}
	}
}

func TestDeliverExactlyOnceAcrossTwoCrashes(t *testing.T) {
	// The restart crashes too, at every point of its own run (recovery
	// included); a point past the end of the second run is no crash.
	for first := 1; first <= 12; first++ {
		for second := 1; second <= 12; second++ {
			t.Run(fmt.Sprintf("%d then %d", first, second), func(t *testing.T) {
				t.Parallel()
				deliverWithCrashes(t, PrivateChannel, first, second)
			})
		}
	}
}

func TestDeliverTwiceSendsOnce(t *testing.T) {
	e := newDeliveryEnv(t)
	d := e.deliverer(Config{})
	first, err := d.Deliver(t.Context(), testReport(testWeek))
	if err != nil {
		t.Fatalf("first Deliver(): %v", err)
	}
	second, err := d.Deliver(t.Context(), testReport(testWeek))
	if err != nil {
		t.Fatalf("second Deliver(): %v", err)
	}
	if want := (Summary{Week: testWeek, Flagged: 3, Delivered: 3}); !summaryEqual(first, want) {
		t.Errorf("first Deliver() = %+v, want %+v", first, want)
	}
	if want := (Summary{Week: testWeek, Flagged: 3, AlreadySent: 3}); !summaryEqual(second, want) {
		t.Errorf("second Deliver() = %+v, want %+v", second, want)
	}
	if got := len(e.fake.Calls("chat.postMessage")); got != 3 {
		t.Errorf("chat.postMessage calls: got %d, want 3", got)
	}
	checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
}

func summaryEqual(a, b Summary) bool {
	return a.Week == b.Week && a.Flagged == b.Flagged && a.Delivered == b.Delivered &&
		a.AlreadySent == b.AlreadySent && slices.Equal(a.Failed, b.Failed)
}

func TestDeliverFailures(t *testing.T) {
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	rep.Users[1].SlackUserID = ""
	e.fake.FailMethod("chat.postMessage", "is_archived", 1) // Ann's message
	d := e.deliverer(Config{})
	sum, err := d.Deliver(t.Context(), rep)
	if err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	want := []Failure{
		{UserID: "c-ann", Email: "ann@example.com", Name: "Ann Smith", Reason: "slack chat.postMessage: is_archived"},
		{UserID: "c-bob", Email: "bob@example.com", Name: "Bob Jones", Reason: "no Slack account for bob@example.com"},
	}
	if !slices.Equal(sum.Failed, want) || sum.Delivered != 1 {
		t.Errorf("Deliver() = %+v, want 1 delivered and failures %+v", sum, want)
	}
	rec, _, err := e.st.Delivery(testWeek, "c-bob")
	if err != nil || rec.State != store.DeliveryFailed || rec.Error != want[1].Reason {
		t.Errorf("ledger of c-bob = %+v, %v; want failed with %q", rec, err, want[1].Reason)
	}
	checkDeliveredOnce(t, e, testWeek, "c-cat")

	// A later run retries the failed messages: Ann's goes through now.
	again, err := d.Deliver(t.Context(), rep)
	if err != nil {
		t.Fatalf("second Deliver(): %v", err)
	}
	if again.Delivered != 1 || again.AlreadySent != 1 || len(again.Failed) != 1 {
		t.Errorf("second Deliver() = %+v, want 1 delivered, 1 already sent, Bob failed", again)
	}
	checkDeliveredOnce(t, e, testWeek, "c-ann", "c-cat")
}

func TestDeliverSharedChannelNotFound(t *testing.T) {
	e := newDeliveryEnv(t)
	sum, err := e.deliverer(Config{Mode: Channel, Channel: "CGONE"}).Deliver(t.Context(), testReport(testWeek))
	if err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	if len(sum.Failed) != 3 || sum.Delivered != 0 {
		t.Fatalf("Deliver() = %+v, want 3 failed", sum)
	}
	for _, f := range sum.Failed {
		if !strings.Contains(f.Reason, "channel_not_found") {
			t.Errorf("failure of %s: got %q, want channel_not_found", f.UserID, f.Reason)
		}
	}
}

func TestDeliverCancelled(t *testing.T) {
	e := newDeliveryEnv(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := e.deliverer(Config{}).Deliver(ctx, testReport(testWeek)); !errors.Is(err, context.Canceled) {
		t.Errorf("Deliver() with a cancelled context: got %v, want %v", err, context.Canceled)
	}
	if n := len(e.fake.Calls("chat.postMessage")); n != 0 {
		t.Errorf("chat.postMessage calls: got %d, want 0", n)
	}
}

func TestDeliverRecoversFromAnEarlierConversation(t *testing.T) {
	// The first run posts Ann's message to the group DM with Mia and Max
	// and dies before recording it; by the restart Mia left, so Ann's group
	// DM is another one. The message already sent must be found there.
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	rep.Users = rep.Users[:1]
	d := e.deliverer(Config{})
	d.crash = crashAt(3) // after "posted"
	if _, err := d.Deliver(t.Context(), rep); !errors.Is(err, errCrash) {
		t.Fatalf("Deliver() with crash: got %v, want %v", err, errCrash)
	}
	rep.Users[0].Managers = rep.Users[0].Managers[1:]
	sum, err := e.deliverer(Config{}).Deliver(t.Context(), rep)
	if err != nil || sum.Delivered != 1 {
		t.Fatalf("Deliver() after restart = %+v, %v; want 1 delivered", sum, err)
	}
	if got := len(e.fake.Calls("chat.postMessage")); got != 1 {
		t.Errorf("chat.postMessage calls: got %d, want 1", got)
	}
	checkDeliveredOnce(t, e, testWeek, "c-ann")
}
