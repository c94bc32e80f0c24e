package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
)

// reportRows returns the people a readable report lists: the flagged
// first, then the others, each group in the report's order (by email);
// only the flagged when flaggedOnly.
func reportRows(rep report.Report, flaggedOnly bool) []report.UserReport {
	var flagged, others []report.UserReport
	for _, u := range rep.Users {
		if u.Flagged {
			flagged = append(flagged, u)
		} else if !flaggedOnly {
			others = append(others, u)
		}
	}
	return append(flagged, others...)
}

// printReportTable writes the readable form of a report: a heading, one
// row per person with hours as h:mm and the reasons in words, and a totals
// line. The total shortfall leaves out excluded people.
func printReportTable(w io.Writer, rep report.Report, flaggedOnly bool) error {
	rows := reportRows(rep, flaggedOnly)
	flagged := 0
	for _, u := range rep.Users {
		if u.Flagged {
			flagged++
		}
	}
	fmt.Fprintf(w, "Week %s (%s to %s): %d people, %d flagged\n", rep.Week, rep.From, rep.To, len(rep.Users), flagged)
	if rep.DaysOffUnavailable {
		fmt.Fprintln(w, "Holidays and time off are not available in this Clockify workspace (Time off is a paid feature), so days off are not applied.")
	}
	fmt.Fprintln(w)
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLAGGED\tNAME\tEMAIL\tHOURS\tTARGET\tSHORTFALL\tREASONS\tMANAGERS")
	var hours, target, short float64
	for _, u := range rows {
		s := shortfall(u)
		hours, target = hours+u.Hours, target+u.TargetHours
		if !u.Excluded { // the exception list's shortfall is nobody's concern
			short += s
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", status(u), clean(u.Name), clean(u.Email),
			hm(u.Hours), hm(u.TargetHours), hmOrDash(s), clean(reasonWords(u)), clean(managerList(u)))
	}
	fmt.Fprintf(tw, "TOTAL\t%d people\t\t%s\t%s\t%s\n", len(rows), hm(hours), hm(target), hmOrDash(short))
	if err := tw.Flush(); err != nil {
		return err
	}
	for line := range strings.Lines(buf.String()) { // no padding after the last cell
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// printReportCSV writes the report as RFC 4180 CSV, one header row and one
// row per person in the table's order; hours are decimal for spreadsheets.
func printReportCSV(w io.Writer, rep report.Report, flaggedOnly bool) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"week", "email", "name", "status", "hours", "target_hours", "shortfall_hours", "reasons", "managers"})
	dec := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	for _, u := range reportRows(rep, flaggedOnly) {
		cw.Write([]string{rep.Week, cell(u.Email), cell(u.Name), status(u), dec(u.Hours), dec(u.TargetHours),
			dec(shortfall(u)), cell(reasonWords(u)), cell(managerList(u))})
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a text cell from being read as a formula by a spreadsheet
// (a name such as "=HYPERLINK(...)") and from carrying control characters.
func cell(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// status is "yes" for a flagged person, "excluded" for one on the
// exception list, else "".
func status(u report.UserReport) string {
	switch {
	case u.Excluded:
		return "excluded"
	case u.Flagged:
		return "yes"
	}
	return ""
}

// shortfall is how many hours a person is below target, 0 when on target.
func shortfall(u report.UserReport) float64 { return max(0, u.TargetHours-u.Hours) }

// hm formats hours as h:mm, rounded to the minute: 37.5 is "37:30".
func hm(h float64) string {
	if math.IsNaN(h) || math.IsInf(h, 0) {
		return "?"
	}
	m := int64(math.Round(h * 60))
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d:%02d", sign, m/60, m%60)
}

// hmOrDash is hm, or "-" for no time.
func hmOrDash(h float64) string {
	if math.Round(h*60) == 0 {
		return "-"
	}
	return hm(h)
}

// managerList names a person's managers, by email when known.
func managerList(u report.UserReport) string {
	var out []string
	for _, m := range u.Managers {
		out = append(out, firstNonEmpty(m.Email, m.SlackUserID, m.ClockifyUserID))
	}
	return strings.Join(out, ", ")
}

// reasonWords says why a person is listed, in words: "under target",
// "day off Tue", "time off Wed–Thu", and the holidays that lowered the
// target, "holiday Wed (Veterans Day)"; parts are separated by "; ".
func reasonWords(u report.UserReport) string {
	var parts []string
	if slices.Contains(u.Reasons, weekly.ReasonUnderHours) {
		parts = append(parts, "under target")
	}
	if slices.Contains(u.Reasons, weekly.ReasonDayOff) && len(u.DaysOff) > 0 {
		parts = append(parts, "day off "+dayRanges(u.DaysOff))
	}
	if len(u.TimeOff) > 0 {
		var full []string
		var partial []string
		for _, t := range u.TimeOff {
			switch {
			case t.Days >= 1:
				full = append(full, t.Date)
			case t.Hours > 0:
				partial = append(partial, fmt.Sprintf("%s (%s h)", weekdayOf(t.Date), strconv.FormatFloat(t.Hours, 'f', -1, 64)))
			default:
				partial = append(partial, fmt.Sprintf("%s (%s d)", weekdayOf(t.Date), strconv.FormatFloat(t.Days, 'f', -1, 64)))
			}
		}
		days := partial
		if len(full) > 0 {
			days = append([]string{dayRanges(full)}, partial...)
		}
		parts = append(parts, "time off "+strings.Join(days, ", "))
	}
	for _, h := range u.Holidays {
		parts = append(parts, fmt.Sprintf("holiday %s (%s)", weekdayOf(h.Date), h.Name))
	}
	return strings.Join(parts, "; ")
}

// dayRanges turns sorted dates into weekday names with consecutive days
// joined: 2026-11-11, 2026-11-12 and 2026-11-13 are "Wed–Fri", 2026-11-09
// and 2026-11-11 are "Mon, Wed".
func dayRanges(dates []string) string {
	var out []string
	for i := 0; i < len(dates); {
		j := i
		for j+1 < len(dates) && nextDay(dates[j], dates[j+1]) {
			j++
		}
		if j == i {
			out = append(out, weekdayOf(dates[i]))
		} else {
			out = append(out, weekdayOf(dates[i])+"–"+weekdayOf(dates[j]))
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

// nextDay reports whether date b is the day after date a.
func nextDay(a, b string) bool {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	return err1 == nil && err2 == nil && ta.AddDate(0, 0, 1).Equal(tb)
}

// weekdayOf is the short weekday name of a date such as "2026-11-11"
// ("Wed"), or the date itself when it does not parse.
func weekdayOf(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Weekday().String()[:3]
}

// firstNonEmpty returns the first of vs that is not "".
func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean keeps control characters (a name with an escape sequence) out of
// the terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
