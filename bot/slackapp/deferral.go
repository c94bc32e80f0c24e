package slackapp

import (
	"context"
	"sync"

	"github.com/slack-go/slack"
)

// deferKey is the context key of a slash command's deferral.
type deferKey struct{}

// deferral lets a slash handler acknowledge early: the runtime acks with
// the provisional message and posts the handler's answer to the
// response_url, replacing it.
type deferral struct {
	once  sync.Once
	early chan slack.Msg // buffered: holds the provisional message
}

// withDeferral returns ctx carrying d.
func withDeferral(ctx context.Context, d *deferral) context.Context {
	return context.WithValue(ctx, deferKey{}, d)
}

// Defer is a slash handler's choice to answer now with msg, a provisional
// message (ephemeral unless it says otherwise), instead of making the
// person wait for the result: the runtime acknowledges the command with
// msg at once and posts what the handler finally returns, success or
// error, to the command's response_url, replacing msg. It reports whether
// the runtime took msg: false when ctx is not a slash command's (a unit
// test, an action) or the handler deferred already; the handler then just
// goes on, and its answer goes the usual way. A handler that outlasts the
// ack budget without deferring still gets the "working on it" fallback;
// deferring after that is accepted, but the note stands in for msg and the
// answer follows it instead of replacing it.
func Defer(ctx context.Context, msg slack.Msg) bool {
	d, ok := ctx.Value(deferKey{}).(*deferral)
	if !ok || msgPayload(msg) == nil {
		return false
	}
	took := false
	d.once.Do(func() {
		d.early <- msg
		took = true
	})
	return took
}
