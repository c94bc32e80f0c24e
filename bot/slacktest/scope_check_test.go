package slacktest

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// publicChannelScopes are the manifest's scopes and those public channels
// need, for the tests of the fake's public-channel behaviour.
var publicChannelScopes = append(slices.Clone(DefaultBotScopes), "channels:manage", "channels:read")

// TestMissingScope: a call the token's scopes do not cover is answered
// missing_scope with the scopes it needs, as Slack does, also when the
// scope depends on the conversation's type.
func TestMissingScope(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		method string
		args   url.Values
		want   string // "" for accepted
	}{
		{"lookup without users:read.email", []string{"users:read", "chat:write"}, "users.lookupByEmail", url.Values{"email": {"ann@example.com"}}, "missing_scope"},
		{"lookup with users:read.email", []string{"users:read.email"}, "users.lookupByEmail", url.Values{"email": {"ann@example.com"}}, ""},
		{"post without chat:write", []string{"users:read"}, "chat.postMessage", url.Values{"channel": {"CGEN"}, "text": {"x"}}, "missing_scope"},
		{"public history with groups:history only", []string{"groups:history"}, "conversations.history", url.Values{"channel": {"CGEN"}}, "missing_scope"},
		{"public history with channels:history", []string{"channels:history"}, "conversations.history", url.Values{"channel": {"CGEN"}}, ""},
		{"group DM with im:write only", []string{"im:write"}, "conversations.open", url.Values{"users": {"U1,U2"}}, "missing_scope"},
		{"DM with im:write", []string{"im:write"}, "conversations.open", url.Values{"users": {"U1"}}, ""},
		{"public channel with the manifest's scopes", DefaultBotScopes, "conversations.create", url.Values{"name": {"x-pub"}}, "missing_scope"},
		{"private channel with the manifest's scopes", DefaultBotScopes, "conversations.create", url.Values{"name": {"x-priv"}, "is_private": {"true"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := seeded(t, WithScopes(tt.scopes...))
			_, _, code := rawCall(t, s, tt.method, tt.args)
			if code != tt.want {
				t.Errorf("%s with scopes %v: error %q, want %q", tt.method, tt.scopes, code, tt.want)
			}
		})
	}
}

// TestMethodScopesMatchReference: the scopes the fake enforces are those
// of Slack's per-method metadata, for every method it has metadata of.
func TestMethodScopesMatchReference(t *testing.T) {
	dir := findReference(t)
	for name := range newMethods() {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("no metadata for %s", name)
			}
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Scope struct {
					Bot []string `json:"bot"`
				} `json:"scope"`
			}
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatalf("decode %s.json: %v", name, err)
			}
			if got := methodScopes[name]; !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(doc.Scope.Bot))) {
				t.Errorf("fake accepts %v for %s, the reference says %v", got, name, doc.Scope.Bot)
			}
		})
	}
}
