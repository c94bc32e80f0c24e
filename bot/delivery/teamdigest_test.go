package delivery

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/store"
)

// teamDigests returns the team digests the fake Slack holds.
func teamDigests(f *weeklyFixture) []slacktest.Message {
	var out []slacktest.Message
	for _, ms := range f.sl.AllMessages() {
		for _, m := range ms {
			if strings.Contains(m.Text, "Your team's week") {
				out = append(out, m)
			}
		}
	}
	return out
}

// TestTeamDigestRetriedLikeWeeklyMessages: when Slack fails passingly
// while the team digest is prepared, the run keeps it pending and the next
// attempt sends it, once, with the link to the weekly message; later
// attempts send nothing.
func TestTeamDigestRetriedLikeWeeklyMessages(t *testing.T) {
	f := newWeeklyFixture(t)
	if _, err := people.UpdatePrefs(f.store, "UMIA", func(p *people.Prefs) { p.TeamDigest = true }); err != nil {
		t.Fatal(err)
	}
	f.sl.ServerError("chat.getPermalink", 503, 1)
	retryAt, err := f.runner.Attempt(t.Context())
	if err != nil || retryAt.IsZero() {
		t.Fatalf("Attempt() = %v, %v; want a retry for the pending digest", retryAt, err)
	}
	if n := len(teamDigests(f)); n != 0 {
		t.Fatalf("%d team digests sent while its link failed, want 0", n)
	}
	f.clock.Set(retryAt)
	if retryAt, err = f.runner.Attempt(t.Context()); err != nil || !retryAt.IsZero() {
		t.Fatalf("retry Attempt() = %v, %v; want done", retryAt, err)
	}
	got := teamDigests(f)
	if len(got) != 1 {
		t.Fatalf("%d team digests, want 1", len(got))
	}
	rec, _, _ := f.store.Delivery("2026-W46", "c-ann")
	if want := "<" + slacktest.PermalinkURL(rec.Channel, rec.TS) + "|weekly message>"; !strings.Contains(got[0].Text, want) {
		t.Errorf("team digest lacks %q:\n%s", want, got[0].Text)
	}
	var dr store.Delivery
	if ok, err := f.store.Setting(store.TeamDigestKey("2026-W46", "UMIA"), &dr); err != nil || !ok || dr.State != store.DeliverySent {
		t.Errorf("team digest ledger = %+v, %v, %v", dr, ok, err)
	}
	if _, err := f.runner.RunWeek(t.Context(), mustWeek(t, "2026-W46")); err != nil {
		t.Fatal(err)
	}
	if n := len(teamDigests(f)); n != 1 {
		t.Errorf("%d team digests after another run, want 1", n)
	}
}

// TestTeamDigestTextLongTeam: a very large team is cut with a count of
// the people left out, within Slack's limit on message text.
func TestTeamDigestTextLongTeam(t *testing.T) {
	tests := []struct {
		name   string
		people int
		more   string
	}{
		{"fits", maxTeamDigestLines, ""},
		{"cut", maxTeamDigestLines + 7, "…and 7 more: see your team on the Home tab."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var team []report.UserReport
			for i := range tc.people {
				team = append(team, report.UserReport{ClockifyUserID: fmt.Sprint("c", i), Name: strings.Repeat("N", 200), Hours: 40, TargetHours: 40, BillableHours: 20})
			}
			text := TeamDigestText("2026-W46", team, map[string]string{}, map[string]string{})
			if len(text) > 40000 {
				t.Errorf("team digest of %d people is %d bytes, over Slack's 40,000", tc.people, len(text))
			}
			if got := strings.Contains(text, "more: see your team"); got != (tc.more != "") || (tc.more != "" && !strings.HasSuffix(text, tc.more)) {
				t.Errorf("team digest of %d people ends %q, want %q", tc.people, text[len(text)-60:], tc.more)
			}
		})
	}
}

// TestSendTeamDigestsAfterCrash: a crash at any step of sending Mia's team
// digest, then a restart, leaves exactly one digest (a message that
// reached Slack is found by its metadata); Max, who did not opt in, gets
// none.
func TestSendTeamDigestsAfterCrash(t *testing.T) {
	for _, step := range []string{"claimed", "channel", "posted", "recorded"} {
		t.Run(step, func(t *testing.T) {
			e := newDeliveryEnv(t)
			if _, err := people.UpdatePrefs(e.st, "UMIA", func(p *people.Prefs) { p.TeamDigest = true }); err != nil {
				t.Fatal(err)
			}
			rep := testReport(testWeek)
			sum, err := e.deliverer(Config{}).Deliver(t.Context(), rep)
			if err != nil {
				t.Fatal(err)
			}
			d := e.deliverer(Config{})
			d.crash = func(s string) error {
				if s == step {
					return errCrash
				}
				return nil
			}
			if _, err := d.SendTeamDigests(t.Context(), rep, sum); !errors.Is(err, errCrash) {
				t.Fatalf("SendTeamDigests() with crash: got %v, want %v", err, errCrash)
			}
			for run := range 2 {
				if pending, err := e.deliverer(Config{}).SendTeamDigests(t.Context(), rep, sum); err != nil || len(pending) != 0 {
					t.Fatalf("SendTeamDigests() after restart %d = %v, %v", run+1, pending, err)
				}
			}
			posted := postedByKey(t, e.fake, TeamDigestEvent, testWeek)
			if n := len(posted["_team:UMIA"]); n != 1 || len(posted) != 1 {
				t.Fatalf("team digests = %v, want one to Mia", posted)
			}
			text := posted["_team:UMIA"][0].Text
			for _, want := range []string{"3 people, 2 flagged", "<@UANN>", "<@UBOB>", "<@UDAN> — *12.5 h* of 40 h · 0% billable · :white_check_mark:"} {
				if !strings.Contains(text, want) {
					t.Errorf("Mia's digest lacks %q:\n%s", want, text)
				}
			}
		})
	}
}
