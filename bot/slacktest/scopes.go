package slacktest

import (
	"net/http"
	"slices"
	"strings"
)

// DefaultBotScopes are the bot token's scopes unless WithScopes says
// otherwise: those of the project's slack-app-manifest.yaml.
var DefaultBotScopes = []string{
	"commands", "chat:write", "users:read", "users:read.email", "im:write", "mpim:write",
	"groups:write", "groups:read", "im:history", "mpim:history", "groups:history", "channels:history",
}

// appTokenScopes are the scopes of the app-level token: Socket Mode only.
var appTokenScopes = []string{"connections:write"}

// WithScopes sets the scopes granted to the bot token, which the server
// reports in the x-oauth-scopes header as Slack does; for example fewer
// than the manifest's, as after an install that predates a new scope.
func WithScopes(scopes ...string) Option {
	return func(s *Server) { s.scopes = slices.Clone(scopes) }
}

// setScopesHeader adds x-oauth-scopes, the comma-separated scopes of the
// token, to the answer of a request made with a valid token, as Slack's
// Web API does on every such response.
func (s *Server) setScopesHeader(w http.ResponseWriter, token string) {
	s.mu.Lock()
	revoked := s.revoked[token]
	s.mu.Unlock()
	switch {
	case token == "" || revoked:
	case token == s.BotToken:
		w.Header().Set("X-OAuth-Scopes", strings.Join(s.scopes, ","))
	case token == s.AppToken:
		w.Header().Set("X-OAuth-Scopes", strings.Join(appTokenScopes, ","))
	}
}
