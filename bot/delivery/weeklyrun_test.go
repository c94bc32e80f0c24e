package delivery

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

func TestDueWeek(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	monday := Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: berlin}
	twice := Schedule{Days: []time.Weekday{time.Monday, time.Thursday}, Hour: 8, Minute: 30, Location: berlin}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 11, day, hour, min, 0, 0, berlin) }
	tests := []struct {
		name string
		sc   Schedule
		now  time.Time
		want string // "" = nothing due
	}{
		{"monday before the time", monday, at(16, 8, 59), ""},
		{"monday at the time", monday, at(16, 9, 0), "2026-W46"},
		{"wednesday catches up", monday, at(18, 14, 0), "2026-W46"},
		{"sunday night still same week", monday, at(22, 23, 59), "2026-W46"},
		{"next monday early: last week's run is a week old", monday, at(23, 8, 0), ""},
		{"utc instant converted to berlin", monday, time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC), "2026-W46"},
		{"second day of a two-day schedule", twice, at(19, 9, 0), "2026-W46"},
		{"two-day schedule monday early", twice, at(16, 8, 0), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, ok := DueWeek(tc.now, tc.sc)
			got := ""
			if ok {
				got = w.String()
			}
			if got != tc.want {
				t.Errorf("DueWeek(%v) = %q, want %q", tc.now, got, tc.want)
			}
		})
	}
}

// weeklyFixture wires the whole Monday run against the fakes.
type weeklyFixture struct {
	reportCfg report.Config
	clock     *bottest.Clock
	cf        *clockifytest.Server
	sl        *slacktest.Server
	store     *store.Store
	runner    *WeeklyRunner
}

// w46 is Monday 2026-11-09, the week every weekly test reports on.
var w46 = time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)

func newWeeklyFixture(t *testing.T, opts ...clockifytest.Option) *weeklyFixture {
	t.Helper()
	f := &weeklyFixture{clock: bottest.NewClock(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))}
	f.cf = clockifytest.NewTB(t, append([]clockifytest.Option{clockifytest.WithClock(f.clock.Now)}, opts...)...)
	f.sl = slacktest.NewTB(t)
	for _, u := range []struct{ id, slack, email, name string }{
		{"c-ann", "UANN", "ann@example.com", "Ann"},
		{"c-bob", "UBOB", "bob@example.com", "Bob"},
		{"c-cat", "UCAT", "cat@example.com", "Cat"},
		{"c-mia", "UMIA", "mia@example.com", "Mia"},
	} {
		f.cf.AddUser(clockifytest.User{ID: u.id, Email: u.email, Name: u.name, TimeZone: "UTC"})
		f.sl.AddUser(slacktest.User{ID: u.slack, Email: u.email, Name: strings.ToLower(u.name), RealName: u.name, TZ: "UTC"})
	}
	f.sl.AddUser(slacktest.User{ID: "UADMIN", Email: "admin@example.com", Name: "admin"})
	f.cf.SetManagers("c-ann", "c-mia")
	// Ann works 3 days of 8h (24h < 25h); Bob 5 days; Cat 1 day but is excluded; Mia 5 days.
	work := map[string]int{"c-ann": 3, "c-bob": 5, "c-cat": 1, "c-mia": 5}
	for id, days := range work {
		for d := 0; d < days; d++ {
			start := w46.AddDate(0, 0, d).Add(9 * time.Hour)
			end := start.Add(8 * time.Hour)
			f.cf.AddEntry(clockifytest.Entry{UserID: id, Start: start, End: &end})
		}
	}
	sleeps := &bottest.SleepRecorder{}
	api, err := clockify.NewClient(f.cf.APIKey, clockify.WithBaseURL(f.cf.APIURL), clockify.WithReportsURL(f.cf.ReportsURL),
		clockify.WithRateLimit(0), clockify.WithSleep(sleeps.Sleep))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f.store = st
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sc := slack.New(f.sl.BotToken, slack.OptionAPIURL(f.sl.APIURL))
	syncer := syncer.New(api, st, syncer.Config{WorkspaceID: f.cf.WorkspaceID, BackfillDays: 14}, f.clock.Now, log)
	params := weekly.DefaultParams()
	f.reportCfg = report.Config{Params: params, Exclude: []string{"cat@example.com"}}
	rep := report.New(st, f.reportCfg, people.New(nil, st, people.Config{}, nil), people.NewEmailDirectory(sc, st, f.clock.Now), log)
	dl := New(sc, st, Config{Mode: GroupDM, Admins: []string{"UADMIN"}, BotUserID: f.sl.BotUserID}, func(ctx context.Context, d time.Duration) error { return ctx.Err() }, f.clock.Now, log)
	f.runner = NewWeeklyRunner(syncer, rep, dl, st, Schedule{Days: []time.Weekday{time.Monday}, Hour: 9, Location: time.UTC}, f.clock.Now, log)
	return f
}

