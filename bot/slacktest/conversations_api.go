package slacktest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMPIMUsers is how many users conversations.open accepts besides the
// caller ("Needs at most 8 users to open").
const maxMPIMUsers = 8

// splitUsers parses a comma-separated user list, dropping blanks and
// duplicates and keeping the order.
func splitUsers(v string) []string {
	var out []string
	for u := range strings.SplitSeq(v, ",") {
		if u = strings.TrimSpace(u); u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// conversationsOpen answers conversations.open (channel | users,
// return_im): one user opens an IM ("D..."), two to eight an MPIM ("G...").
func (s *Server) conversationsOpen(r *apiRequest) response {
	if id := r.get("channel"); id != "" {
		c, ok := s.convByID[id]
		if !ok || c.Kind == KindChannel {
			return errorResponse("channel_not_found")
		}
		return response{"ok": true, "no_op": true, "already_open": true, "channel": s.conversationJSONLocked(c)}
	}
	users := splitUsers(r.get("users"))
	if len(users) > 1 {
		users = slices.DeleteFunc(users, func(u string) bool { return u == s.BotUserID })
	}
	switch {
	case len(users) == 0:
		return errorResponse("users_list_not_supplied")
	case len(users) > maxMPIMUsers:
		return errorResponse("too_many_users")
	}
	for _, id := range users {
		u, ok := s.userByID[id]
		if !ok {
			return errorResponse("user_not_found")
		}
		if u.Deleted {
			return errorResponse("user_disabled")
		}
	}
	var (
		c       *Conversation
		created bool
	)
	if len(users) == 1 {
		c, created = s.openIMLocked(users[0])
	} else {
		c, created = s.openMPIMLocked(users)
	}
	resp := response{"ok": true}
	if !created {
		resp["no_op"], resp["already_open"] = true, true
	}
	if c.Kind == KindIM && !r.flag("return_im") {
		resp["channel"] = map[string]any{"id": c.ID}
	} else {
		resp["channel"] = s.conversationJSONLocked(c)
	}
	return resp
}

// channelNameError validates a new channel name as Slack does: lowercase
// letters, digits, hyphens and underscores, at most 80 characters.
func channelNameError(name string) string {
	switch {
	case name == "":
		return "invalid_name_required"
	case utf8.RuneCountInString(name) > 80:
		return "invalid_name_maxlength"
	}
	alnum := false
	for _, r := range name {
		switch {
		case r == '-' || r == '_':
		case unicode.IsDigit(r) || (unicode.IsLetter(r) && !unicode.IsUpper(r)):
			alnum = true
		default:
			return "invalid_name_specials"
		}
	}
	if !alnum {
		return "invalid_name_punctuation"
	}
	return ""
}

// conversationsCreate answers conversations.create (name, is_private); the
// bot creates the channel and is its only member.
func (s *Server) conversationsCreate(r *apiRequest) response {
	name := r.get("name")
	if code := channelNameError(name); code != "" {
		return errorResponse(code)
	}
	if s.channelByNameLocked(name) != nil {
		return errorResponse("name_taken")
	}
	c := &Conversation{
		ID: s.nextIDLocked("C"), Name: name, Kind: KindChannel, Private: r.flag("is_private"),
		Members: []string{s.BotUserID}, Creator: s.BotUserID, Created: s.now(),
	}
	s.addConvLocked(c)
	return response{"ok": true, "channel": s.conversationJSONLocked(c)}
}

// channelForMembershipLocked finds a channel whose membership the bot may
// change: it must exist for the bot, be a channel and have the bot in it.
func (s *Server) channelForMembershipLocked(id string) (*Conversation, string) {
	c, code := s.visibleLocked(id)
	switch {
	case code != "":
		return nil, code
	case c.Kind != KindChannel:
		return nil, "method_not_supported_for_channel_type"
	case !c.isMember(s.BotUserID):
		return nil, "not_in_channel"
	}
	return c, ""
}

// conversationsInvite answers conversations.invite (channel, users, force).
// Without force any invalid user fails the whole call with a per-user
// "errors" list; with force the valid users are invited anyway.
func (s *Server) conversationsInvite(r *apiRequest) response {
	c, code := s.channelForMembershipLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	users := splitUsers(r.get("users"))
	if len(users) == 0 {
		return errorResponse("no_user")
	}
	var (
		valid  []string
		errs   []map[string]any
		first  string
		failed = func(user, code string) {
			if first == "" {
				first = code
			}
			errs = append(errs, map[string]any{"user": user, "ok": false, "error": code})
		}
	)
	for _, id := range users {
		u, ok := s.userByID[id]
		switch {
		case id == s.BotUserID:
			failed(id, "cant_invite_self")
		case !ok:
			failed(id, "user_not_found")
		case u.Deleted:
			failed(id, "cant_invite")
		case c.isMember(id):
			failed(id, "already_in_channel")
		default:
			valid = append(valid, id)
		}
	}
	if len(errs) > 0 && !r.flag("force") {
		return response{"ok": false, "error": first, "errors": errs}
	}
	c.Members = append(c.Members, valid...)
	resp := response{"ok": true, "channel": s.conversationJSONLocked(c)}
	if len(errs) > 0 {
		resp["errors"] = errs
	}
	return resp
}

// conversationsKick answers conversations.kick (channel, user).
func (s *Server) conversationsKick(r *apiRequest) response {
	c, code := s.channelForMembershipLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	user := r.get("user")
	switch _, ok := s.userByID[user]; {
	case user == s.BotUserID:
		return errorResponse("cant_kick_self")
	case !ok:
		return errorResponse("user_not_found")
	case !c.isMember(user):
		return errorResponse("not_in_channel")
	}
	c.Members = slices.DeleteFunc(c.Members, func(m string) bool { return m == user })
	return response{"ok": true}
}

// conversationsMembers answers conversations.members (channel, cursor,
// limit), 100 per page by default.
func (s *Server) conversationsMembers(r *apiRequest) response {
	c, code := s.visibleLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	if l := r.intParam("limit"); l < 0 || l > 1000 {
		return errorResponse("invalid_limit")
	}
	from, to, next, ok := page(len(c.Members), r.get("cursor"), r.intParam("limit"), 100)
	if !ok {
		return errorResponse("invalid_cursor")
	}
	return response{
		"ok":                true,
		"members":           slices.Clone(c.Members[from:to]),
		"response_metadata": map[string]any{"next_cursor": next},
	}
}

// conversationsList answers conversations.list (types, cursor, limit).
// types defaults to public_channel; as for a bot token, private channels,
// IMs and MPIMs are listed only when the bot is a member.
func (s *Server) conversationsList(r *apiRequest) response {
	types := r.get("types")
	if types == "" {
		types = "public_channel"
	}
	want := map[string]bool{}
	for t := range strings.SplitSeq(types, ",") {
		want[strings.TrimSpace(t)] = true
	}
	var list []*Conversation
	for _, c := range s.convs {
		var t string
		switch {
		case c.Kind == KindIM:
			t = "im"
		case c.Kind == KindMPIM:
			t = "mpim"
		case c.Private:
			t = "private_channel"
		default:
			t = "public_channel"
		}
		if want[t] && (t == "public_channel" || c.isMember(s.BotUserID)) {
			list = append(list, c)
		}
	}
	from, to, next, ok := page(len(list), r.get("cursor"), r.intParam("limit"), 100)
	if !ok {
		return errorResponse("invalid_cursor")
	}
	channels := make([]map[string]any, 0, to-from)
	for _, c := range list[from:to] {
		channels = append(channels, s.conversationJSONLocked(c))
	}
	return response{"ok": true, "channels": channels, "response_metadata": map[string]any{"next_cursor": next}}
}

// conversationsInfo answers conversations.info (channel).
func (s *Server) conversationsInfo(r *apiRequest) response {
	c, code := s.visibleLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	return response{"ok": true, "channel": s.conversationJSONLocked(c)}
}
