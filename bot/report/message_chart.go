package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

// DayChart draws the hours of each day, Monday to Sunday, as text bars in a
// code block, marking weekends, days off, holidays and time off.
func DayChart(monday time.Time, u UserReport, workdays []time.Weekday) string {
	hours := map[string]float64{}
	scale := chartMinScale
	for _, d := range u.Days {
		hours[d.Date] += d.Hours
	}
	for _, h := range hours {
		scale = max(scale, h)
	}
	notes := map[string][]string{}
	for _, d := range u.DaysOff {
		notes[d] = append(notes[d], "day off")
	}
	for _, h := range u.Holidays {
		notes[h.Date] = append(notes[h.Date], "holiday: "+chartLabel(h.Name))
	}
	for _, t := range u.TimeOff {
		notes[t.Date] = append(notes[t.Date], "time off ("+chartLabel(t.Policy)+")")
	}
	var b strings.Builder
	b.WriteString("```\n")
	for i := range 7 {
		day := monday.AddDate(0, 0, i)
		key := day.Format(time.DateOnly)
		n := notes[key]
		switch {
		case isWorkday(day.Weekday(), workdays):
		case day.Weekday() == time.Saturday || day.Weekday() == time.Sunday:
			n = append([]string{"weekend"}, n...)
		default:
			n = append([]string{"not a workday"}, n...)
		}
		line := fmt.Sprintf("%s %02d  %-*s %6s", day.Format("Mon"), day.Day(), chartWidth, bar(hours[key], scale), slackui.Hours(hours[key])+"h")
		if len(n) > 0 {
			line += "  " + strings.Join(slackui.FirstN(n, 3), ", ")
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("```")
	return b.String()
}

// eighths are the partial block characters, one to seven eighths wide.
var eighths = []rune("▏▎▍▌▋▊▉")

// bar is h drawn with block characters, chartWidth wide at scale hours.
func bar(h, scale float64) string {
	n := int(math.Round(h / scale * chartWidth * 8))
	if h > 0 && n == 0 {
		n = 1 // a few minutes still show
	}
	s := strings.Repeat("█", n/8)
	if n%8 > 0 {
		s += string(eighths[n%8-1])
	}
	return s
}

// chartLabel is a name made safe for the chart's code block.
func chartLabel(s string) string {
	return slackui.EscapeMrkdwn(strings.ReplaceAll(slackui.Clean(s, maxChartLabelRunes), "`", "'"))
}

// isWorkday reports whether wd is a working day (Monday to Friday when
// workdays is empty).
func isWorkday(wd time.Weekday, workdays []time.Weekday) bool {
	if len(workdays) == 0 {
		return wd != time.Saturday && wd != time.Sunday
	}
	for _, w := range workdays {
		if w == wd {
			return true
		}
	}
	return false
}
