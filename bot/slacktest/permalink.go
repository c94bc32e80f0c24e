package slacktest

import "strings"

// chatGetPermalink answers chat.getPermalink (channel, message_ts, both
// required) with the message's archive link, as Slack does:
// "https://<domain>.slack.com/archives/<channel>/p<ts without the dot>".
// An unknown channel is channel_not_found, an unknown message
// message_not_found.
func (s *Server) chatGetPermalink(r *apiRequest) response {
	c, code := s.resolveChannelLocked(r.get("channel"), false)
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