func TestWeeklyAttemptDeliversOnce(t *testing.T) {
	f := newWeeklyFixture(t)
	retryAt, err := f.runner.Attempt(context.Background())
	if err != nil || !retryAt.IsZero() {
		t.Fatalf("Attempt() = %v, %v; want done", retryAt, err)
	}
	opens := f.sl.Calls("conversations.open")
	var mpim string
	for _, c := range opens {
		if c.Params.Get("users") == "UANN,UMIA" || c.Params.Get("users") == "UMIA,UANN" {
			mpim = "found"
		}
	}
	if mpim == "" {
		t.Errorf("no group DM opened with Ann and her manager Mia; conversations.open calls: %+v", opens)
	}
	all := allWeeklyMessages(f)
	if want := map[string]int{"c-ann": 1}; !equalCounts(all, want) {
		t.Errorf("weekly messages per user = %v, want %v (Bob worked enough, Cat is excluded)", all, want)
	}
	// The admin got exactly one digest.
	if n := countDigests(f, "UADMIN"); n != 1 {
		t.Errorf("admin digests = %d, want 1", n)
	}
	// A second attempt the same week (a restart, a retry) sends nothing.
	f.clock.Set(f.clock.Now().Add(2 * time.Hour))
	if _, err := f.runner.Attempt(context.Background()); err != nil {
		t.Fatal(err)
	}
	if again := allWeeklyMessages(f); !equalCounts(again, map[string]int{"c-ann": 1}) || countDigests(f, "UADMIN") != 1 {
		t.Errorf("after a second attempt: messages %v, digests %d; want unchanged", again, countDigests(f, "UADMIN"))
	}
}

func TestWeeklyAttemptWaitsForFreshData(t *testing.T) {
	f := newWeeklyFixture(t)
	f.cf.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", Status: 500})
	start := f.clock.Now()
	retryAt, err := f.runner.Attempt(context.Background())
	if err == nil || !retryAt.Equal(start.Add(RetryEvery)) {
		t.Fatalf("Attempt() with Clockify down = %v, %v; want an error and a retry at %v", retryAt, err, start.Add(RetryEvery))
	}
	if got := allWeeklyMessages(f); len(got) != 0 {
		t.Errorf("weekly messages sent on stale data: %v", got)
	}
	if n := countAdminTexts(f, "UADMIN", "is waiting"); n != 1 {
		t.Errorf("admin told %d times that the report waits, want 1", n)
	}
	// Still down 15 minutes later: no second alert.
	f.clock.Set(retryAt)
	if _, err := f.runner.Attempt(context.Background()); err == nil {
		t.Fatal("second Attempt() succeeded with Clockify down")
	}
	if n := countAdminTexts(f, "UADMIN", "is waiting"); n != 1 {
		t.Errorf("admin told %d times that the report waits, want still 1", n)
	}
	// Clockify is back: the next attempt delivers.
	f.cf.ClearFaults()
	f.clock.Set(f.clock.Now().Add(RetryEvery))
	if retryAt, err := f.runner.Attempt(context.Background()); err != nil || !retryAt.IsZero() {
		t.Fatalf("Attempt() after recovery = %v, %v; want done", retryAt, err)
	}
	if got := allWeeklyMessages(f); !equalCounts(got, map[string]int{"c-ann": 1}) {
		t.Errorf("weekly messages after recovery = %v, want one for Ann", got)
	}
}

