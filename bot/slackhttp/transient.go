package slackhttp

import (
	"errors"
	"net"

	"github.com/slack-go/slack"
)

// Transient marks err as a failure that a later attempt may not meet.
func Transient(err error) error { return &transientError{err} }

// transientError marks a failure that a later attempt may not meet.
type transientError struct{ err error }

func (e *transientError) Error() string { return e.err.Error() }
func (e *transientError) Unwrap() error { return e.err }

// transientSlackCodes are Slack error codes that say "try again later".
var transientSlackCodes = map[string]bool{
	"internal_error": true, "fatal_error": true, "service_unavailable": true,
	"request_timeout": true, "ratelimited": true, "rate_limited": true,
}

// IsTransient reports whether err is a passing Slack failure (down,
// slow, rate limited, answering 5xx, unreachable) rather than a lasting
// verdict such as users_not_found or user_disabled.
func IsTransient(err error) bool {
	var te *transientError
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	var ne net.Error
	var op *net.OpError
	switch {
	case err == nil:
		return false
	case errors.As(err, &te), errors.As(err, &rl), errors.Is(err, errSlackTimeout):
		return true
	case errors.As(err, &sc):
		return sc.Code >= 500 || sc.Code == 429
	case errors.As(err, &se):
		return transientSlackCodes[se.Err]
	case errors.As(err, &ne), errors.As(err, &op):
		return true
	}
	return false
}
