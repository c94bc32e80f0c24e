package slacktest

import (
	"net/http"
	"strings"
	"testing"
)

// TestScopesHeader checks that answers to a valid token carry the token's
// scopes in x-oauth-scopes, as Slack's do, and answers to a wrong one none.
func TestScopesHeader(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   []Option
		method string
		token  func(*Server) string
		want   string
	}{
		{"bot token, manifest scopes", nil, "auth.test", func(s *Server) string { return s.BotToken }, strings.Join(DefaultBotScopes, ",")},
		{"bot token, fewer scopes", []Option{WithScopes("chat:write", "commands")}, "auth.test", func(s *Server) string { return s.BotToken }, "chat:write,commands"},
		{"app token", nil, "apps.connections.open", func(s *Server) string { return s.AppToken }, "connections:write"},
		{"wrong token", nil, "auth.test", func(*Server) string { return "xoxb-wrong" }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewTB(t, tc.opts...)
			req, _ := http.NewRequest(http.MethodPost, s.APIURL+tc.method, nil)
			req.Header.Set("Authorization", "Bearer "+tc.token(s))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("X-OAuth-Scopes"); got != tc.want {
				t.Errorf("x-oauth-scopes = %q, want %q", got, tc.want)
			}
		})
	}
}
