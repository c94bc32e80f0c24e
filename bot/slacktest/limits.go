package slacktest

import (
	"math"
	"time"
)

// Slack's rate-limit tiers, in calls per minute per method and workspace
// (https://docs.slack.dev/apis/web-api/rate-limits): Tier 1 1+, Tier 2 20+,
// Tier 3 50+, Tier 4 100+. The fake allows exactly these many.
const (
	tier1 = 1
	tier2 = 20
	tier3 = 50
	tier4 = 100
	// tierSpecial marks chat.postMessage: about one message a second per
	// channel, with short bursts (postBurst) allowed.
	tierSpecial = -1
	// tierNone marks methods the fake does not limit (auth.test, Tier 5
	// or "special" with a high limit).
	tierNone = 0
)

// postBurst is how many messages one channel takes at once before
// chat.postMessage holds it to one a second.
const postBurst = 3

// methodSpec is what the official method metadata
// (docs.slack.dev/methods/*.json) says of a method the fake serves: its
// rate-limit tier and its required arguments besides the token.
type methodSpec struct {
	tier     int
	required []string
	// missing is the error a missing required argument gets when the
	// method documents one; "" means Slack's generic invalid_arguments.
	missing map[string]string
}

// methodSpecs holds every method the fake serves. The methods without a
// metadata file in the reference (conversations.history, .kick, .list,
// .info and chat.delete) follow their documentation pages.
var methodSpecs = map[string]methodSpec{
	"auth.test":             {tier: tierNone},
	"apps.connections.open": {tier: tierNone}, // Tier 1, but reconnects are allowed in bursts
	"users.lookupByEmail":   {tier: tier3, required: []string{"email"}},
	"users.info":            {tier: tier4, required: []string{"user"}},
	"users.list":            {tier: tier2},
	"conversations.open":    {tier: tier3},
	"conversations.create":  {tier: tier2, required: []string{"name"}, missing: map[string]string{"name": "invalid_name_required"}},
	"conversations.invite":  {tier: tier3, required: []string{"channel", "users"}},
	"conversations.kick":    {tier: tier3, required: []string{"channel", "user"}},
	"conversations.members": {tier: tier4, required: []string{"channel"}},
	"conversations.list":    {tier: tier2},
	"conversations.history": {tier: tier3, required: []string{"channel"}},
	"conversations.info":    {tier: tier3, required: []string{"channel"}},
	"chat.postMessage":      {tier: tierSpecial, required: []string{"channel"}, missing: map[string]string{"channel": "channel_not_found"}},
	"chat.update":           {tier: tier3, required: []string{"channel", "ts"}},
	"chat.postEphemeral":    {tier: tier4, required: []string{"channel", "user"}},
	"chat.delete":           {tier: tier3, required: []string{"channel", "ts"}},
	// chat.getPermalink is "Special" in Slack's documentation (generous);
	// the fake holds it to Tier 4. Both arguments are required.
	"chat.getPermalink": {tier: tier4, required: []string{"channel", "message_ts"}},
	"views.publish":     {tier: tier4, required: []string{"user_id", "view"}},
	"views.open":        {tier: tier4, required: []string{"view"}},
	"views.update":      {tier: tier4, required: []string{"view"}},
	"views.push":        {tier: tier4, required: []string{"view"}},
}

// missingArg returns the first required argument of method that r lacks
// and the error Slack answers for it, or "", "".
func missingArg(method string, r *apiRequest) (arg, code string) {
	spec := methodSpecs[method]
	for _, a := range spec.required {
		if r.get(a) == "" {
			if c := spec.missing[a]; c != "" {
				return a, c
			}
			return a, "invalid_arguments"
		}
	}
	return "", ""
}

// rateLimitLocked counts a call of method (to channel, for
// chat.postMessage) against its tier and returns 0 when it is allowed, or
// the Retry-After, in whole seconds, when Slack would answer 429.
func (s *Server) rateLimitLocked(method, channel string) int {
	now := s.now()
	spec := methodSpecs[method]
	switch spec.tier {
	case tierNone:
		return 0
	case tierSpecial:
		return s.postLimitLocked(s.dmAliasLocked(channel), now)
	}
	window := s.rateWindow[method]
	cut := 0
	for cut < len(window) && !window[cut].After(now.Add(-time.Minute)) {
		cut++
	}
	window = window[cut:]
	if len(window) >= spec.tier {
		s.rateWindow[method] = window
		return retryAfter(window[0].Add(time.Minute).Sub(now))
	}
	s.rateWindow[method] = append(window, now)
	return 0
}

// postLimitLocked is chat.postMessage's limit: a bucket of postBurst
// messages per channel, refilled at one a second.
func (s *Server) postLimitLocked(channel string, now time.Time) int {
	b, ok := s.postBuckets[channel]
	if !ok {
		b = &postBucket{tokens: postBurst, at: now}
		s.postBuckets[channel] = b
	}
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(postBurst, b.tokens+el)
	}
	b.at = now
	if b.tokens < 1 {
		return retryAfter(time.Duration((1 - b.tokens) * float64(time.Second)))
	}
	b.tokens--
	return 0
}

// postBucket is one channel's allowance of chat.postMessage calls.
type postBucket struct {
	tokens float64
	at     time.Time
}

// retryAfter rounds d up to whole seconds, at least 1.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
