package slacktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestGetPermalink: chat.getPermalink needs both arguments, knows only
// existing messages and answers the archive link.
func TestGetPermalink(t *testing.T) {
	s := seeded(t)
	status, _, code := rawCall(t, s, "chat.postMessage", url.Values{"channel": {"CGEN"}, "text": {"x"}})
	if status != http.StatusOK || code != "" {
		t.Fatalf("post: status %d error %q", status, code)
	}
	ts := s.Messages("CGEN")[0].TS
	tests := []struct {
		name string
		args url.Values
		want string
	}{
		{"no channel", url.Values{"message_ts": {ts}}, "invalid_arguments"},
		{"no ts", url.Values{"channel": {"CGEN"}}, "invalid_arguments"},
		{"ts as the ts of chat.update", url.Values{"channel": {"CGEN"}, "ts": {ts}}, "invalid_arguments"},
		{"unknown channel", url.Values{"channel": {"CNOPE"}, "message_ts": {ts}}, "channel_not_found"},
		{"channel by name", url.Values{"channel": {"general"}, "message_ts": {ts}}, "channel_not_found"},
		{"unknown message", url.Values{"channel": {"CGEN"}, "message_ts": {"1.000001"}}, "message_not_found"},
		{"ok", url.Values{"channel": {"CGEN"}, "message_ts": {ts}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, code := rawCall(t, s, "chat.getPermalink", tc.args); code != tc.want {
				t.Fatalf("chat.getPermalink(%v) error %q, want %q", tc.args, code, tc.want)
			}
		})
	}
	req, _ := http.NewRequest(http.MethodGet, s.APIURL+"chat.getPermalink?"+url.Values{"channel": {"CGEN"}, "message_ts": {ts}}.Encode(), nil)
	req.Header.Set("Authorization", "Bearer "+s.BotToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		OK        bool   `json:"ok"`
		Permalink string `json:"permalink"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if want := "https://fake.slack.com/archives/CGEN/p" + strings.ReplaceAll(ts, ".", ""); !body.OK || body.Permalink != want {
		t.Fatalf("permalink = %+v, want %q", body, want)
	}
}
