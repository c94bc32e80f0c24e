package delivery

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/slackhttp"
	"github.com/clockbot/clockbot/bot/slacktest"
)

// conversationOf returns the conversation the ledger says key's weekly
// message went to.
func conversationOf(t *testing.T, e *deliveryEnv, week, key string) slacktest.Conversation {
	t.Helper()
	rec, ok, err := e.st.Delivery(week, key)
	if err != nil || !ok {
		t.Fatalf("Delivery(%s, %s) = _, %v, %v; want a record", week, key, ok, err)
	}
	c, ok := e.fake.Conversation(rec.Channel)
	if !ok {
		t.Fatalf("conversation %q of %s does not exist", rec.Channel, key)
	}
	return c
}

func sortedMembers(c slacktest.Conversation) []string {
	m := slices.Clone(c.Members)
	slices.Sort(m)
	return m
}

func TestDeliverGroupDM(t *testing.T) {
	e := newDeliveryEnv(t)
	sum, err := e.deliverer(Config{Mode: GroupDM}).Deliver(t.Context(), testReport(testWeek))
	if err != nil || sum.Delivered != 3 {
		t.Fatalf("Deliver() = %+v, %v; want 3 delivered", sum, err)
	}
	tests := []struct {
		key         string
		wantKind    slacktest.ConversationKind
		wantMembers []string
	}{
		{key: "c-ann", wantKind: slacktest.KindMPIM, wantMembers: []string{"UANN", "UBOT", "UMAX", "UMIA"}},
		{key: "c-bob", wantKind: slacktest.KindMPIM, wantMembers: []string{"UBOB", "UBOT", "UMIA"}}, // c-nos has no Slack account
		{key: "c-cat", wantKind: slacktest.KindIM, wantMembers: []string{"UBOT", "UCAT"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			c := conversationOf(t, e, testWeek, tt.key)
			if c.Kind != tt.wantKind || !slices.Equal(sortedMembers(c), tt.wantMembers) {
				t.Errorf("conversation of %s: got %s %v, want %s %v", tt.key, c.Kind, sortedMembers(c), tt.wantKind, tt.wantMembers)
			}
		})
	}
	checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
}

func TestDeliverGroupDMTooLargeFallsBack(t *testing.T) {
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	rep.Users = rep.Users[:1]
	want := []string{"UANN", "UBOT"}
	rep.Users[0].Managers = nil
	for i := range 8 {
		id := fmt.Sprintf("UM%d", i)
		e.fake.AddUser(slacktest.User{ID: id, Name: strings.ToLower(id)})
		rep.Users[0].Managers = append(rep.Users[0].Managers, mgr("c-"+id, id))
		want = append(want, id)
	}
	slices.Sort(want)
	if _, err := e.deliverer(Config{}).Deliver(t.Context(), rep); err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	c := conversationOf(t, e, testWeek, "c-ann")
	if c.Kind != slacktest.KindChannel || !c.Private || c.Name != "hours-ann-smith" {
		t.Errorf("conversation: got %s private=%v %q, want private channel hours-ann-smith", c.Kind, c.Private, c.Name)
	}
	if got := sortedMembers(c); !slices.Equal(got, want) {
		t.Errorf("members: got %v, want %v", got, want)
	}
	checkDeliveredOnce(t, e, testWeek, "c-ann")
}

func TestDeliverPrivateChannelAcrossWeeks(t *testing.T) {
	e := newDeliveryEnv(t)
	cfg := Config{Mode: PrivateChannel}
	week1 := testReport("2026-W46")
	if _, err := e.deliverer(cfg).Deliver(t.Context(), week1); err != nil {
		t.Fatalf("Deliver(week 1): %v", err)
	}
	first := conversationOf(t, e, "2026-W46", "c-ann")
	if first.Kind != slacktest.KindChannel || !first.Private || first.Name != "hours-ann-smith" {
		t.Errorf("week 1: got %s private=%v %q, want private channel hours-ann-smith", first.Kind, first.Private, first.Name)
	}
	if got, want := sortedMembers(first), []string{"UANN", "UBOT", "UMAX", "UMIA"}; !slices.Equal(got, want) {
		t.Errorf("week 1 members: got %v, want %v", got, want)
	}
	var stored string
	if ok, err := e.st.Setting("report_channel:c-ann", &stored); err != nil || !ok || stored != first.ID {
		t.Errorf("Setting(report_channel:c-ann) = %q, %v, %v; want %q", stored, ok, err, first.ID)
	}

	// Mia no longer manages Ann; Zoe does.
	week2 := testReport("2026-W47")
	week2.Users[0].Managers = []people.ManagerRef{mgr("c-max", "UMAX"), mgr("c-zoe", "UZOE")}
	if _, err := e.deliverer(cfg).Deliver(t.Context(), week2); err != nil {
		t.Fatalf("Deliver(week 2): %v", err)
	}
	second := conversationOf(t, e, "2026-W47", "c-ann")
	if second.ID != first.ID {
		t.Errorf("week 2 channel: got %s, want the week 1 channel %s", second.ID, first.ID)
	}
	if got, want := sortedMembers(second), []string{"UANN", "UBOT", "UMAX", "UZOE"}; !slices.Equal(got, want) {
		t.Errorf("week 2 members: got %v, want %v", got, want)
	}
	if got := len(e.fake.Calls("conversations.create")); got != 3 {
		t.Errorf("conversations.create calls: got %d, want 3 (one per person)", got)
	}
	if kicks := e.fake.Calls("conversations.kick"); len(kicks) != 1 || kicks[0].Params.Get("user") != "UMIA" {
		t.Errorf("conversations.kick calls: got %v, want one for UMIA", kicks)
	}
	checkDeliveredOnce(t, e, "2026-W46", flaggedKeys...)
	checkDeliveredOnce(t, e, "2026-W47", flaggedKeys...)
}

