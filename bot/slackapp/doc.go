// Package slackapp is the Socket Mode runtime and its router: it keeps the
// connection to Slack, acknowledges every envelope within the ack budget,
// never acts on a redelivered envelope twice, dispatches slash commands,
// block actions, view submissions, options requests and events to the
// handlers registered on a Router, turns handler panics into apologies and
// drains its work on shutdown.
//
// It must not know any feature or domain error: handlers are registered by
// the features, and an injected Config.Explain turns their errors into
// sentences.
package slackapp
