package timer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/clockify"
)

// Refused is a start or stop Clockify did not do (it refused, failed or did
// not answer); Doing says what was being done ("start your timer").
type Refused struct {
	Doing string
	Err   error
}

// Error says what failed and why.
func (e *Refused) Error() string { return "clockify: " + e.Doing + ": " + e.Err.Error() }

// Unwrap returns Clockify's error.
func (e *Refused) Unwrap() error { return e.Err }

// What a Refused was doing, as Problem words it.
const (
	DoingStart = "start your timer"
	DoingStop  = "stop your running timer"
)

// Problem is the sentence for a failed start or stop: Clockify's own
// refusals in its words, outages and timeouts in ours. It is the one
// wording /tt and the Home tab use; err should be a *Refused (anything else
// is treated as a failure to start the timer).
func Problem(err error) string {
	var r *Refused
	if errors.As(err, &r) {
		return problem(r.Doing, r.Err)
	}
	return problem(DoingStart, err)
}

// problem is Problem for one doing.
func problem(doing string, err error) string {
	var ce *clockify.Error
	if !errors.As(err, &ce) {
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			return "Clockify didn't answer in time, so I'm not sure I could " + doing + ". Please check in Clockify or try again in a minute."
		}
		return "I couldn't reach Clockify to " + doing + ". Please try again in a minute."
	}
	switch {
	case ce.StatusCode == 401 || ce.StatusCode == 403:
		return fmt.Sprintf("Clockify refused my access (status %d), so I couldn't %s. Ask an admin to check the bot's Clockify API key.", ce.StatusCode, doing)
	case ce.StatusCode == 429:
		return "Clockify is busy right now, so I couldn't " + doing + ". Please try again " + RetryWhen(err) + "."
	case ce.StatusCode >= 500:
		return fmt.Sprintf("Clockify had a problem (status %d), so I couldn't %s. Please try again in a minute.", ce.StatusCode, doing)
	}
	msg := strings.TrimRight(slackui.Clean(ce.Message, 200), ". ")
	if msg == "" {
		return fmt.Sprintf("Clockify refused to %s (status %d).", doing, ce.StatusCode)
	}
	s := "Clockify says: " + slackui.EscapeMrkdwn(msg) + "."
	if l := strings.ToLower(msg); strings.Contains(l, "project") && strings.Contains(l, "required") {
		s += " This workspace needs a project on every timer: try `/tt start [project]`."
	}
	return s
}

// RetryWhen says when a request Clockify refused with 429 may succeed: "in
// a minute", or the Retry-After in minutes when Clockify's hourly limit
// (the Free plan's 30 requests) is spent.
func RetryWhen(err error) string {
	var rl *clockify.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter <= time.Minute {
		return "in a minute"
	}
	mins := int((rl.RetryAfter + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("in %d minutes (this Clockify workspace's hourly request limit is used up)", mins)
}

// Explain names the features' errors for the Socket Mode runtime
// (slackapp.Config.Explain): a person without a Clockify account and
// Clockify's refusals, in words that carry no secret. It returns "" for an
// error it does not know. With Problem, it is where a Clockify failure
// becomes a sentence.
func Explain(err error) string {
	var rl *clockify.RateLimitError
	var ce *clockify.Error
	switch {
	case errors.Is(err, people.ErrUnmapped):
		return "I can't find a Clockify account with your Slack email"
	case errors.As(err, &rl):
		return "Clockify is busy right now. Please try again " + RetryWhen(err)
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
