package slacktest

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Message is a message the bot posted.
type Message struct {
	// Channel is the conversation ID (a DM "D..." when posted to a user ID).
	Channel string
	// TS is the message timestamp, such as "1700000000.000100".
	TS   string
	Text string
	// User is the author, always the bot.
	User string
	// Blocks is the blocks JSON array as posted (nil when none).
	Blocks json.RawMessage
	// Metadata is the message metadata object as posted (nil when none).
	Metadata json.RawMessage
	// Updated counts the chat.update calls applied to the message.
	Updated int
	// ThreadTS is the parent's timestamp for a thread reply.
	ThreadTS string
	// Recipient is the user an ephemeral message was shown to.
	Recipient string

	editedTS string // time of the last chat.update
}

// Messages returns the messages in a conversation, oldest first, thread
// replies included and deleted messages excluded. A user ID stands for
// the bot's DM with that user.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.messages[s.dmAliasLocked(channel)])
}

// Ephemerals returns the ephemeral messages posted in a conversation,
// oldest first. A user ID stands for the bot's DM with that user.
func (s *Server) Ephemerals(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.ephemeral[s.dmAliasLocked(channel)])
}

// dmAliasLocked maps a user ID to the ID of the bot's DM with that user.
func (s *Server) dmAliasLocked(channel string) string {
	if id, ok := s.imByUser[channel]; ok {
		return id
	}
	return channel
}

func copyMessages(ms []*Message) []Message {
	out := make([]Message, len(ms))
	for i, m := range ms {
		out[i] = *m
	}
	return out
}

// messageJSONLocked renders m as a Slack message object.
func (s *Server) messageJSONLocked(m *Message, withMetadata bool) map[string]any {
	out := map[string]any{
		"type":   "message",
		"user":   m.User,
		"bot_id": s.BotID,
		"app_id": s.AppID,
		"team":   s.TeamID,
		"text":   m.Text,
		"ts":     m.TS,
	}
	if m.Blocks != nil {
		out["blocks"] = m.Blocks
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if withMetadata && m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	if m.Updated > 0 {
		out["edited"] = map[string]any{"user": m.User, "ts": m.editedTS}
	}
	replies := 0
	for _, o := range s.messages[m.Channel] {
		if o.ThreadTS == m.TS && o != m {
			replies++
		}
	}
	if replies > 0 {
		out["thread_ts"] = m.TS
		out["reply_count"] = replies
	}
	return out
}

// blocksParam reads the blocks argument, which must be a JSON array.
func blocksParam(r *apiRequest) (json.RawMessage, bool) {
	b, ok := r.jsonParam("blocks")
	if !ok || (b != nil && b[0] != '[') {
		return nil, false
	}
	return b, true
}

// metadataParam reads the metadata argument: an object with a non-empty
// event_type (and an object event_payload) or Work Object entities.
func metadataParam(r *apiRequest) (json.RawMessage, bool) {
	raw, ok := r.jsonParam("metadata")
	if !ok || raw == nil {
		return raw, ok
	}
	var m struct {
		EventType    *string         `json:"event_type"`
		EventPayload json.RawMessage `json:"event_payload"`
		Entities     []any           `json:"entities"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, false
	}
	if m.Entities != nil {
		return raw, true
	}
	payloadOK := m.EventPayload == nil || bytes.Equal(m.EventPayload, []byte("null")) || m.EventPayload[0] == '{'
	if m.EventType == nil || *m.EventType == "" || !payloadOK {
		return nil, false
	}
	return raw, true
}

// hasContent reports whether a message has text, blocks or attachments.
func hasContent(r *apiRequest, text string, blocks json.RawMessage) bool {
	return text != "" || (blocks != nil && string(blocks) != "[]") ||
		r.get("attachments") != "" || r.get("markdown_text") != ""
}

// postableLocked resolves the channel argument of a posting method and
// checks that the bot may post there.
func (s *Server) postableLocked(ch string, implicitDM bool) (*Conversation, string) {
	c, code := s.resolveChannelLocked(ch, implicitDM)
	if code != "" {
		return nil, code
	}
	if !c.isMember(s.BotUserID) {
		return nil, "not_in_channel"
	}
	return c, ""
}

// findMessageLocked returns the index of the message ts in channel, or -1.
func (s *Server) findMessageLocked(channel, ts string) int {
	return slices.IndexFunc(s.messages[channel], func(m *Message) bool { return m.TS == ts })
}

// AllMessages returns every message of every conversation (ephemeral ones
// excluded), by conversation ID.
func (s *Server) AllMessages() map[string][]Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]Message{}
	for ch, ms := range s.messages {
		if len(ms) > 0 {
			out[ch] = copyMessages(ms)
		}
	}
	return out
}
