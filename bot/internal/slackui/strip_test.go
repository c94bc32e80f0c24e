package slackui_test

import (
	"testing"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
)

func TestStripInvisible(t *testing.T) {
	tests := []struct {
		name, in        string
		keepNewlines    bool
		want, wantClean string // StripInvisible, and Clean(in, 100)
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
			if got := slackui.StripInvisible(tc.in, tc.keepNewlines); got != tc.want {
				t.Errorf("StripInvisible(%q, %v) = %q, want %q", tc.in, tc.keepNewlines, got, tc.want)
			}
			if got := slackui.Clean(tc.in, 100); got != tc.wantClean {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.wantClean)
			}
			if got := slackui.EscapeMrkdwn(tc.in); bottest.InvisibleRunes(got) != nil {
				t.Errorf("EscapeMrkdwn(%q) = %q holds invisible characters %U", tc.in, got, bottest.InvisibleRunes(got))
			}
		})
	}
}
