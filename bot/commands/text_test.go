package commands

import (
	"testing"

	"github.com/clockbot/clockbot/bot/notices"
)

func TestParseStartArgs(t *testing.T) {
	tests := []struct{ in, project, desc string }{
		{"", "", ""},
		{"design", "design", ""},
		{"design  system", "design system", ""},
		{"design -- fixing the login", "design", "fixing the login"},
		{"-- just a description", "", "just a description"},
		{"--", "", ""},
		{"design --", "design", ""},
		{"design — fixing", "design", "fixing"}, // an em dash from autocorrect
		{"—fixing", "", "fixing"},
		{"design -- a -- b", "design", "a -- b"},
		{"front-end work", "front-end work", ""},
	}
	for _, tc := range tests {
		p, d := parseStartArgs(tc.in)
		if p != tc.project || d != tc.desc {
			t.Errorf("parseStartArgs(%q) = %q, %q; want %q, %q", tc.in, p, d, tc.project, tc.desc)
		}
	}
}

func TestSplitWord(t *testing.T) {
	tests := []struct{ in, first, rest string }{
		{"", "", ""}, {"start", "start", ""}, {"  start  design -- x ", "start", "design -- x"},
	}
	for _, tc := range tests {
		if f, r := splitWord(tc.in); f != tc.first || r != tc.rest {
			t.Errorf("splitWord(%q) = %q, %q; want %q, %q", tc.in, f, r, tc.first, tc.rest)
		}
	}
}

func TestParseUserMention(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"<@U123ABC|ann>", "U123ABC", true},
		{"<@U123ABC>", "U123ABC", true},
		{" <@W0ENTERPRISE> ", "W0ENTERPRISE", true},
		{"@ann", "", false},
		{"<!channel>", "", false},
		{"<@U1>", "", false},
		{"<@u123>", "", false},
		{"<@U123|a<b>", "", false},
		{"<@U123> <@U456>", "", false},
	}
	for _, tc := range tests {
		got, ok := parseUserMention(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseUserMention(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseEmailArg(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"ann@example.com", "ann@example.com", true},
		{"Ann@Example.COM", "ann@example.com", true},
		{"<mailto:ann@example.com|ann@example.com>", "ann@example.com", true},
		{"<mailto:ann@example.com>", "ann@example.com", true},
		{"ann", "", false},
		{"a@b@c", "", false},
		{"Ann <ann@example.com>", "", false},
		{"<http://x|y>", "", false},
		{"<!channel>", "", false},
	}
	for _, tc := range tests {
		got, ok := parseEmailArg(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseEmailArg(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseClockTime(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"18:00", "18:00", true}, {"9:30", "09:30", true}, {"00:00", "00:00", true}, {"23:59", "23:59", true},
		{"24:00", "", false}, {"12:60", "", false}, {"18:0", "", false}, {"1800", "", false},
		{"6pm", "", false}, {"-1:00", "", false}, {"１８:００", "", false}, {"", "", false},
	}
	for _, tc := range tests {
		got, ok := notices.ParseClockTime(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("notices.ParseClockTime(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
