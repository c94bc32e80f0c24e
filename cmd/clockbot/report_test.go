package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// reportWorkspace fills the fakes with a week (2026-W46) that exercises the
// rules: Ann in Tokyo is under hours with a day off, Bob in Los Angeles took
// a holiday and approved time off, Cat is excluded, Dan has null settings
// and a group manager, Eve is inactive.
func reportWorkspace(t *testing.T, cf *clockifytest.Server, sl *slacktest.Server) {
	t.Helper()
	users := []clockifytest.User{
		{ID: "c-ann", Email: "ann@example.com", Name: "Ann", TimeZone: "Asia/Tokyo"},
		{ID: "c-bob", Email: "bob@example.com", Name: "Bob", TimeZone: "America/Los_Angeles"},
		{ID: "c-cat", Email: "cat@example.com", Name: "Cat", TimeZone: "Europe/Berlin"},
		{ID: "c-dan", Email: "dan@example.com", Name: "Dan", NullSettings: true},
		{ID: "c-eve", Email: "eve@example.com", Name: "Eve", TimeZone: "UTC", MembershipStatus: "INACTIVE"},
		{ID: "c-mia", Email: "mia@example.com", Name: "Mia", TimeZone: "Europe/Berlin"},
	}
	for _, u := range users {
		cf.AddUser(u)
		sl.AddUser(slacktest.User{ID: "U" + strings.ToUpper(u.ID[2:]), Email: u.Email, Name: u.ID[2:], RealName: u.Name})
	}
	cf.AddProject(clockifytest.Project{ID: "p-web", Name: "Website", ClientName: "Acme", Billable: true})
	cf.SetManagers("c-ann", "c-mia")
	cf.SetManagers("c-bob", "c-mia")
	cf.AddGroup(clockifytest.Group{ID: "g-ops", Name: "Ops", UserIDs: []string{"c-dan"}, ManagerIDs: []string{"c-mia"}})
	cf.AddHoliday(clockifytest.Holiday{ID: "h1", Name: "Veterans Day", StartDate: "2026-11-11", EndDate: "2026-11-11", UserIDs: []string{"c-bob"}})
	cf.AddTimeOff(clockifytest.TimeOff{ID: "t1", UserID: "c-bob", PolicyName: "Vacation", Status: "APPROVED", Unit: "DAYS",
		Start: time.Date(2026, 11, 13, 8, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 14, 8, 0, 0, 0, time.UTC)})
	add := func(user string, local time.Time, hours float64) {
		end := local.Add(time.Duration(hours * float64(time.Hour)))
		cf.AddEntry(clockifytest.Entry{UserID: user, ProjectID: "p-web", Billable: true, Start: local.UTC(), End: &end})
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	la, _ := time.LoadLocation("America/Los_Angeles")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, d := range []int{9, 10, 12, 13} { // Ann: no time on Wednesday the 11th
		add("c-ann", time.Date(2026, 11, d, 9, 0, 0, 0, tokyo), 5)
	}
	for _, d := range []int{9, 10, 12} { // Bob: Wednesday is his holiday, Friday time off
		add("c-bob", time.Date(2026, 11, d, 9, 0, 0, 0, la), 8)
	}
	add("c-cat", time.Date(2026, 11, 9, 9, 0, 0, 0, berlin), 2)
	for d := 9; d <= 13; d++ {
		add("c-dan", time.Date(2026, 11, d, 8, 0, 0, 0, time.UTC), 6)
		add("c-mia", time.Date(2026, 11, d, 8, 0, 0, 0, berlin), 8)
	}
}

var generatedAt = regexp.MustCompile(`"generatedAt":"[^"]*"`)

func TestReportJSON(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	reportWorkspace(t, cf, sl)
	fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_EXCLUDE", "cat@example.com")
	t.Setenv("REPORT_TARGETS", "dan@example.com=30")

	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--json"}, &out, &errOut); err != nil {
		t.Fatalf("report: %v\nstderr: %s", err, errOut.String())
	}
	var obj map[string]any
	if err := json.Unmarshal(out.Bytes(), &obj); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out.String())
	}
	if _, err := time.Parse(time.RFC3339, obj["generatedAt"].(string)); err != nil {
		t.Errorf("generatedAt %q is not RFC 3339", obj["generatedAt"])
	}
	got := generatedAt.ReplaceAll(out.Bytes(), []byte(`"generatedAt":"<now>"`))
	var pretty bytes.Buffer
	json.Indent(&pretty, got, "", "  ")
	golden(t, "testdata/report_w46.golden.json", pretty.Bytes())
	if strings.Contains(errOut.String(), "warning") {
		t.Errorf("stderr has a warning although Slack answered: %s", errOut.String())
	}
}

