package clockify

import "context"

// laneKey is the context key of Interactive.
type laneKey struct{}

// lane is the class of a request in the limiter: interactive requests (a
// person waits for them) go before background ones (the sync).
type lane int

const (
	laneInteractive lane = iota
	laneBackground
	laneCount
)

// Interactive returns a context whose requests are interactive: a person
// waits for them (a /tt command, the Home tab). They take the next token of
// the rate limiter before any waiting background request, and they do not
// count against the background concurrency (WithConcurrency), so a sync in
// progress never makes them queue. StartTimer and StopTimer are always
// interactive.
func Interactive(ctx context.Context) context.Context {
	return context.WithValue(ctx, laneKey{}, laneInteractive)
}

// laneOf returns the lane of the requests made with ctx.
func laneOf(ctx context.Context) lane {
	if l, ok := ctx.Value(laneKey{}).(lane); ok {
		return l
	}
	return laneBackground
}
