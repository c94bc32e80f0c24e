package slackui

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// mrkdwnEscaper escapes the three characters Slack's mrkdwn treats as
// control characters.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeMrkdwn makes text safe inside mrkdwn: "<!channel>" or
// "<http://x|y>" cannot ping or link once escaped, and invisible characters
// (see StripInvisible) are removed; line breaks stay.
func EscapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(StripInvisible(s, true)) }

// StripInvisible removes what a reader cannot see but that changes what
// they read: control characters (C0 and C1), format characters such as the
// bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), the
// marks U+200E, U+200F and U+061C, zero-width spaces, U+FEFF and the tag
// characters, and the other default-ignorable code points (Hangul fillers,
// U+034F...). Clockify names and descriptions are anyone's input: a
// right-to-left override in a project name would otherwise reorder the
// rest of the line in Slack. Invalid UTF-8 is dropped. Tabs and line
// separators become spaces; line breaks stay when keepNewlines is set and
// become spaces otherwise.
//
// The zero-width joiner and non-joiner are kept between two non-ASCII
// characters, where they build emoji sequences (👩‍💻) and spell Persian
// and Indic words; next to ASCII they only disguise text.
func StripInvisible(s string, keepNewlines bool) string {
	if isPlainText(s, keepNewlines) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1) // the last rune written, -1 at the start
	for i, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\t' || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085' || (r == '\r' && !keepNewlines):
			b.WriteByte(' ')
		case r == '\u200c' || r == '\u200d':
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !joins(prev) || !joins(next) {
				continue
			}
			b.WriteRune(r)
		case IsInvisible(r):
			continue
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// isPlainText reports whether s is printable ASCII, plus line breaks when
// they are kept: the common case, with nothing to strip.
func isPlainText(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && (c != '\n' || !keepNewlines)) || c >= 0x7f {
			return false
		}
	}
	return true
}

// IsInvisible reports whether r is a control, format or other
// default-ignorable character (see StripInvisible).
func IsInvisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// joins reports whether a zero-width joiner or non-joiner next to r may
// stay: r is a visible non-ASCII character.
func joins(r rune) bool {
	return r > unicode.MaxASCII && !unicode.IsSpace(r) && !IsInvisible(r)
}

// IsSlackError reports whether err is the Slack API error code.
func IsSlackError(err error, code string) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err == code
	}
	return err != nil && err.Error() == code
}