func TestReportWithoutSlack(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	reportWorkspace(t, cf, sl)
	fakeEnv(t, cf)
	t.Setenv("REPORT_EXCLUDE", "cat@example.com")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--json"}, &out, &errOut); err != nil {
		t.Fatalf("report: %v", err)
	}
	if n := strings.Count(errOut.String(), "warning"); n != 1 {
		t.Errorf("stderr has %d warnings, want exactly 1:\n%s", n, errOut.String())
	}
	if strings.Contains(out.String(), `"slackUserId":"U`) {
		t.Errorf("slackUserId filled without Slack: %s", out.String())
	}
	var obj struct{ Users []map[string]any }
	if err := json.Unmarshal(out.Bytes(), &obj); err != nil || len(obj.Users) != 5 {
		t.Errorf("report without Slack = %d users, %v; want the 5 active users", len(obj.Users), err)
	}

	// The table form, offline, from what the first run stored.
	out.Reset()
	errOut.Reset()
	before := cf.Requests()
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--offline"}, &out, &errOut); err != nil {
		t.Fatalf("report --offline: %v", err)
	}
	if cf.Requests() != before {
		t.Errorf("--offline made %d Clockify requests", cf.Requests()-before)
	}
	for _, want := range []string{"Week 2026-W46 (2026-11-09 to 2026-11-15)", "ann@example.com", "under target; day off Wed", "excluded"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestReportSendIsExactlyOnce(t *testing.T) {
	cf := clockifytest.NewTB(t)
	sl := slacktest.NewTB(t)
	reportWorkspace(t, cf, sl)
	fakeEnv(t, cf)
	t.Setenv("SLACK_BOT_TOKEN", sl.BotToken)
	t.Setenv("SLACK_API_URL", sl.APIURL)
	t.Setenv("REPORT_ADMINS", "UMIA")
	t.Setenv("REPORT_EXCLUDE", "cat@example.com")
	for i := 0; i < 2; i++ {
		var out, errOut bytes.Buffer
		if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--send"}, &out, &errOut); err != nil {
			t.Fatalf("report --send #%d: %v\nstderr: %s", i+1, err, errOut.String())
		}
	}
	weekly := 0
	for _, c := range sl.Calls("chat.postMessage") {
		if strings.Contains(c.Params.Get("metadata"), "clockbot_weekly_report") {
			weekly++
		}
	}
	// Ann (under hours, day off) and Bob (time off) are flagged; two runs send two messages.
	if weekly != 2 {
		t.Errorf("weekly messages after two --send runs = %d, want 2", weekly)
	}
}

func TestReportFlags(t *testing.T) {
	for _, args := range [][]string{{"--week", "2026-W54"}, {"--week", "lastweek"}, {"--send", "--offline"}, {"--csv", "--json"}, {"--flagged-only", "--json"}, {"extra"}} {
		_, err := parseReportFlags(args, time.Now(), &bytes.Buffer{})
		if err == nil || exitCode(err) != 2 {
			t.Errorf("parseReportFlags(%q) = %v, want a usage error", args, err)
		}
	}
	f, err := parseReportFlags(nil, time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), &bytes.Buffer{})
	if err != nil || f.week.String() != "2026-W46" {
		t.Errorf("default week = %v, %v; want last week 2026-W46", f.week, err)
	}
}

// golden compares got with a golden file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run with -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(got)) {
		t.Errorf("%s mismatch (-want +got):\n-%s\n+%s", path, want, got)
	}
}