func TestDeliverPrivateChannelNameTaken(t *testing.T) {
	e := newDeliveryEnv(t)
	e.fake.AddChannel("CTAKEN", "hours-ann-smith", false, "UDAN")
	e.fake.AddChannel("CTAKEN2", "hours-ann-smith-2", true, "UDAN")
	rep := testReport(testWeek)
	rep.Users = rep.Users[:1]
	if _, err := e.deliverer(Config{Mode: PrivateChannel}).Deliver(t.Context(), rep); err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	if c := conversationOf(t, e, testWeek, "c-ann"); c.Name != "hours-ann-smith-3" {
		t.Errorf("channel name: got %q, want hours-ann-smith-3", c.Name)
	}
	checkDeliveredOnce(t, e, testWeek, "c-ann")
}

func TestDeliverPrivateChannelGone(t *testing.T) {
	e := newDeliveryEnv(t)
	if err := e.st.PutSetting("report_channel:c-ann", "CDELETED"); err != nil {
		t.Fatal(err)
	}
	rep := testReport(testWeek)
	rep.Users = rep.Users[:1]
	if _, err := e.deliverer(Config{Mode: PrivateChannel}).Deliver(t.Context(), rep); err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	c := conversationOf(t, e, testWeek, "c-ann")
	var stored string
	if _, err := e.st.Setting("report_channel:c-ann", &stored); err != nil || stored != c.ID || c.Name != "hours-ann-smith" {
		t.Errorf("got channel %s %q stored as %q (%v), want a new hours-ann-smith remembered", c.ID, c.Name, stored, err)
	}
	checkDeliveredOnce(t, e, testWeek, "c-ann")
}

func TestDeliverSharedChannel(t *testing.T) {
	e := newDeliveryEnv(t)
	e.fake.AddChannel("CHOURS", "hours", false, e.fake.BotUserID)
	sum, err := e.deliverer(Config{Mode: Channel, Channel: "CHOURS"}).Deliver(t.Context(), testReport(testWeek))
	if err != nil || sum.Delivered != 3 {
		t.Fatalf("Deliver() = %+v, %v; want 3 delivered", sum, err)
	}
	msgs := e.fake.Messages("CHOURS")
	if len(msgs) != 3 {
		t.Fatalf("messages in CHOURS: got %d, want 3", len(msgs))
	}
	wantMentions := [][]string{{"<@UANN>", "<@UMIA>", "<@UMAX>"}, {"<@UBOB>", "<@UMIA>"}, {"<@UCAT>"}}
	for i, m := range msgs {
		body := m.Text + strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(string(m.Blocks))
		for _, mention := range wantMentions[i] {
			if !strings.Contains(body, mention) {
				t.Errorf("message %d does not mention %s: %s", i, mention, body)
			}
		}
	}
	if n := len(e.fake.Calls("conversations.open")) + len(e.fake.Calls("conversations.create")); n != 0 {
		t.Errorf("conversations opened or created: %d, want 0", n)
	}
	checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
	rec, _, _ := e.st.Delivery(testWeek, "c-dan")
	if rec.State != "" {
		t.Errorf("ledger of unflagged c-dan = %+v, want none", rec)
	}
}

func TestChannelName(t *testing.T) {
	tests := []struct {
		prefix, handle string
		n              int
		want           string
	}{
		{"hours-", "ann", 1, "hours-ann"},
		{"hours-", "Ann.Smith", 1, "hours-ann-smith"},
		{"hours-", "jo_ey-1", 2, "hours-jo_ey-1-2"},
		{"Time ", "zoë", 1, "time-zo-"},
		{"hours-", strings.Repeat("x", 100), 1, "hours-" + strings.Repeat("x", 74)},
		{"hours-", strings.Repeat("x", 100), 12, "hours-" + strings.Repeat("x", 71) + "-12"},
	}
	for _, tt := range tests {
		t.Run(tt.handle, func(t *testing.T) {
			if got := channelName(tt.prefix, tt.handle, tt.n); got != tt.want {
				t.Errorf("channelName(%q, %q, %d) = %q, want %q", tt.prefix, tt.handle, tt.n, got, tt.want)
			}
		})
	}
}

