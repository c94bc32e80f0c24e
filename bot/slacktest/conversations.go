package slacktest

import (
	"slices"
	"strings"
	"time"
)

// ConversationKind is the type of a conversation.
type ConversationKind string

// The kinds of conversations the fake knows.
const (
	KindChannel ConversationKind = "channel" // public or private channel ("C...")
	KindIM      ConversationKind = "im"      // direct message with the bot ("D...")
	KindMPIM    ConversationKind = "mpim"    // multi-person direct message ("G...")
)

// Conversation is a snapshot of a channel, DM or group DM.
type Conversation struct {
	ID   string
	Name string // "" for IMs; "mpdm-a--b--clockbot-1" for MPIMs
	Kind ConversationKind
	// Private is true for private channels, IMs and MPIMs.
	Private bool
	// Members lists the member user IDs in the order they joined; IMs and
	// MPIMs include the bot.
	Members []string
	Creator string
	Created time.Time
	// User is the other party of an IM.
	User string
}

// AddChannel registers an existing channel. members are its members
// exactly as given: list the bot (s.BotUserID) when it should be in the
// channel, as with Slack it cannot post to or read a channel it is not in.
// An existing conversation with the same ID is replaced.
func (s *Server) AddChannel(id, name string, private bool, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &Conversation{
		ID: id, Name: name, Kind: KindChannel, Private: private,
		Members: slices.Clone(members), Created: s.now(),
	}
	if old, ok := s.convByID[id]; ok {
		*old = *c
	} else {
		s.convs = append(s.convs, c)
		s.convByID[id] = c
	}
	s.notifyLocked()
}

// Conversation returns a snapshot of the conversation with the given ID.
func (s *Server) Conversation(id string) (Conversation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convByID[id]
	if !ok {
		return Conversation{}, false
	}
	out := *c
	out.Members = slices.Clone(c.Members)
	return out, true
}

// isMember reports whether user is a member of c.
func (c *Conversation) isMember(user string) bool { return slices.Contains(c.Members, user) }

// openIMLocked returns the IM between the bot and user, creating it.
func (s *Server) openIMLocked(user string) (c *Conversation, created bool) {
	if id, ok := s.imByUser[user]; ok {
		return s.convByID[id], false
	}
	c = &Conversation{
		ID: s.nextIDLocked("D"), Kind: KindIM, Private: true, User: user,
		Members: []string{user, s.BotUserID}, Creator: s.BotUserID, Created: s.now(),
	}
	s.addConvLocked(c)
	s.imByUser[user] = c.ID
	return c, true
}

// openMPIMLocked returns the MPIM of the bot and users, creating it; the
// same set of users always gets the same channel.
func (s *Server) openMPIMLocked(users []string) (c *Conversation, created bool) {
	members := append(slices.Clone(users), s.BotUserID)
	key := slices.Clone(members)
	slices.Sort(key)
	k := strings.Join(key, ",")
	if id, ok := s.mpimByKey[k]; ok {
		return s.convByID[id], false
	}
	names := make([]string, len(members))
	for i, m := range members {
		names[i] = m
		if u, ok := s.userByID[m]; ok && u.Name != "" {
			names[i] = u.Name
		}
	}
	c = &Conversation{
		ID: s.nextIDLocked("G"), Name: "mpdm-" + strings.Join(names, "--") + "-1", Kind: KindMPIM,
		Private: true, Members: members, Creator: s.BotUserID, Created: s.now(),
	}
	s.addConvLocked(c)
	s.mpimByKey[k] = c.ID
	return c, true
}

func (s *Server) addConvLocked(c *Conversation) {
	s.convs = append(s.convs, c)
	s.convByID[c.ID] = c
}

// channelByNameLocked finds a channel by name, with or without "#".
func (s *Server) channelByNameLocked(name string) *Conversation {
	name = strings.TrimPrefix(name, "#")
	for _, c := range s.convs {
		if c.Kind == KindChannel && c.Name == name {
			return c
		}
	}
	return nil
}

// visibleLocked finds the conversation id as the bot sees it: private
// conversations the bot is not in do not exist for it. It returns a Slack
// error code when there is no such conversation.
func (s *Server) visibleLocked(id string) (*Conversation, string) {
	c, ok := s.convByID[id]
	if !ok || (c.Private && !c.isMember(s.BotUserID)) {
		return nil, "channel_not_found"
	}
	return c, ""
}

// resolveChannelLocked resolves the channel argument of a chat method: a
// conversation ID, a channel name, or (with implicitDM) a user ID, which
// opens the DM with that user as Slack does.
func (s *Server) resolveChannelLocked(ch string, implicitDM bool) (*Conversation, string) {
	if c, code := s.visibleLocked(ch); code == "" {
		return c, ""
	}
	if c := s.channelByNameLocked(ch); c != nil {
		return s.visibleLocked(c.ID)
	}
	if u, ok := s.userByID[ch]; ok && implicitDM && !u.Deleted && u.ID != s.BotUserID {
		c, _ := s.openIMLocked(u.ID)
		return c, ""
	}
	return nil, "channel_not_found"
}

// conversationJSONLocked renders c as a Slack conversation object.
func (s *Server) conversationJSONLocked(c *Conversation) map[string]any {
	out := map[string]any{
		"id":                    c.ID,
		"created":               c.Created.Unix(),
		"is_im":                 c.Kind == KindIM,
		"is_mpim":               c.Kind == KindMPIM,
		"is_private":            c.Private,
		"is_org_shared":         false,
		"is_ext_shared":         false,
		"is_shared":             false,
		"is_pending_ext_shared": false,
		"is_open":               true,
		"priority":              0,
	}
	if c.Kind == KindIM {
		out["user"] = c.User
		if u, ok := s.userByID[c.User]; ok {
			out["is_user_deleted"] = u.Deleted
		}
		return out
	}
	empty := map[string]any{"value": "", "creator": "", "last_set": 0}
	out["name"] = c.Name
	out["name_normalized"] = c.Name
	out["is_channel"] = c.Kind == KindChannel
	out["is_group"] = c.Kind == KindMPIM
	out["is_general"] = false
	out["is_archived"] = false
	out["is_read_only"] = false
	out["is_member"] = c.isMember(s.BotUserID)
	out["creator"] = c.Creator
	out["unlinked"] = 0
	out["num_members"] = len(c.Members)
	out["topic"] = empty
	out["purpose"] = empty
	out["previous_names"] = []string{}
	return out
}
