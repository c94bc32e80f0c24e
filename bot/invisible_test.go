package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// newSlackFake is slacktest.NewTB that, when the test ends, checks every
// text the bot sent the fake Slack (Web API calls, Socket Mode
// acknowledgements and response_url posts) for invisible characters.
func newSlackFake(t testing.TB, opts ...slacktest.Option) *slacktest.Server {
	t.Helper()
	s := slacktest.NewTB(t, opts...)
	t.Cleanup(func() { checkSlackTexts(t, s) })
	return s
}

// checkSlackTexts reports every invisible character in what the bot sent s.
func checkSlackTexts(t testing.TB, s *slacktest.Server) {
	t.Helper()
	for i, c := range s.Calls("") {
		for key, vs := range c.Params {
			for _, v := range vs {
				checkInvisibleValue(t, fmt.Sprintf("call %d %s %s", i+1, c.Method, key), v)
			}
		}
	}
	for _, a := range s.Acks() {
		if len(a.Payload) > 0 {
			checkInvisibleValue(t, "ack of "+a.EnvelopeID, string(a.Payload))
		}
	}
	for _, p := range s.ResponseURLPosts() {
		checkInvisibleValue(t, fmt.Sprintf("response_url post %d", p.N), string(p.Body))
	}
}

// checkInvisibleValue checks a parameter: each string of it when it is a
// JSON object or array, else the text itself.
func checkInvisibleValue(t testing.TB, where, v string) {
	t.Helper()
	if trimmed := strings.TrimSpace(v); strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		var doc any
		if json.Unmarshal([]byte(trimmed), &doc) == nil {
			checkInvisibleJSON(t, where, doc)
			return
		}
	}
	if bad := invisibleRunes(v); len(bad) > 0 {
		t.Errorf("%s holds invisible characters %U: %q", where, bad, v)
	}
}

// checkInvisibleJSON checks every string of a decoded JSON document.
func checkInvisibleJSON(t testing.TB, where string, doc any) {
	t.Helper()
	switch v := doc.(type) {
	case string:
		if bad := invisibleRunes(v); len(bad) > 0 {
			t.Errorf("%s holds invisible characters %U: %q", where, bad, v)
		}
	case map[string]any:
		for k, c := range v {
			checkInvisibleJSON(t, where+"."+k, c)
		}
	case []any:
		for i, c := range v {
			checkInvisibleJSON(t, fmt.Sprintf("%s[%d]", where, i), c)
		}
	}
}

// invisibleRunes returns the characters of s a reader cannot see but that
// change what they read: controls other than the line break, format
// characters (bidirectional overrides and isolates, zero-width spaces,
// U+FEFF...) and other default-ignorable code points. A zero-width
// (non-)joiner between two non-ASCII characters is allowed: it builds
// emoji and spells some scripts.
func invisibleRunes(s string) []rune {
	var bad []rune
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '\n':
		case r == '\u200c' || r == '\u200d':
			if i == 0 || i == len(rs)-1 || rs[i-1] <= unicode.MaxASCII || rs[i+1] <= unicode.MaxASCII {
				bad = append(bad, r)
			}
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r):
			bad = append(bad, r)
		}
	}
	return bad
}

func TestStripInvisible(t *testing.T) {
	tests := []struct {
		name, in        string
		keepNewlines    bool
		want, wantClean string // stripInvisible, and clean(in, 100)
	}{
		{"plain ASCII is untouched", "Design & <b>", false, "Design & <b>", "Design & <b>"},
		{"right-to-left override and pop", "ab\u202ecd\u202cef", false, "abcdef", "abcdef"},
		{"isolates", "\u2066x\u2067y\u2068z\u2069", false, "xyz", "xyz"},
		{"marks", "a\u200eb\u200fc\u061cd", false, "abcd", "abcd"},
		{"zero-width space, word joiner and BOM", "\ufeffa\u200bb\u2060c", false, "abc", "abc"},
		{"C0 and C1 controls", "a\x00b\x1bc\x7fd\u0080e\u009bf", false, "abcdef", "abcdef"},
		{"tag characters", "a\U000E0041\U000E007Fb", false, "ab", "ab"},
		{"Hangul filler and grapheme joiner", "a\u3164b\u034fc", false, "abc", "abc"},
		{"soft hyphen", "co\u00adop", false, "coop", "coop"},
		{"tabs and line separators become spaces", "a\tb\u2028c\u2029d\u0085e", false, "a b c d e", "a b c d e"},
		{"line breaks become spaces", "a\r\nb", false, "a  b", "a b"},
		{"line breaks stay when kept", "a\r\nb\n", true, "a\nb\n", "a b"},
		{"joiners next to ASCII go", "A\u200dn\u200cn\u200d", false, "Ann", "Ann"},
		{"joiner in an emoji sequence stays", "\U0001F469\u200d\U0001F4BB dev", false, "\U0001F469\u200d\U0001F4BB dev", "\U0001F469\u200d\U0001F4BB dev"},
		{"non-joiner in Persian stays", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", false, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"},
		{"emoji variation selector stays", "\u2764\ufe0f", false, "\u2764\ufe0f", "\u2764\ufe0f"},
		{"invalid UTF-8 goes", "caf\xe9", false, "caf", "caf"},
		{"only invisible characters", "\u202e\u200b\ufeff", false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := stripInvisible(tc.in, tc.keepNewlines); got != tc.want {
				t.Errorf("stripInvisible(%q, %v) = %q, want %q", tc.in, tc.keepNewlines, got, tc.want)
			}
			if got := clean(tc.in, 100); got != tc.wantClean {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.wantClean)
			}
			if got := escapeMrkdwn(tc.in); invisibleRunes(got) != nil {
				t.Errorf("escapeMrkdwn(%q) = %q holds invisible characters %U", tc.in, got, invisibleRunes(got))
			}
		})
	}
}
