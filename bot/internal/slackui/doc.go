// Package slackui holds the text and Block Kit helpers every Slack-facing
// feature shares: mrkdwn escaping, cleaning of control and bidirectional
// characters, shortening to Slack's limits, and the one way hours and
// durations are written.
//
// It must not know the product's domain: no store, no Clockify, no weekly
// rules. A helper that needs to know what a report or a timer is belongs to
// that feature's package.
package slackui
