package slackui

import "strings"

// mrkdwnEscaper escapes the three characters Slack's mrkdwn treats as
// control characters.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeMrkdwn makes user-provided text safe inside mrkdwn: "<!channel>" or
// "<http://x|y>" cannot ping or link once escaped.
func EscapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(s) }
