package timer

import (
	"fmt"
	"testing"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/clockify"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"unmapped", fmt.Errorf("who: %w", people.ErrUnmapped), "I can't find a Clockify account with your Slack email"},
		{"clockify 503", &clockify.Error{StatusCode: 503, Message: "key abc"}, "Clockify is having trouble (HTTP 503). Please try again later"},
		{"clockify 403", &clockify.Error{StatusCode: 403}, "Clockify refused the bot's access. Please tell an admin"},
		{"clockify 400", &clockify.Error{StatusCode: 400, Message: "secret detail"}, "Clockify refused the request (HTTP 400)"},
		{"clockify rate limit", &clockify.RateLimitError{Err: &clockify.Error{StatusCode: 429}}, "Clockify is busy right now. Please try again in a minute"},
		{"unknown", fmt.Errorf("token xoxb-123 broke"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Explain(tc.err); got != tc.want {
				t.Errorf("Explain(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
