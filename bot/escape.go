package bot

import "strings"

// mrkdwnEscaper escapes the three characters Slack's mrkdwn treats as
// control characters.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeMrkdwn makes user-provided text safe inside mrkdwn: "<!channel>" or
// "<http://x|y>" cannot ping or link once escaped.
func escapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(s) }
