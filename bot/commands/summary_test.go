package commands

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/notices"
	"github.com/slack-go/slack"
)

// dmTexts returns the texts of the bot's DMs with a user.
func dmTexts(e *cmdEnv, slackID string) []string {
	var out []string
	for _, m := range e.sl.Messages(slackID) {
		out = append(out, m.Text)
	}
	return out
}

// tick runs SendDueSummaries at t.
func (e *cmdEnv) tick(t *testing.T, at time.Time) error {
	t.Helper()
	e.clock.Set(at)
	return e.notices.SendDueSummaries(context.Background())
}

func TestSendDueSummaries(t *testing.T) {
	e := newCmdEnv(t)
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	e.putEntry(t, "s1", "u-ann", "p-design", day(18, 9, 0), 2*time.Hour)
	e.putEntry(t, "s2", "u-ann", "p-backend", day(18, 11, 0), 3*time.Hour)
	e.putEntry(t, "s3", "u-ann", "p-docs", day(18, 14, 0), 90*time.Minute)
	e.putEntry(t, "s4", "u-bob", "", day(18, 9, 0), 4*time.Hour)
	e.text(t, "UANN", "summary 18:00") // Berlin: 17:00 UTC
	e.text(t, "UBOB", "summary 18:00") // UTC
	annSummary := ":bar_chart: Daily summary: *Hours logged:* 6.5h across 3 projects\n• Backend: 3h 00m\n• Design: 2h 00m\n• Docs: 1h 30m"

	steps := []struct {
		name     string
		at       time.Time
		ann, bob int // DMs so far
	}{
		{"a minute early", day(18, 16, 59), 0, 0},
		{"Ann's time in Berlin", day(18, 17, 0), 1, 0},
		{"the same minute again", day(18, 17, 0), 1, 0},
		{"a minute later", day(18, 17, 1), 1, 0},
		{"Bob's time in UTC", day(18, 18, 0), 1, 1},
		{"the next day", day(19, 17, 0), 2, 1},
	}
	for _, s := range steps {
		if err := e.tick(t, s.at); err != nil {
			t.Fatalf("%s: SendDueSummaries() error: %v", s.name, err)
		}
		if ann, bob := len(dmTexts(e, "UANN")), len(dmTexts(e, "UBOB")); ann != s.ann || bob != s.bob {
			t.Fatalf("%s: DMs to Ann, Bob = %d, %d; want %d, %d", s.name, ann, bob, s.ann, s.bob)
		}
	}
	got := dmTexts(e, "UANN")
	if got[0] != annSummary {
		t.Errorf("Ann's summary mismatch:\n got %q\nwant %q", got[0], annSummary)
	}
	if want := ":bar_chart: Daily summary: *Hours logged:* 0h"; got[1] != want {
		t.Errorf("Ann's empty day = %q, want %q", got[1], want)
	}
	if want := ":bar_chart: Daily summary: *Hours logged:* 4h without a project\n• _No project_: 4h 00m"; dmTexts(e, "UBOB")[0] != want {
		t.Errorf("Bob's summary = %q, want %q", dmTexts(e, "UBOB")[0], want)
	}
	if n := len(e.sl.Calls("conversations.open")); n != 3 {
		t.Errorf("conversations.open called %d times, want 3", n)
	}
}

func TestSendDueSummariesCatchesUpOnceAfterRestart(t *testing.T) {
	e := newCmdEnv(t)
	e.text(t, "UBOB", "summary 09:00")
	at := func(h, m int) time.Time { return time.Date(2026, 11, 18, h, m, 0, 0, time.UTC) }
	if err := e.tick(t, at(9, 7)); err != nil { // the 09:00 tick was missed
		t.Fatal(err)
	}
	if n := len(dmTexts(e, "UBOB")); n != 1 {
		t.Fatalf("%d summaries after a missed tick, want 1", n)
	}
	// A restart: new commands over the same store.
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	again := notices.New(slack.New(e.sl.BotToken, slack.OptionAPIURL(e.sl.APIURL)), e.st, e.people, notices.Config{DefaultLocation: time.UTC}, e.clock.Now, log)
	e.clock.Set(at(9, 8))
	if err := again.SendDueSummaries(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(dmTexts(e, "UBOB")); n != 1 {
		t.Errorf("%d summaries after a restart the same day, want 1", n)
	}

	e.text(t, "UMIA", "summary 09:00")
	if err := e.tick(t, at(9, 15)); err != nil { // too late for today
		t.Fatal(err)
	}
	if n := len(dmTexts(e, "UMIA")); n != 0 {
		t.Errorf("%d summaries 15 minutes late, want 0", n)
	}
}

func TestSendDueSummariesRetriesAFailedSend(t *testing.T) {
	e := newCmdEnv(t)
	e.text(t, "UBOB", "summary 09:00")
	e.sl.FailMethod("chat.postMessage", "fatal_error", 1)
	at := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	if err := e.tick(t, at); err == nil {
		t.Fatal("SendDueSummaries() = nil, want the failed post")
	}
	if err := e.tick(t, at.Add(time.Minute)); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if err := e.tick(t, at.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := len(dmTexts(e, "UBOB")); n != 1 {
		t.Errorf("%d summaries, want exactly 1", n)
	}
}
