package slacktest

import (
	"slices"
	"strings"
)

// methodScopes are the bot scopes each Web API method accepts, any one of
// them: the "scope.bot" lists of Slack's per-method metadata
// (../shared/reference/slack/slack-api-ref/docs.slack.dev/methods/*.json;
// TestMethodScopesMatchReference keeps them equal), and Slack's method
// pages for the methods that metadata lacks (conversations.history, .kick,
// .list, .info and chat.delete). Methods absent here need no scope.
var methodScopes = map[string][]string{
	"users.lookupByEmail":   {"users:read.email"},
	"users.info":            {"users:read"},
	"users.list":            {"users:read"},
	"conversations.open":    {"channels:manage", "groups:write", "im:write", "mpim:write"},
	"conversations.create":  {"groups:write", "im:write", "mpim:write", "channels:write", "channels:manage"},
	"conversations.invite":  {"channels:write.invites", "groups:write.invites", "channels:manage", "groups:write", "im:write", "mpim:write"},
	"conversations.kick":    {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.members": {"groups:read", "im:read", "mpim:read", "channels:read"},
	"conversations.list":    {"channels:read", "groups:read", "im:read", "mpim:read"},
	"conversations.info":    {"channels:read", "groups:read", "im:read", "mpim:read"},
	"conversations.history": {"channels:history", "groups:history", "im:history", "mpim:history"},
	"chat.postMessage":      {"chat:write"},
	"chat.update":           {"chat:write"},
	"chat.postEphemeral":    {"chat:write"},
	"chat.delete":           {"chat:write"},
}

// scopeByKind narrows a conversation method's scopes to the conversation's
// type, as Slack does: reading a private channel's history needs
// groups:history, not channels:history.
var scopeByKind = map[string]map[string][]string{
	"conversations.history": {"public": {"channels:history"}, "private": {"groups:history"}, "im": {"im:history"}, "mpim": {"mpim:history"}},
	"conversations.members": {"public": {"channels:read"}, "private": {"groups:read"}, "im": {"im:read"}, "mpim": {"mpim:read"}},
	"conversations.info":    {"public": {"channels:read"}, "private": {"groups:read"}, "im": {"im:read"}, "mpim": {"mpim:read"}},
	"conversations.invite":  {"public": {"channels:manage", "channels:write.invites"}, "private": {"groups:write", "groups:write.invites"}},
	"conversations.kick":    {"public": {"channels:manage", "channels:write"}, "private": {"groups:write"}},
	"conversations.open":    {"im": {"im:write"}, "mpim": {"mpim:write"}},
	"conversations.create":  {"public": {"channels:manage"}, "private": {"groups:write"}},
}

// kindOfRequestLocked names the type of conversation r is about ("public",
// "private", "im", "mpim"), or "" when it cannot be told.
func (s *Server) kindOfRequestLocked(r *apiRequest) string {
	switch r.method {
	case "conversations.open":
		if id := r.get("channel"); id != "" {
			if c, ok := s.convByID[id]; ok {
				return kindName(c)
			}
			return ""
		}
		users := slices.DeleteFunc(splitUsers(r.get("users")), func(u string) bool { return u == s.BotUserID })
		if len(users) > 1 {
			return "mpim"
		}
		return "im"
	case "conversations.create":
		if r.get("is_private") == "true" {
			return "private"
		}
		return "public"
	}
	if c, ok := s.convByID[r.get("channel")]; ok {
		return kindName(c)
	}
	return ""
}

// kindName is the scope family of c's type.
func kindName(c *Conversation) string {
	switch {
	case c.Kind == KindIM:
		return "im"
	case c.Kind == KindMPIM:
		return "mpim"
	case c.Private:
		return "private"
	}
	return "public"
}

// missingScopeLocked returns the scopes r's method would accept when the
// bot token has none of them, as Slack's missing_scope answer lists them in
// "needed"; nil when the token may call it.
func (s *Server) missingScopeLocked(r *apiRequest) []string {
	accepted, ok := methodScopes[r.method]
	if !ok || r.token != s.BotToken {
		return nil
	}
	if byKind, ok := scopeByKind[r.method]; ok {
		if narrow, ok := byKind[s.kindOfRequestLocked(r)]; ok {
			accepted = narrow
		}
	}
	for _, sc := range accepted {
		if slices.Contains(s.scopes, sc) {
			return nil
		}
	}
	return accepted
}

// missingScopeResponse is Slack's answer to a call the token's scopes do
// not cover.
func (s *Server) missingScopeResponse(needed []string) response {
	resp := errorResponse("missing_scope")
	resp["needed"] = strings.Join(needed, ",")
	resp["provided"] = strings.Join(s.scopes, ",")
	return resp
}
