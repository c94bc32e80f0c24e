package people

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// TestLookupEmailCache: users.lookupByEmail (Tier 3) is asked once for a
// found account until it is a month old, so the next weekly report (a week
// later) costs no lookup; Slack's "no such user" is asked again after a
// day, so a new colleague is found the next day.
func TestLookupEmailCache(t *testing.T) {
	tests := []struct {
		name   string
		email  string
		after  time.Duration // since the first lookup
		wantID string
		asked  int // lookups in all
	}{
		{"account, the same day", "ann@example.com", time.Hour, "UANN", 1},
		{"account, a week later", "ann@example.com", 7 * 24 * time.Hour, "UANN", 1},
		{"account, a month later", "ann@example.com", 30 * 24 * time.Hour, "UANN", 2},
		{"no account, the same day", "nobody@example.com", time.Hour, "", 1},
		{"no account, a day later", "nobody@example.com", 24 * time.Hour, "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk := bottest.NewClock(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))
			sl := slacktest.NewTB(t, slacktest.WithClock(clk.Now))
			sl.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
			st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			dir := NewEmailDirectory(slack.New(sl.BotToken, slack.OptionAPIURL(sl.APIURL)), st, clk.Now)
			for i, at := range []time.Duration{0, tc.after} {
				clk.Set(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC).Add(at))
				id, err := dir.LookupEmail(t.Context(), tc.email)
				if err != nil || id != tc.wantID {
					t.Fatalf("lookup %d: LookupEmail(%q) = %q, %v; want %q", i+1, tc.email, id, err, tc.wantID)
				}
			}
			if got := len(sl.Calls("users.lookupByEmail")); got != tc.asked {
				t.Errorf("Slack asked %d times, want %d", got, tc.asked)
			}
		})
	}
}
