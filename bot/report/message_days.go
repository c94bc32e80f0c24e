package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/weekly"
)

// DayCount formats a number of days: "half a day", "1 day", "2.5 days".
func DayCount(d float64) string {
	if d == 0.5 {
		return "half a day"
	}
	return slackui.Plural(d, "day", "days")
}

// TimeOffAmount says how much time off ts is: days, and hours for the time
// off asked for in hours ("half a day", "3 h", "1 day and 3 h"); extraDays
// are added to the days (holidays, say). It is "" when there is none.
func TimeOffAmount(ts []weekly.TimeOffDay, extraDays float64) string {
	days, hours := extraDays, 0.0
	for _, t := range ts {
		if t.Hours > 0 {
			hours += t.Hours
		} else {
			days += t.Days
		}
	}
	var parts []string
	if days = math.Round(days*100) / 100; days > 0 {
		parts = append(parts, DayCount(days))
	}
	if hours > 0 {
		parts = append(parts, slackui.Hours(hours)+" h")
	}
	return strings.Join(parts, " and ")
}

// DaysInWords lists days off, holidays and time off, "" when there are none.
func DaysInWords(u UserReport) string {
	var lines []string
	if len(u.DaysOff) > 0 {
		var ds []string
		for _, d := range slackui.FirstN(u.DaysOff, 7) {
			ds = append(ds, longDate(d))
		}
		label := ":zzz: *Day off:* "
		if len(ds) > 1 {
			label = ":zzz: *Days off:* "
		}
		lines = append(lines, label+strings.Join(ds, ", ")+" (no time logged)")
	}
	for _, h := range slackui.FirstN(u.Holidays, 7) {
		lines = append(lines, ":tada: *Holiday:* "+longDate(h.Date)+" — "+slackui.EscapeMrkdwn(slackui.Clean(h.Name, slackui.MaxLabelRunes)))
	}
	for _, t := range slackui.FirstN(u.TimeOff, 7) {
		s := ":palm_tree: *Time off:* " + longDate(t.Date) + " — " + slackui.EscapeMrkdwn(slackui.Clean(t.Policy, slackui.MaxLabelRunes))
		if t.Hours > 0 || (t.Days > 0 && t.Days < 1) {
			s += " (" + TimeOffAmount([]weekly.TimeOffDay{t}, 0) + ")"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

// projectSummary shows the top projects and the billable share, "" when
// nothing was logged.
func projectSummary(u UserReport) string {
	if u.Hours <= 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, ":bar_chart: *Where the time went* · %d%% billable", BillableShare(u))
	for _, p := range slackui.FirstN(u.Projects, maxTopProjects) {
		name := slackui.EscapeMrkdwn(slackui.Clean(p.Name, slackui.MaxNameRunes))
		if c := slackui.Clean(p.Client, slackui.MaxLabelRunes); c != "" {
			name += " _(" + slackui.EscapeMrkdwn(c) + ")_"
		}
		fmt.Fprintf(&b, "\n• %s — *%s h*", name, slackui.Hours(p.Hours))
	}
	if rest := len(u.Projects) - maxTopProjects; rest > 0 {
		var h float64
		for _, p := range u.Projects[maxTopProjects:] {
			h += p.Hours
		}
		fmt.Fprintf(&b, "\n• _…and %s: %s h_", slackui.Plural(float64(rest), "other project", "other projects"), slackui.Hours(h))
	}
	return b.String()
}

// longDate formats a "2006-01-02" date as "Fri Nov 13"; other text is
// escaped as it is.
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return slackui.EscapeMrkdwn(slackui.Clean(d, 20))
	}
	return t.Format("Mon Jan 2")
}

// WeekMonday is the Monday of an ISO week "2026-W46"; for an unreadable
// week it falls back to the Monday of u's first day.
func WeekMonday(week string, u UserReport) (time.Time, bool) {
	var y, w int
	if _, err := fmt.Sscanf(week, "%d-W%d", &y, &w); err == nil && w >= 1 && w <= 53 {
		jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
		week1 := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return week1.AddDate(0, 0, 7*(w-1)), true
	}
	if len(u.Days) > 0 {
		if t, err := time.Parse(time.DateOnly, u.Days[0].Date); err == nil {
			return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)), true
		}
	}
	return time.Time{}, false
}

// WeekRange formats the days of the week of monday: "Nov 9 – 15" or
// "Nov 30 – Dec 6".
func WeekRange(monday time.Time) string {
	sunday := monday.AddDate(0, 0, 6)
	if sunday.Month() == monday.Month() {
		return monday.Format("Jan 2") + " – " + sunday.Format("2")
	}
	return monday.Format("Jan 2") + " – " + sunday.Format("Jan 2")
}

// BillableText is a week's billable and non-billable hours, for example
// "*Billable:* 8 h · *non-billable:* 5 h (62% billable)"; "" when nothing
// was logged. The Home tab and the Details modal show it.
func BillableText(u UserReport) string {
	if u.Hours <= 0 {
		return ""
	}
	return fmt.Sprintf("*Billable:* %s h · *non-billable:* %s h (%d%% billable)",
		slackui.Hours(u.BillableHours), slackui.Hours(max(u.Hours-u.BillableHours, 0)), BillableShare(u))
}

// BillableShare is the billable share of a week's hours in percent, 0
// when nothing was logged.
func BillableShare(u UserReport) int {
	if u.Hours <= 0 {
		return 0
	}
	return int(math.Round(min(u.BillableHours/u.Hours, 1) * 100))
}
