package bot

import (
	"errors"
	"fmt"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/clockify"
)

// explainError names the features' errors for the Socket Mode runtime
// (slackapp.Config.Explain): a person without a Clockify account and
// Clockify's refusals, in words that carry no secret. It returns "" for an
// error it does not know.
func explainError(err error) string {
	var rl *clockify.RateLimitError
	var ce *clockify.Error
	switch {
	case errors.Is(err, people.ErrUnmapped):
		return "I can't find a Clockify account with your Slack email"
	case errors.As(err, &rl):
		return "Clockify is busy right now. Please try again " + timer.RetryWhen(err)
	case errors.As(err, &ce):
		switch {
		case ce.StatusCode == 401 || ce.StatusCode == 403:
			return "Clockify refused the bot's access. Please tell an admin"
		case ce.StatusCode >= 500:
			return fmt.Sprintf("Clockify is having trouble (HTTP %d). Please try again later", ce.StatusCode)
		}
		return fmt.Sprintf("Clockify refused the request (HTTP %d)", ce.StatusCode)
	}
	return ""
}
