package slackapp

import (
	"sync"
	"time"
)

// Observer is told how the runtime is doing: the latency of each slash
// command's acknowledgement and each Socket Mode reconnection. The
// bot/metrics Metrics implements it; a nil Observer is told nothing.
type Observer interface {
	CommandAcked(d time.Duration)
	SocketReconnected()
}

// acker acknowledges one request with payload (nil for none): a Socket
// Mode acknowledgement, or the body of an HTTP response.
type acker func(payload any) error

// timedAck returns ack that also tells the observer, once, how long after
// received the request was acknowledged.
func (a *App) timedAck(ack acker, received time.Time) acker {
	if a.cfg.Observer == nil {
		return ack
	}
	var once sync.Once
	return func(payload any) error {
		err := ack(payload)
		once.Do(func() { a.cfg.Observer.CommandAcked(time.Since(received)) })
		return err
	}
}

// Connected reports whether the Socket Mode connection is up: the
// readiness check of the HTTP listener asks it.
func (a *App) Connected() bool { return a.connected.Load() }

// connectedNow records a (re)connection and tells the observer of every
// one after the first.
func (a *App) connectedNow() {
	a.connected.Store(true)
	if a.connections.Add(1) > 1 && a.cfg.Observer != nil {
		a.cfg.Observer.SocketReconnected()
	}
}
