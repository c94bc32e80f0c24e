package slackui

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean puts s on one line without invisible characters (see
// StripInvisible) and shortens it to limit runes.
func Clean(s string, limit int) string {
	return TruncateRunes(strings.Join(strings.Fields(StripInvisible(s, false)), " "), limit)
}

// TruncateRunes shortens s to at most limit runes, ending with "…" when
// cut.
func TruncateRunes(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	if limit < 1 {
		return ""
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:limit-1]), " ") + "…"
}

// TruncateBytes cuts s to at most n bytes on a rune boundary.
func TruncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	return strings.ToValidUTF8(s[:n], "")
}

// ClampMrkdwn cuts text to at most limit runes at a line break; renderers
// keep sections below the limit for any realistic input, this is a last
// guard.
func ClampMrkdwn(text string, limit int) string {
	if utf8.RuneCountInString(text) <= limit {
		return text
	}
	cut := TruncateRunes(text, limit-5) // room for "\n```\n…"
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	if strings.Count(cut, "```")%2 == 1 {
		cut += "\n```"
	}
	return cut + "\n…"
}

// mrkdwnCutTail matches an entity or a mention cut short at the end of a
// string.
var mrkdwnCutTail = regexp.MustCompile(`(&[a-z]*|<[^>]*)$`)

// CutMrkdwn shortens escaped mrkdwn to at most limit runes without leaving
// half an entity ("&am") or half a mention ("<@U12") at the end.
func CutMrkdwn(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := []rune(s)[:limit-1]
	return mrkdwnCutTail.ReplaceAllString(string(cut), "") + "…"
}

// SanitizeInput makes typed text safe to work with: invalid UTF-8, control
// characters, bidirectional overrides and the other invisible characters
// StripInvisible removes are removed (zero-width joiners are left for
// StripInvisible to judge when shown; tabs and line breaks become spaces).
// stripped reports whether anything but whitespace was removed.
func SanitizeInput(s string) (clean string, stripped bool) {
	valid := strings.ToValidUTF8(s, "")
	stripped = len(valid) != len(s)
	var b strings.Builder
	b.Grow(len(valid))
	for _, r := range valid {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case IsControl(r) || (IsInvisible(r) && r != '\u200c' && r != '\u200d'):
			stripped = true
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String()), stripped
}

// CleanFormText makes free text from a form safe to store and show: control
// and bidirectional formatting characters go, whitespace runs become one
// space, and it is cut to limit runes.
func CleanFormText(s string, limit int) string {
	s = strings.Map(func(r rune) rune {
		if IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return Clean(s, limit)
}

// IsControl reports control characters (C0, DEL, C1) and the bidirectional
// formatting characters that can reorder, and so disguise, text.
func IsControl(r rune) bool {
	return unicode.IsControl(r) || isBidiControl(r)
}

// isBidiControl reports whether r reorders text (a way to disguise it).
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f'
}
