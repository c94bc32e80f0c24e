package commands

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

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
	return slackui.EscapeMrkdwn(slackui.Clean(s, maxEchoRunes))
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
			return slackui.Clean(s[:i], maxCommandBytes), strings.TrimSpace(s[i+len(sep):])
		}
	}
	for _, sep := range []string{" --", " —"} {
		if strings.HasSuffix(s, sep) {
			return slackui.Clean(strings.TrimSuffix(s, sep), maxCommandBytes), ""
		}
	}
	return slackui.Clean(s, maxCommandBytes), ""
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
