package delivery

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
)

func TestDigestText(t *testing.T) {
	tests := []struct {
		name string
		sum  Summary
		want string
	}{
		{
			name: "all delivered",
			sum:  Summary{Week: "2026-W46", Flagged: 3, Delivered: 1, AlreadySent: 2},
			want: "Weekly report 2026-W46: 3 flagged, 3 delivered.",
		},
		{
			name: "a run of a minute or more says how long it took",
			sum:  Summary{Week: "2026-W46", Flagged: 5000, Delivered: 4990, AlreadySent: 10, Elapsed: 100*time.Minute + 20*time.Second},
			want: "Weekly report 2026-W46: 5000 flagged, 5000 delivered." +
				"\nDelivery took 1h 40m: 4990 sent by this run, paced to Slack's rate limits.",
		},
		{
			name: "a short run does not",
			sum:  Summary{Week: "2026-W46", Flagged: 1, Delivered: 1, Elapsed: 59 * time.Second},
			want: "Weekly report 2026-W46: 1 flagged, 1 delivered.",
		},
		{
			name: "failures escaped",
			sum: Summary{Week: "2026-W46", Flagged: 4, Delivered: 2, Failed: []Failure{
				{UserID: "c-ann", Email: "ann@x", Name: "Ann", Reason: "no Slack account for ann@x"},
				{UserID: "c-eve", Email: "<mailto:e@x|e@x>", Name: "Eve <!channel> & co", Reason: "slack chat.postMessage: is_archived"},
			}},
			want: "Weekly report 2026-W46: 4 flagged, 2 delivered, 2 could not be delivered:" +
				"\n• Ann (ann@x): no Slack account for ann@x" +
				"\n• Eve &lt;!channel&gt; &amp; co (&lt;mailto:e@x|e@x&gt;): slack chat.postMessage: is_archived",
		},
		{
			name: "pending listed apart from failures",
			sum: Summary{Week: "2026-W46", Flagged: 3, Delivered: 1,
				Failed:  []Failure{{UserID: "c-cat", Email: "cat@x", Name: "Cat", Reason: "no Slack account for cat@x"}},
				Pending: []Failure{{UserID: "c-ann", Email: "ann@x", Reason: "slack chat.postMessage: 503 Service Unavailable"}}},
			want: "Weekly report 2026-W46: 3 flagged, 1 delivered, 1 could not be delivered:" +
				"\n• Cat (cat@x): no Slack account for cat@x" +
				"\n1 still pending after a passing Slack failure, retried until the end of the report day:" +
				"\n• c-ann (ann@x): slack chat.postMessage: 503 Service Unavailable",
		},
		{
			name: "only pending",
			sum: Summary{Week: "2026-W46", Flagged: 1,
				Pending: []Failure{{UserID: "c-ann", Email: "ann@x", Name: "Ann", Reason: "rate limited"}}},
			want: "Weekly report 2026-W46: 1 flagged, 0 delivered. 1 still pending after a passing Slack failure, retried until the end of the report day:" +
				"\n• Ann (ann@x): rate limited",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DigestText(tt.sum); got != tt.want {
				t.Errorf("DigestText() mismatch:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSendDigestOncePerWeek(t *testing.T) {
	e := newDeliveryEnv(t)
	e.fake.AddUser(slacktest.User{ID: "UADM2", Name: "adm2"})
	cfg := Config{Admins: []string{"UADM", "UADM2", "UADM"}}
	sum := Summary{Week: testWeek, Flagged: 2, Delivered: 1, Failed: []Failure{
		{UserID: "c-bob", Email: "bob@example.com", Name: "Bob <b>", Reason: "no Slack account for bob@example.com"},
	}}
	want := "Weekly report 2026-W46: 2 flagged, 1 delivered, 1 could not be delivered:\n• Bob &lt;b&gt; (bob@example.com): no Slack account for bob@example.com"
	for run := 1; run <= 2; run++ {
		if err := e.deliverer(cfg).SendDigest(t.Context(), sum); err != nil {
			t.Fatalf("SendDigest() run %d: %v", run, err)
		}
	}
	for _, admin := range []string{"UADM", "UADM2"} {
		msgs := e.fake.Messages(admin)
		if len(msgs) != 1 || msgs[0].Text != want {
			t.Errorf("DMs to %s: got %+v, want one with %q", admin, msgs, want)
		}
	}
	if got := postedByKey(t, e.fake, DigestEvent, testWeek); len(got) != 2 {
		t.Errorf("digest messages with metadata: got %v, want one per admin", got)
	}
	if got := len(e.fake.Calls("chat.postMessage")); got != 2 {
		t.Errorf("chat.postMessage calls: got %d, want 2", got)
	}
}

func TestSendDigestAfterCrash(t *testing.T) {
	for _, step := range []string{"claimed", "channel", "posted", "recorded"} {
		t.Run(step, func(t *testing.T) {
			e := newDeliveryEnv(t)
			cfg := Config{Admins: []string{"UADM"}}
			sum := Summary{Week: testWeek, Flagged: 1, Delivered: 1}
			d := e.deliverer(cfg)
			d.crash = func(s string) error {
				if s == step {
					return errCrash
				}
				return nil
			}
			if err := d.SendDigest(t.Context(), sum); !errors.Is(err, errCrash) {
				t.Fatalf("SendDigest() with crash: got %v, want %v", err, errCrash)
			}
			if err := e.deliverer(cfg).SendDigest(t.Context(), sum); err != nil {
				t.Fatalf("SendDigest() after restart: %v", err)
			}
			if msgs := e.fake.Messages("UADM"); len(msgs) != 1 {
				t.Errorf("DMs to UADM: got %d, want 1", len(msgs))
			}
		})
	}
}

func TestNotifyAdmins(t *testing.T) {
	e := newDeliveryEnv(t)
	e.fake.AddUser(slacktest.User{ID: "UADM2", Name: "adm2"})
	d := e.deliverer(Config{Admins: []string{"UADM", "UADM2"}})
	text := "The weekly report could not sync: clockify: 503"
	if err := d.NotifyAdmins(t.Context(), text); err != nil {
		t.Fatalf("NotifyAdmins(): %v", err)
	}
	for _, admin := range []string{"UADM", "UADM2"} {
		if msgs := e.fake.Messages(admin); len(msgs) != 1 || msgs[0].Text != text {
			t.Errorf("DMs to %s: got %+v, want one with %q", admin, msgs, text)
		}
	}
}

func TestNotifyAdminsReportsFailures(t *testing.T) {
	e := newDeliveryEnv(t)
	d := e.deliverer(Config{Admins: []string{"UNOBODY", "UADM"}})
	err := d.NotifyAdmins(t.Context(), "hello")
	if err == nil {
		t.Fatal("NotifyAdmins() with an unknown admin: got nil error, want one")
	}
	if want := "notify admin UNOBODY"; !strings.Contains(err.Error(), want) {
		t.Errorf("NotifyAdmins() error %q, want it to name %q", err, want)
	}
	if msgs := e.fake.Messages("UADM"); len(msgs) != 1 {
		t.Errorf("DMs to UADM: got %d, want 1 despite the other admin failing", len(msgs))
	}
}
