package home

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Trend rendering sizes.
const (
	trendBarWidth  = 20 // characters of the longest bar
	trendNameRunes = 14 // a name's column in the team table
)

// gatherTrend fills the viewer's last report.TrendWeeks weeks, the last
// one being last week in their zone.
func (h *Home) gatherTrend(d *homeData) error {
	last := weekly.LastWeek(d.now.In(d.loc))
	trends, err := h.reporter.Trends([]store.User{d.user}, last, report.TrendWeeks, d.now)
	if err != nil {
		return err
	}
	d.trend = trends[d.user.ID]
	return nil
}

// gatherTeamTrend fills the last report.TrendWeeks weeks, ending with
// d.lastWeek, of the people on the team list's page (the table shows
// those), from one store read.
func (h *Home) gatherTeamTrend(d *homeData) error {
	lo, hi := teamPage(*d)
	page := make([]store.User, 0, hi-lo)
	for _, r := range d.team[lo:hi] {
		page = append(page, r.user)
	}
	trends, err := h.reporter.Trends(page, d.lastWeek, report.TrendWeeks, d.now)
	if err != nil {
		return err
	}
	for i := lo; i < hi; i++ {
		d.team[i].trend = trends[d.team[i].user.ID]
	}
	return nil
}

// teamPage is the range of d.team on the team list's current page.
func teamPage(d homeData) (lo, hi int) {
	n := (len(d.team) + homePageSize - 1) / homePageSize
	page := min(max(d.pages["team"], 0), max(n-1, 0))
	return page * homePageSize, min(len(d.team), (page+1)*homePageSize)
}

// trendBlocks are the viewer's last weeks as a text bar chart: █ the hours
// logged, ░ what was missing to the target.
func trendBlocks(ws []report.TrendWeek) []slack.Block {
	if len(ws) == 0 {
		return nil
	}
	scale := 0.0
	for _, w := range ws {
		if !w.NoData {
			scale = max(scale, w.Report.Hours, w.Report.TargetHours)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "*Your last %d weeks* (█ logged, ░ missing to the target)\n```\n", len(ws))
	for _, w := range ws {
		fmt.Fprintf(&b, "%s  ", trendWeekLabel(w.Week))
		r := w.Report
		switch {
		case w.NoData:
			b.WriteString("no data")
		default:
			filled := bar(r.Hours, scale)
			missing := max(bar(r.TargetHours, scale)-filled, 0)
			b.WriteString(strings.Repeat("█", filled) + strings.Repeat("░", missing) + strings.Repeat(" ", max(trendBarWidth-filled-missing, 0)))
			fmt.Fprintf(&b, " %5s h", slackui.Hours(r.Hours))
			if r.TargetHours > 0 {
				fmt.Fprintf(&b, " of %s h", slackui.Hours(r.TargetHours))
			}
			switch {
			case r.Excluded:
				b.WriteString(" (exception list)")
			case w.UnderTarget():
				b.WriteString(" under target")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("```")
	if n := report.InARow(ws); n >= 2 {
		fmt.Fprintf(&b, "\n:chart_with_downwards_trend: %d weeks in a row under target.", n)
	}
	return []slack.Block{slackui.Section(b.String())}
}

// bar is the number of characters of v on a bar whose full width is scale.
func bar(v, scale float64) int {
	if scale <= 0 || v <= 0 {
		return 0
	}
	return min(int(math.Round(v/scale*trendBarWidth)), trendBarWidth)
}

// trendWeekLabel is a week as "W46 Nov 09" (the ISO week and its Monday).
func trendWeekLabel(w weekly.Week) string {
	return fmt.Sprintf("W%02d %s", w.Num, w.Start(time.UTC).Format("Jan 02"))
}

// teamTrendBlocks are the team's last weeks as a table: one row per
// person, one column of hours per week, "!" after a flagged week, "-" for
// a week before the store's history. It shows the people of the team
// list's current page.
func teamTrendBlocks(d homeData) []slack.Block {
	var weeks []weekly.Week
	lo, hi := teamPage(d)
	for _, r := range d.team[lo:hi] {
		if len(r.trend) > 0 {
			weeks = make([]weekly.Week, len(r.trend))
			for i, w := range r.trend {
				weeks[i] = w.Week
			}
			break
		}
	}
	if len(weeks) == 0 {
		return nil
	}
	head := fmt.Sprintf("%-*s", trendNameRunes, "")
	for _, w := range weeks {
		head += fmt.Sprintf(" %6s", fmt.Sprintf("W%02d", w.Num))
	}
	// The rows of the people on the team list's page, so the table follows
	// its Previous/Next buttons and stays one block.
	var b strings.Builder
	fmt.Fprintf(&b, "*Your team's last %d weeks* (hours; ! flagged, - no data)\n```\n%s\n", len(weeks), head)
	for _, r := range d.team[lo:hi] {
		b.WriteString(trendName(r.user) + trendCells(r.trend) + "\n")
	}
	b.WriteString("```")
	return []slack.Block{slackui.Section(b.String())}
}

// trendCells are one person's columns of the team table.
func trendCells(ws []report.TrendWeek) string {
	var b strings.Builder
	for _, w := range ws {
		cell := "-"
		if !w.NoData {
			cell = slackui.Hours(math.Round(w.Report.Hours*10) / 10)
			if w.Report.Flagged {
				cell += "!"
			}
		}
		fmt.Fprintf(&b, " %6s", cell)
	}
	return b.String()
}

// trendName is a person's name padded to the table's first column, safe
// inside a code block (no backticks, &, < and > escaped).
func trendName(u store.User) string {
	name := strings.TrimSpace(u.Name)
	if name == "" {
		name = u.Email
	}
	name = strings.ReplaceAll(slackui.StripInvisible(name, false), "`", "'")
	name = slackui.TruncateRunes(name, trendNameRunes)
	pad := max(trendNameRunes-utf8.RuneCountInString(name), 0)
	name = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(name)
	return name + strings.Repeat(" ", pad)
}
