package bot

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// sanitizeInput makes command text safe to work with: invalid UTF-8,
// control characters, bidirectional overrides and the other invisible
// characters stripInvisible removes are removed (zero-width joiners are
// left for stripInvisible to judge when shown; tabs and line breaks become
// spaces). stripped reports whether anything but
// whitespace was removed.
func sanitizeInput(s string) (clean string, stripped bool) {
	valid := strings.ToValidUTF8(s, "")
	stripped = len(valid) != len(s)
	var b strings.Builder
	b.Grow(len(valid))
	for _, r := range valid {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || isBidiControl(r) || (isInvisible(r) && r != '\u200c' && r != '\u200d'):
			stripped = true
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String()), stripped
}

// isBidiControl reports whether r reorders text (a way to disguise it).
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f'
}

// splitWord returns the first word of s and the rest, trimmed.
func splitWord(s string) (first, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// echoInput is user text made safe to show in mrkdwn: on one line, at most
// maxEchoRunes runes (ending with "…" when cut) and escaped, so that
// "<!channel>" or "<http://x|y>" neither pings nor links.
func echoInput(s string) string {
	return escapeMrkdwn(clean(s, maxEchoRunes))
}

// parseStartArgs splits "[project] [-- description]". An em dash, as
// phones and macOS turn "--" into, separates too.
func parseStartArgs(s string) (project, description string) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"--", "—"} {
		if strings.HasPrefix(s, sep) {
			return "", strings.TrimSpace(s[len(sep):])
		}
	}
	for _, sep := range []string{" -- ", " — "} {
		if i := strings.Index(s, sep); i >= 0 {
			return clean(s[:i], maxCommandBytes), strings.TrimSpace(s[i+len(sep):])
		}
	}
	for _, sep := range []string{" --", " —"} {
		if strings.HasSuffix(s, sep) {
			return clean(strings.TrimSuffix(s, sep), maxCommandBytes), ""
		}
	}
	return clean(s, maxCommandBytes), ""
}

// fmtElapsed formats a duration to the minute: "45m", "1h 05m", "12h 30m".
func fmtElapsed(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh %02dm", m/60, m%60)
}

// fmtHoursShort formats hours to one decimal: "6.5h", "0h".
func fmtHoursShort(d time.Duration) string {
	return fmtHours(float64(d.Round(6*time.Minute))/float64(time.Hour)) + "h"
}

// mentionRe is an escaped user mention as Slack sends it in command text.
var mentionRe = regexp.MustCompile(`^<@([UW][A-Z0-9]{2,20})(\|[^<>]*)?>$`)

// parseUserMention reads a user mention, "<@U123|name>" or "<@U123>".
func parseUserMention(s string) (slackID string, ok bool) {
	m := mentionRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// parseEmailArg reads an email address typed in a command: plain, or as
// Slack escapes it, "<mailto:ann@example.com|ann@example.com>".
func parseEmailArg(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<mailto:") && strings.HasSuffix(s, ">") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "<mailto:"), ">")
		s, _, _ = strings.Cut(s, "|")
	}
	if len(s) > 254 || strings.ContainsAny(s, " <>|\"") || strings.Count(s, "@") != 1 {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", false
	}
	return strings.ToLower(s), true
}

// parseClockTime reads a time of day, "18:00" or "9:30", and returns it as
// "HH:MM".
func parseClockTime(s string) (string, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return "", false
	}
	hh, okH := digitsValue(h)
	mm, okM := digitsValue(m)
	if !okH || !okM || hh > 23 || mm > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// digitsValue parses ASCII digits.
func digitsValue(s string) (int, bool) {
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, s != ""
}

// localDayBounds returns local midnight of t's day in loc and of the next day.
func localDayBounds(t time.Time, loc *time.Location) (from, to time.Time) {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
