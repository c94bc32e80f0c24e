// Package slackhttp is the HTTP client every Slack Web API call goes
// through: pacing to each method's rate-limit tier (Pacer), a timeout per
// request, retries with backoff for what Slack
// answers with "try later" (429 with Retry-After, 5xx, timeouts) except
// for the methods that must not run twice, and IsTransient, which tells a
// passing Slack failure from a lasting one.
//
// It must not know any feature.
package slackhttp
