package slackui

import (
	"errors"
	"strings"

	"github.com/slack-go/slack"
)

// mrkdwnEscaper escapes the three characters Slack's mrkdwn treats as
// control characters.
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeMrkdwn makes user-provided text safe inside mrkdwn: "<!channel>" or
// "<http://x|y>" cannot ping or link once escaped.
func EscapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(s) }

// IsSlackError reports whether err is the Slack API error code.
func IsSlackError(err error, code string) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err == code
	}
	return err != nil && err.Error() == code
}
