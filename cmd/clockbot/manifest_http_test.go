package main

import (
	"strings"
	"testing"
)

// TestHTTPManifestMatchesSocketManifest: the HTTP-mode manifest is the
// Socket Mode one with the request URLs of the listener's Slack routes and
// Socket Mode off, so the two never drift apart (scopes, commands, events).
func TestHTTPManifestMatchesSocketManifest(t *testing.T) {
	socket := readRepoFile(t, "slack-app-manifest.yaml")
	httpMode := readRepoFile(t, "slack-app-manifest-http.yaml")
	body := func(doc string) string {
		_, rest, _ := strings.Cut(doc, "\n_metadata:")
		return rest
	}
	want := body(socket)
	for _, r := range []struct{ old, new string }{
		{"      should_escape: true\n", "      should_escape: true\n      url: https://clockbot.example.com/slack/commands\n"},
		{"  event_subscriptions:\n", "  event_subscriptions:\n    request_url: https://clockbot.example.com/slack/events\n"},
		{"    is_enabled: true\n", "    is_enabled: true\n    request_url: https://clockbot.example.com/slack/interactions\n"},
		{"socket_mode_enabled: true", "socket_mode_enabled: false"},
	} {
		if !strings.Contains(want, r.old) {
			t.Fatalf("slack-app-manifest.yaml lacks %q", r.old)
		}
		want = strings.Replace(want, r.old, r.new, 1)
	}
	if got := body(httpMode); got != want {
		t.Errorf("slack-app-manifest-http.yaml differs from slack-app-manifest.yaml by more than the request URLs and Socket Mode:\n%s", got)
	}
}
