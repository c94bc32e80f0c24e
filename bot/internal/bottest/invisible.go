package bottest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// NewSlackFake is slacktest.NewTB that, when the test ends, checks every
// text the bot sent the fake Slack (Web API calls, Socket Mode
// acknowledgements and response_url posts) for invisible characters.
func NewSlackFake(t testing.TB, opts ...slacktest.Option) *slacktest.Server {
	t.Helper()
	s := slacktest.NewTB(t, opts...)
	t.Cleanup(func() { CheckSlackTexts(t, s) })
	return s
}

// CheckSlackTexts reports every invisible character in what the bot sent s.
func CheckSlackTexts(t testing.TB, s *slacktest.Server) {
	t.Helper()
	for i, c := range s.Calls("") {
		for key, vs := range c.Params {
			for _, v := range vs {
				CheckInvisibleValue(t, fmt.Sprintf("call %d %s %s", i+1, c.Method, key), v)
			}
		}
	}
	for _, a := range s.Acks() {
		if len(a.Payload) > 0 {
			CheckInvisibleValue(t, "ack of "+a.EnvelopeID, string(a.Payload))
		}
	}
	for _, p := range s.ResponseURLPosts() {
		CheckInvisibleValue(t, fmt.Sprintf("response_url post %d", p.N), string(p.Body))
	}
}

// CheckInvisibleValue checks a parameter: each string of it when it is a
// JSON object or array, else the text itself.
func CheckInvisibleValue(t testing.TB, where, v string) {
	t.Helper()
	if trimmed := strings.TrimSpace(v); strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		var doc any
		if json.Unmarshal([]byte(trimmed), &doc) == nil {
			CheckInvisibleJSON(t, where, doc)
			return
		}
	}
	if bad := InvisibleRunes(v); len(bad) > 0 {
		t.Errorf("%s holds invisible characters %U: %q", where, bad, v)
	}
}

// CheckInvisibleJSON checks every string of a decoded JSON document.
func CheckInvisibleJSON(t testing.TB, where string, doc any) {
	t.Helper()
	switch v := doc.(type) {
	case string:
		if bad := InvisibleRunes(v); len(bad) > 0 {
			t.Errorf("%s holds invisible characters %U: %q", where, bad, v)
		}
	case map[string]any:
		for k, c := range v {
			CheckInvisibleJSON(t, where+"."+k, c)
		}
	case []any:
		for i, c := range v {
			CheckInvisibleJSON(t, fmt.Sprintf("%s[%d]", where, i), c)
		}
	}
}

// InvisibleRunes returns the characters of s a reader cannot see but that
// change what they read: controls other than the line break, format
// characters (bidirectional overrides and isolates, zero-width spaces,
// U+FEFF...) and other default-ignorable code points. A zero-width
// (non-)joiner between two non-ASCII characters is allowed: it builds
// emoji and spells some scripts.
func InvisibleRunes(s string) []rune {
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
