package slacktest

import (
	"math"
	"slices"
	"strings"
)

// chatPostMessage answers chat.postMessage (channel, text, blocks,
// metadata, thread_ts). A user ID as channel posts to the DM with that
// user, as Slack does.
func (s *Server) chatPostMessage(r *apiRequest) response {
	c, code := s.postableLocked(r.get("channel"), true)
	if code != "" {
		return errorResponse(code)
	}
	blocks, ok := blocksParam(r)
	if !ok {
		return errorResponse("invalid_blocks_format")
	}
	meta, ok := metadataParam(r)
	if !ok {
		return errorResponse("invalid_metadata_format")
	}
	text := r.get("text")
	if !hasContent(r, text, blocks) {
		return errorResponse("no_text")
	}
	m := &Message{
		Channel: c.ID, TS: s.nextTSLocked(), Text: text, User: s.BotUserID,
		Blocks: blocks, Metadata: meta, ThreadTS: r.get("thread_ts"),
	}
	s.messages[c.ID] = append(s.messages[c.ID], m)
	return response{"ok": true, "channel": c.ID, "ts": m.TS, "message": s.messageJSONLocked(m, true)}
}

// chatUpdate answers chat.update (channel, ts, text, blocks, metadata).
// Arguments left out keep their previous values.
func (s *Server) chatUpdate(r *apiRequest) response {
	c, code := s.resolveChannelLocked(r.get("channel"), false)
	if code != "" {
		return errorResponse(code)
	}
	i := s.findMessageLocked(c.ID, r.get("ts"))
	if i < 0 {
		return errorResponse("message_not_found")
	}
	blocks, ok := blocksParam(r)
	if !ok {
		return errorResponse("invalid_blocks_format")
	}
	meta, ok := metadataParam(r)
	if !ok {
		return errorResponse("invalid_metadata_format")
	}
	m := s.messages[c.ID][i]
	text := m.Text
	if r.params.Has("text") {
		text = r.get("text")
	}
	if blocks == nil {
		blocks = m.Blocks
	}
	if !hasContent(r, text, blocks) {
		return errorResponse("no_text")
	}
	m.Text, m.Blocks = text, blocks
	if meta != nil {
		m.Metadata = meta
	}
	m.Updated++
	m.editedTS = formatTS(s.now().UnixMicro())
	return response{"ok": true, "channel": c.ID, "ts": m.TS, "text": m.Text, "message": s.messageJSONLocked(m, true)}
}

// chatPostEphemeral answers chat.postEphemeral (channel, user, text,
// blocks); the user must be a member of the conversation.
func (s *Server) chatPostEphemeral(r *apiRequest) response {
	c, code := s.postableLocked(r.get("channel"), true)
	if code != "" {
		return errorResponse(code)
	}
	user := r.get("user")
	if !c.isMember(user) {
		return errorResponse("user_not_in_channel")
	}
	blocks, ok := blocksParam(r)
	if !ok {
		return errorResponse("invalid_blocks_format")
	}
	text := r.get("text")
	if !hasContent(r, text, blocks) {
		return errorResponse("no_text")
	}
	m := &Message{
		Channel: c.ID, TS: s.nextTSLocked(), Text: text, User: s.BotUserID,
		Blocks: blocks, ThreadTS: r.get("thread_ts"), Recipient: user,
	}
	s.ephemeral[c.ID] = append(s.ephemeral[c.ID], m)
	return response{"ok": true, "message_ts": m.TS}
}

// chatDelete answers chat.delete (channel, ts).
func (s *Server) chatDelete(r *apiRequest) response {
	c, code := s.resolveChannelLocked(r.get("channel"), false)
	if code != "" {
		return errorResponse(code)
	}
	ts := r.get("ts")
	i := s.findMessageLocked(c.ID, ts)
	if i < 0 {
		return errorResponse("message_not_found")
	}
	s.messages[c.ID] = slices.Delete(s.messages[c.ID], i, i+1)
	return response{"ok": true, "channel": c.ID, "ts": ts}
}

// conversationsHistory answers conversations.history (channel, limit,
// oldest, latest, inclusive, cursor, include_all_metadata): top-level
// messages newest first, 100 per page by default; metadata is included
// only with include_all_metadata.
func (s *Server) conversationsHistory(r *apiRequest) response {
	c, code := s.visibleLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	if !c.isMember(s.BotUserID) {
		return errorResponse("not_in_channel")
	}
	oldest, latest := int64(0), int64(math.MaxInt64)
	var err error
	if v := r.get("oldest"); v != "" {
		if oldest, err = parseTS(v); err != nil {
			return errorResponse("invalid_ts_oldest")
		}
	}
	if v := r.get("latest"); v != "" {
		if latest, err = parseTS(v); err != nil {
			return errorResponse("invalid_ts_latest")
		}
	}
	inclusive := r.flag("inclusive")
	var list []*Message
	msgs := s.messages[c.ID]
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			continue
		}
		ts, _ := parseTS(m.TS)
		if ts < oldest || ts > latest || (!inclusive && (ts == oldest || ts == latest)) {
			continue
		}
		list = append(list, m)
	}
	from, to, next, ok := page(len(list), r.get("cursor"), r.intParam("limit"), 100)
	if !ok {
		return errorResponse("invalid_cursor")
	}
	withMeta := r.flag("include_all_metadata")
	out := make([]map[string]any, 0, to-from)
	for _, m := range list[from:to] {
		out = append(out, s.messageJSONLocked(m, withMeta))
	}
	return response{
		"ok":                true,
		"messages":          out,
		"has_more":          next != "",
		"pin_count":         0,
		"response_metadata": map[string]any{"next_cursor": next},
	}
}

// chatGetPermalink answers chat.getPermalink (channel, message_ts, both
// required) with the message's archive link, as Slack does:
// "https://<domain>.slack.com/archives/<channel>/p<ts without the dot>".
// The channel must be an id the bot can see (a name or a user id is
// channel_not_found), an unknown message is message_not_found.
func (s *Server) chatGetPermalink(r *apiRequest) response {
	c, code := s.visibleLocked(r.get("channel"))
	if code != "" {
		return errorResponse(code)
	}
	ts := r.get("message_ts")
	if s.findMessageLocked(c.ID, ts) < 0 {
		return errorResponse("message_not_found")
	}
	return response{"ok": true, "channel": c.ID, "permalink": PermalinkURL(c.ID, ts)}
}

// PermalinkURL is the link chat.getPermalink answers for message ts of
// channel.
func PermalinkURL(channel, ts string) string {
	return "https://fake.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
}
