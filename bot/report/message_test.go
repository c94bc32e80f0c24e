package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
)

const msgHostileName = "<!channel> *bold* <http://x|y> & co"

// msgWeek46 is the hours of 2026-W46 (Nov 9 – 15), Monday first.
func msgWeek46(hours ...float64) []weekly.Day {
	days := make([]weekly.Day, 7)
	for i := range days {
		days[i].Date = time.Date(2026, 11, 9+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		if i < len(hours) {
			days[i].Hours = hours[i]
		}
	}
	return days
}

var msgManagers = []people.ManagerRef{
	{ClockifyUserID: "c-mgr1", Email: "maria@example.com", SlackUserID: "UMGR1"},
	{ClockifyUserID: "c-mgr2", Email: "li@example.com"}, // no Slack account
	{SlackUserID: "UMGR3"}, // configured in Slack only
}

func weeklyMessageCases() []struct {
	name string
	u    UserReport
	opts MessageOptions
} {
	const url = "https://app.clockify.me/reports/detailed?start=2026-11-09&end=2026-11-15"
	var manyProjects []ProjectTotal
	for i := range 40 {
		manyProjects = append(manyProjects, ProjectTotal{ProjectID: "p", Name: strings.Repeat(string(rune('A'+i%26)), 200), Client: strings.Repeat("c", 200), Hours: 1.25})
	}
	return []struct {
		name string
		u    UserReport
		opts MessageOptions
	}{
		{name: "under_hours_day_off", opts: MessageOptions{ClockifyURL: url}, u: UserReport{
			ClockifyUserID: "c-ana", Email: "ana@example.com", Name: "Ana Lima", SlackUserID: "U123",
			Hours: 26.5, TargetHours: 40, Flagged: true, Reasons: []string{"under_hours", "day_off"},
			Days: msgWeek46(7.5, 8, 6, 5), DaysOff: []string{"2026-11-13"}, Managers: msgManagers[:1],
			Projects: []ProjectTotal{
				{ProjectID: "p1", Name: "Website redesign", Client: "Acme", Hours: 14.25},
				{ProjectID: "p2", Name: "Internal", Hours: 8},
				{Name: "No project", Hours: 4.25},
			},
			BillableHours: 14.25,
		}},
		{name: "time_off_and_holiday", opts: MessageOptions{ClockifyURL: url, Mentions: true, Workdays: []time.Weekday{1, 2, 3, 4, 5}}, u: UserReport{
			ClockifyUserID: "c-ben", Email: "ben@example.com", Name: "Ben Okafor", SlackUserID: "U456",
			Hours: 18.5, TargetHours: 20, Flagged: true, Reasons: []string{"under_hours", "time_off"},
			Days:     msgWeek46(0, 4, 7.5, 0, 7),
			Holidays: []weekly.HolidayDay{{Date: "2026-11-12", Name: "Veterans Day"}},
			TimeOff: []weekly.TimeOffDay{
				{Date: "2026-11-09", Days: 1, Policy: "Vacation"},
				{Date: "2026-11-10", Days: 0.5, Policy: "Sick leave"},
			},
			Managers:      msgManagers,
			Projects:      []ProjectTotal{{ProjectID: "p1", Name: "Mobile app", Client: "Globex", Hours: 18.5}},
			BillableHours: 18.5,
		}},
		{name: "hourly_time_off", opts: MessageOptions{ClockifyURL: url, Mentions: true, Workdays: []time.Weekday{1, 2, 3, 4, 5}}, u: UserReport{
			ClockifyUserID: "c-dev", Email: "dev@example.com", Name: "Dev Sharma", SlackUserID: "U321",
			Hours: 29, TargetHours: 25.38, Flagged: true, Reasons: []string{"time_off"},
			Days: msgWeek46(8, 8, 0, 5, 8),
			TimeOff: []weekly.TimeOffDay{
				{Date: "2026-11-12", Days: 0.38, Hours: 3, Policy: "Doctor"},
			},
			Managers:      msgManagers,
			Projects:      []ProjectTotal{{ProjectID: "p1", Name: "Mobile app", Hours: 29}},
			BillableHours: 29,
		}},
		{name: "zero_hours", u: UserReport{
			ClockifyUserID: "c-cam", Email: "cam@example.com", Name: "Cam", SlackUserID: "U789",
			TargetHours: 40, Flagged: true, Reasons: []string{"under_hours", "day_off"},
			Days:    msgWeek46(),
			DaysOff: []string{"2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"},
		}},
		{name: "hostile_names", opts: MessageOptions{ClockifyURL: url, Mentions: true}, u: UserReport{
			ClockifyUserID: "c-eve", Email: "eve@example.com", Name: msgHostileName,
			Hours: 30, TargetHours: 40, Flagged: true, Reasons: []string{"under_hours", "<!here>_odd"},
			Days:     msgWeek46(8, 8, 8, 6),
			DaysOff:  []string{"<!channel>"},
			Holidays: []weekly.HolidayDay{{Date: "2026-11-13", Name: msgHostileName + " ```x```"}},
			TimeOff:  []weekly.TimeOffDay{{Date: "2026-11-13", Days: 0.5, Policy: "@here & <@U999>"}},
			Projects: []ProjectTotal{
				{ProjectID: "p1", Name: msgHostileName, Client: "<mailto:a@b|mail> & sons", Hours: 20},
				{ProjectID: "p2", Name: "line\nbreak\tand @channel", Hours: 10},
			},
			BillableHours: 10,
		}},
		{name: "many_long_projects", opts: MessageOptions{ClockifyURL: url, Workdays: []time.Weekday{0, 1, 2, 3, 4}}, u: UserReport{
			ClockifyUserID: "c-dev", Email: "dev@example.com", Name: strings.Repeat("Dev ", 50),
			Hours: 50, TargetHours: 28, Flagged: true, Reasons: []string{"day_off", "time_off"},
			Days:    msgWeek46(12.5, 11, 10.25, 16.25, 0, 0.05, 0),
			DaysOff: []string{"2026-11-15"},
			Holidays: []weekly.HolidayDay{
				{Date: "2026-11-09", Name: strings.Repeat("Very long holiday ", 12)},
			},
			TimeOff:       []weekly.TimeOffDay{{Date: "2026-11-11", Days: 0.5, Policy: strings.Repeat("p", 200)}},
			Projects:      manyProjects,
			BillableHours: 12.5,
		}},
		{name: "bad_slack_ids", opts: MessageOptions{Mentions: true}, u: UserReport{
			ClockifyUserID: "c-gus", Email: "gus@example.com", Name: "Gus", SlackUserID: "U1> <!channel",
			Hours: 10, TargetHours: 40, Flagged: true, Reasons: []string{"under_hours"},
			Days:     msgWeek46(10),
			Managers: []people.ManagerRef{{SlackUserID: "<!here>"}, {SlackUserID: "UOK1"}},
			Projects: []ProjectTotal{{ProjectID: "p1", Name: "Support", Hours: 10}},
		}},
		{name: "invisible_characters", u: UserReport{
			ClockifyUserID: "c-ivy", Email: "ivy@example.com", Name: "Ivy\u202e Ross\u2066",
			Hours: 12, TargetHours: 40, Flagged: true, Reasons: []string{"under_hours"},
			Days:     msgWeek46(12),
			Holidays: []weekly.HolidayDay{{Date: "2026-11-11", Name: "Armi\u200bstice\ufeff"}},
			TimeOff:  []weekly.TimeOffDay{{Date: "2026-11-12", Days: 1, Policy: "Vaca\u2067tion\u2069"}},
			Projects: []ProjectTotal{{ProjectID: "p1", Name: "De\u200bsign\u202d", Client: "\u061cAcme\u00ad", Hours: 12}},
		}},
		{name: "no_slack_id", u: UserReport{
			ClockifyUserID: "c-fay", Email: "fay@example.com", Name: "Fay Nguyen",
			Hours: 32, TargetHours: 32, Flagged: true, Reasons: []string{"time_off"},
			Days:          msgWeek46(8, 8, 8, 8),
			TimeOff:       []weekly.TimeOffDay{{Date: "2026-11-13", Days: 1, Policy: "Parental leave"}},
			Managers:      msgManagers[1:2],
			Projects:      []ProjectTotal{{ProjectID: "p1", Name: "Support", Hours: 32}},
			BillableHours: 0,
		}},
	}
}

func TestWeeklyMessage(t *testing.T) {
	for _, tt := range weeklyMessageCases() {
		t.Run(tt.name, func(t *testing.T) {
			blocks, fallback := WeeklyMessage("2026-W46", tt.u, tt.opts)
			bottest.CheckBlocks(t, blocks, bottest.MessageLimits)
			if n := utf8.RuneCountInString(fallback); n == 0 || n > 4000 || strings.Contains(fallback, "\n") {
				t.Errorf("fallback %q: want one non-empty line of at most 4000 characters", fallback)
			}

			raw, err := json.Marshal(map[string]any{"text": fallback, "blocks": blocks})
			if err != nil {
				t.Fatal(err)
			}
			assertSafeText(t, bottest.UnescapeHTMLJSON(t, raw), tt.opts.ClockifyURL)
			bottest.CheckGolden(t, "message", tt.name, raw)
		})
	}
}

var (
	mrkdwnMention = regexp.MustCompile(`<@U[A-Z0-9]+>`)
	mrkdwnEntity  = regexp.MustCompile(`&(amp|lt|gt);`)
)

// assertSafeText checks every text in a rendered message: mrkdwn is
// verbatim, and apart from user mentions and the Clockify link no "<", ">"
// or bare "&" is left that Slack could turn into a ping or a link.
func assertSafeText(t *testing.T, raw []byte, clockifyURL string) {
	t.Helper()
	var msg map[string]any
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatal(err)
	}
	texts := []string{msg["text"].(string)}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["text"].(string); ok {
				texts = append(texts, s)
				if v["type"] == "mrkdwn" && v["verbatim"] != true {
					t.Errorf("mrkdwn text %q is not verbatim", s)
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(msg["blocks"])
	bottest.CheckInvisibleJSON(t, "message", msg)
	link := ""
	if clockifyURL != "" {
		link = "<" + slackui.EscapeMrkdwn(clockifyURL) + "|Open in Clockify>"
	}
	for _, s := range texts {
		if strings.Contains(s, msgHostileName) || strings.Contains(s, "<!") || strings.Contains(s, "<http://x") {
			t.Errorf("text %q holds an unescaped hostile string", s)
		}
		rest := mrkdwnMention.ReplaceAllString(s, "")
		if link != "" {
			rest = strings.ReplaceAll(rest, link, "")
		}
		rest = mrkdwnEntity.ReplaceAllString(rest, "")
		if strings.ContainsAny(rest, "<>&") {
			t.Errorf("text %q holds an unescaped <, > or &", s)
		}
	}
}

func TestWeeklyMessageHostileNameEscaped(t *testing.T) {
	u := UserReport{ClockifyUserID: "c1", Name: msgHostileName, Hours: 1, TargetHours: 40, Projects: []ProjectTotal{{Name: msgHostileName, Hours: 1}}}
	blocks, fallback := WeeklyMessage("2026-W46", u, MessageOptions{})
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(blocks); err != nil {
		t.Fatal(err)
	}
	const want = "&lt;!channel&gt; *bold* &lt;http://x|y&gt; &amp; co"
	for _, s := range []string{fallback, raw.String()} {
		if !strings.Contains(s, want) {
			t.Errorf("got %q, want it to hold the escaped name %q", s, want)
		}
	}
}

func TestWeeklyMessageActions(t *testing.T) {
	blocks, _ := WeeklyMessage("2026-W46", UserReport{ClockifyUserID: "c-ana"}, MessageOptions{})
	raw, err := json.Marshal(blocks[len(blocks)-1])
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != "actions" || got.BlockID != "weekly_actions:2026-W46:c-ana" {
		t.Errorf("got last block %s %q, want actions \"weekly_actions:2026-W46:c-ana\"", got.Type, got.BlockID)
	}
	wantIDs := []string{ActionAcknowledge, ActionExcuse, ActionDetails, ActionRefresh, ActionAdjustTarget}
	if len(got.Elements) != len(wantIDs) {
		t.Fatalf("got %d buttons, want %d", len(got.Elements), len(wantIDs))
	}
	for i, e := range got.Elements {
		if e.ActionID != wantIDs[i] || e.Value != "2026-W46|c-ana" {
			t.Errorf("button %d: got %q %q, want %q \"2026-W46|c-ana\"", i, e.ActionID, e.Value, wantIDs[i])
		}
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		hours, scale float64
		want         string
	}{
		{0, 8, ""},
		{0.01, 8, "▏"},
		{8, 8, strings.Repeat("█", 20)},
		{7.5, 8, strings.Repeat("█", 18) + "▊"},
		{4, 16, strings.Repeat("█", 5)},
		{0.2, 8, "▌"},
	}
	for _, tt := range tests {
		if got := bar(tt.hours, tt.scale); got != tt.want {
			t.Errorf("bar(%v, %v) = %q, want %q", tt.hours, tt.scale, got, tt.want)
		}
	}
}

func TestWeekMonday(t *testing.T) {
	tests := []struct {
		week      string
		days      []weekly.Day
		want      string
		wantRange string
		wantOK    bool
	}{
		{week: "2026-W46", want: "2026-11-09", wantRange: "Nov 9 – 15", wantOK: true},
		{week: "2026-W01", want: "2025-12-29", wantRange: "Dec 29 – Jan 4", wantOK: true},
		{week: "2020-W53", want: "2020-12-28", wantRange: "Dec 28 – Jan 3", wantOK: true},
		{week: "2026-W49", want: "2026-11-30", wantRange: "Nov 30 – Dec 6", wantOK: true},
		{week: "bad", days: []weekly.Day{{Date: "2026-11-12"}}, want: "2026-11-09", wantRange: "Nov 9 – 15", wantOK: true},
		{week: "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.week, func(t *testing.T) {
			got, ok := WeekMonday(tt.week, UserReport{Days: tt.days})
			if ok != tt.wantOK {
				t.Fatalf("WeekMonday(%q) ok = %v, want %v", tt.week, ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if d := got.Format(time.DateOnly); d != tt.want {
				t.Errorf("WeekMonday(%q) = %s, want %s", tt.week, d, tt.want)
			}
			if r := WeekRange(got); r != tt.wantRange {
				t.Errorf("WeekRange() = %q, want %q", r, tt.wantRange)
			}
		})
	}
}

func TestWeeklyMessageExtremeInputsFitSlack(t *testing.T) {
	amps := strings.Repeat("&", 5000) // every rune grows to 5 when escaped
	u := UserReport{ClockifyUserID: "c1", Name: amps, Hours: 1e6, TargetHours: 40, BillableHours: 3,
		Reasons: []string{amps, weekly.ReasonUnderHours}, Days: msgWeek46(1e6, 24, 24, 24, 24, 24, 24)}
	for i := range 1000 {
		date := fmt.Sprintf("2026-11-%02d", 9+i%7)
		u.DaysOff = append(u.DaysOff, date)
		u.Holidays = append(u.Holidays, weekly.HolidayDay{Date: date, Name: amps})
		u.TimeOff = append(u.TimeOff, weekly.TimeOffDay{Date: date, Days: 0.5, Policy: amps})
		u.Managers = append(u.Managers, people.ManagerRef{SlackUserID: fmt.Sprintf("U%08d", i)})
		u.Projects = append(u.Projects, ProjectTotal{Name: amps, Client: amps, Hours: 1})
	}
	for _, mentions := range []bool{false, true} {
		blocks, fallback := WeeklyMessage("2026-W46", u, MessageOptions{Mentions: mentions, ClockifyURL: "https://x.test/" + amps})
		bottest.CheckBlocks(t, blocks, bottest.MessageLimits)
		if n := utf8.RuneCountInString(fallback); n > 4000 {
			t.Errorf("got fallback of %d characters, want at most 4000", n)
		}
	}
}
