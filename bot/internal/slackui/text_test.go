package slackui

import (
	"testing"
	"time"
	"unicode/utf8"
)

func TestSanitizeInput(t *testing.T) {
	tests := []struct {
		in, want string
		stripped bool
	}{
		{"start design", "start design", false},
		{"  start\tdesign\n", "start design", false},
		{"start \x00\x1b[31mdesign", "start [31mdesign", true},
		{"a\u202eb\u2066c", "abc", true},
		{"caf\xe9", "caf", true},
		{"emoji 👩‍💻 stays", "emoji 👩‍💻 stays", false},
	}
	for _, tc := range tests {
		got, stripped := SanitizeInput(tc.in)
		if got != tc.want || stripped != tc.stripped {
			t.Errorf("SanitizeInput(%q) = %q, %v; want %q, %v", tc.in, got, stripped, tc.want, tc.stripped)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0m"}, {-time.Minute, "0m"}, {29 * time.Second, "0m"}, {31 * time.Second, "1m"},
		{45 * time.Minute, "45m"}, {65 * time.Minute, "1h 05m"}, {80 * time.Minute, "1h 20m"}, {12*time.Hour + 30*time.Minute, "12h 30m"},
	}
	for _, tc := range tests {
		if got := Duration(tc.d); got != tc.want {
			t.Errorf("Duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestTruncateBytes(t *testing.T) {
	s := "aé😀b" // 1 + 2 + 4 + 1 bytes
	for n := 0; n <= len(s)+1; n++ {
		got := TruncateBytes(s, n)
		if len(got) > n || !utf8.ValidString(got) {
			t.Errorf("TruncateBytes(%q, %d) = %q: too long or invalid", s, n, got)
		}
	}
	if got := TruncateBytes(s, 4); got != "aé" {
		t.Errorf("TruncateBytes(%q, 4) = %q, want %q", s, got, "aé")
	}
}