// TestDeliverRateLimited: a 429 is waited out by the Slack transport
// alone (Retry-After on each of its attempts); one that outlasts them
// leaves the person pending, without another layer of retries on top.
func TestDeliverRateLimited(t *testing.T) {
	waits := func(n int) []time.Duration { return slices.Repeat([]time.Duration{7 * time.Second}, n) }
	tests := []struct {
		method      string
		times       int // 0: every call
		wantSlept   []time.Duration
		wantPending int
	}{
		{method: "chat.postMessage", times: 1, wantSlept: waits(1)},
		{method: "conversations.open", times: 2, wantSlept: waits(2)},
		{method: "chat.postMessage", times: slackhttp.DefaultAttempts - 1, wantSlept: waits(slackhttp.DefaultAttempts - 1)},
		// Rate limited past the transport's attempts: pending, not failed, no extra pass.
		{method: "chat.postMessage", times: slackhttp.DefaultAttempts, wantPending: 1, wantSlept: waits(slackhttp.DefaultAttempts - 1)},
		{method: "chat.postMessage", times: 0, wantPending: 1, wantSlept: waits(slackhttp.DefaultAttempts - 1)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d times", tt.method, tt.times), func(t *testing.T) {
			e := newDeliveryEnv(t)
			e.fake.RateLimit(tt.method, tt.times, 7)
			rep := testReport(testWeek)
			rep.Users = rep.Users[:1]
			sum, err := e.deliverer(Config{}).Deliver(t.Context(), rep)
			if err != nil {
				t.Fatalf("Deliver(): %v", err)
			}
			if !slices.Equal(e.slept, tt.wantSlept) {
				t.Errorf("slept %v, want %v", e.slept, tt.wantSlept)
			}
			if len(sum.Failed) != 0 || len(sum.Pending) != tt.wantPending || sum.Delivered != 1-tt.wantPending {
				t.Fatalf("Deliver() = %+v, want %d pending, none failed", sum, tt.wantPending)
			}
			if tt.wantPending == 0 {
				checkDeliveredOnce(t, e, testWeek, "c-ann")
			} else if !strings.Contains(sum.Pending[0].Reason, "rate limit") {
				t.Errorf("pending reason %q, want a rate limit", sum.Pending[0].Reason)
			}
		})
	}
}

// TestDeliverRateLimitNeverClearsIsBounded: with Slack answering 429 to
// every call of a method, a whole delivery run asks Slack at most the
// transport's attempts and waits at most that many Retry-Afters; every
// flagged person is pending (the weekly runner retries them), none failed.
func TestDeliverRateLimitNeverClearsIsBounded(t *testing.T) {
	for _, method := range []string{"conversations.open", "chat.postMessage"} {
		t.Run(method, func(t *testing.T) {
			e := newDeliveryEnv(t)
			e.fake.RateLimit(method, 0, 30)
			sum, err := e.deliverer(Config{}).Deliver(t.Context(), testReport(testWeek))
			if err != nil {
				t.Fatalf("Deliver(): %v", err)
			}
			if n := len(e.fake.Calls(method)); n > slackhttp.DefaultAttempts {
				t.Errorf("%s called %d times, want at most %d (one call's attempts)", method, n, slackhttp.DefaultAttempts)
			}
			var total time.Duration
			for _, d := range e.slept {
				total += d
			}
			if limit := time.Duration(slackhttp.DefaultAttempts) * 30 * time.Second; total > limit {
				t.Errorf("waited %s in all (%d waits), want at most %s", total, len(e.slept), limit)
			}
			if len(sum.Pending) != sum.Flagged || len(sum.Failed) != 0 || sum.Delivered != 0 {
				t.Errorf("Deliver() = %+v, want all %d flagged pending", sum, sum.Flagged)
			}
		})
	}
}

// TestDeliverSlackDownIsBounded: with Slack failing every call of a
// method (5xx after the transport's attempts), a run stops asking for the
// rest of a pass after a few people in a row failed, so its length does
// not grow with the number of flagged people; everyone is pending, none
// failed, and a later run retries them.
func TestDeliverSlackDownIsBounded(t *testing.T) {
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	for i := range 12 {
		u := rep.Users[2] // Cat, no managers
		u.ClockifyUserID = fmt.Sprintf("c-extra-%02d", i)
		rep.Users = append(rep.Users, u)
	}
	e.fake.ServerError("conversations.open", 503, 0)
	sum, err := e.deliverer(Config{}).Deliver(t.Context(), rep)
	if err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	passes := len(deliveryPassWaits) + 1
	if n, limit := len(e.fake.Calls("conversations.open")), passes*maxFailStreak*slackhttp.DefaultAttempts; n > limit {
		t.Errorf("conversations.open called %d times for %d flagged people, want at most %d (%d passes of %d people)", n, sum.Flagged, limit, passes, maxFailStreak)
	}
	if len(sum.Pending) != sum.Flagged || len(sum.Failed) != 0 || sum.Delivered != 0 {
		t.Errorf("Deliver() = %d delivered, %d failed, %d pending; want all %d pending", sum.Delivered, len(sum.Failed), len(sum.Pending), sum.Flagged)
	}
}
