package slackui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Hours formats hours with at most two decimals: "7.5", "20", "7.25".
func Hours(h float64) string {
	return strconv.FormatFloat(math.Round(h*100)/100, 'f', -1, 64)
}

// HoursShort formats a duration as hours to one decimal: "6.5h", "0h".
func HoursShort(d time.Duration) string {
	return Hours(float64(d.Round(6*time.Minute))/float64(time.Hour)) + "h"
}

// Duration formats a duration to the minute: "45m", "1h 05m", "12h 30m".
// It is the one way a running timer or a day's time is written, in /tt as
// on the Home tab.
func Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh %02dm", m/60, m%60)
}

// Plural formats a count with its noun: "1 day", "1.5 days".
func Plural(n float64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Hours(n) + " " + many
}

// JoinWords joins "a", "b" and "c" as "a, b and c".
func JoinWords(w []string) string {
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

// Mention is a user mention, "<@U123>", or "" when id is not a Slack user
// id (so that nothing else can be smuggled into the angle brackets).
func Mention(id string) string {
	if len(id) < 2 || len(id) > 20 || (id[0] != 'U' && id[0] != 'W') {
		return ""
	}
	for _, c := range id {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return ""
		}
	}
	return "<@" + id + ">"
}

// FirstN is at most the first n elements of s.
func FirstN[T any](s []T, n int) []T { return s[:min(len(s), n)] }