func TestWeeklyAttemptGivesUpAfterTwelveHours(t *testing.T) {
	f := newWeeklyFixture(t)
	f.cf.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", Status: 500})
	if _, err := f.runner.Attempt(context.Background()); err == nil {
		t.Fatal("Attempt() succeeded with Clockify down")
	}
	f.clock.Set(f.clock.Now().Add(RetryFor + time.Minute))
	retryAt, err := f.runner.Attempt(context.Background())
	if err == nil || !retryAt.IsZero() {
		t.Fatalf("Attempt() after 12h = %v, %v; want an error and no retry", retryAt, err)
	}
	if n := countAdminTexts(f, "UADMIN", "was not sent"); n != 1 {
		t.Errorf("admin told %d times that the report was given up, want 1", n)
	}
	f.cf.ClearFaults()
	f.clock.Set(f.clock.Now().Add(time.Hour))
	if _, err := f.runner.Attempt(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := allWeeklyMessages(f); len(got) != 0 {
		t.Errorf("messages sent after giving up: %v", got)
	}
}

func TestWeeklyAttemptOnlyCatchesUpTheSameWeek(t *testing.T) {
	f := newWeeklyFixture(t)
	f.clock.Set(time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)) // next Monday before 09:00: W46's run is history
	if retryAt, err := f.runner.Attempt(context.Background()); err != nil || !retryAt.IsZero() {
		t.Fatalf("Attempt() = %v, %v", retryAt, err)
	}
	if got := allWeeklyMessages(f); len(got) != 0 {
		t.Errorf("a report from a past week was sent late: %v", got)
	}
}

// allWeeklyMessages counts weekly messages in every conversation of the fake.
func allWeeklyMessages(f *weeklyFixture) map[string]int {
	got := map[string]int{}
	for _, c := range f.sl.Calls("chat.postMessage") {
		var md struct {
			EventType    string            `json:"event_type"`
			EventPayload map[string]string `json:"event_payload"`
		}
		if raw := c.Params.Get("metadata"); raw != "" && json.Unmarshal([]byte(raw), &md) == nil && md.EventType == WeeklyReportEvent {
			got[md.EventPayload["user"]]++
		}
	}
	return got
}

// countDigests counts admin digests posted for adminID.
func countDigests(f *weeklyFixture, adminID string) int {
	n := 0
	for _, c := range f.sl.Calls("chat.postMessage") {
		if raw := c.Params.Get("metadata"); strings.Contains(raw, DigestEvent) && strings.Contains(raw, adminID) {
			n++
		}
	}
	return n
}

// countAdminTexts counts messages to the admin's DM containing part.
func countAdminTexts(f *weeklyFixture, adminID, part string) int {
	n := 0
	for _, m := range f.sl.Messages(adminID) {
		if strings.Contains(m.Text, part) {
			n++
		}
	}
	return n
}

func equalCounts(got, want map[string]int) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func TestWeeklyUsesManagerOverrides(t *testing.T) {
	f := newWeeklyFixture(t)
	// An admin said on the Home tab that Bob, not Mia, manages Ann.
	if err := people.SaveManagerOverrides(f.store, people.ManagerOverrides{"c-ann": {"UBOB"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.runner.Attempt(context.Background()); err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, c := range f.sl.Calls("conversations.open") {
		if u := c.Params.Get("users"); strings.Contains(u, "UANN") {
			groups = append(groups, u)
		}
	}
	if len(groups) != 1 || !strings.Contains(groups[0], "UBOB") || strings.Contains(groups[0], "UMIA") {
		t.Errorf("Ann's group DM opened with %v, want Ann and Bob only", groups)
	}
}
