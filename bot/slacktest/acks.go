package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Ack is a message a Socket Mode client sent, normally the acknowledgement
// {"envelope_id":"...","payload":{...}} of an envelope.
type Ack struct {
	// EnvelopeID is the acknowledged envelope ("" when the message had none).
	EnvelopeID string
	// Payload is the response payload, nil when the client sent none.
	Payload json.RawMessage
	// Raw is the whole message as received.
	Raw json.RawMessage
	// Conn is the number of the connection it arrived on (1 = first ever).
	Conn int
	At   time.Time
}

// PingKind says which way a WebSocket ping or pong went.
type PingKind string

// The recorded ping and pong frames.
const (
	PingSent         PingKind = "ping"        // the server pinged the client
	PingReceivedPong PingKind = "pong"        // the client answered a ping
	PingFromClient   PingKind = "client_ping" // the client pinged the server
)

// PingPong is a recorded WebSocket ping or pong frame.
type PingPong struct {
	Conn int
	Kind PingKind
	Data string
	At   time.Time
}

// recordAck stores a message received on connection conn.
func (s *Server) recordAck(conn int, data []byte) {
	var msg struct {
		EnvelopeID string          `json:"envelope_id"`
		Payload    json.RawMessage `json:"payload"`
	}
	_ = json.Unmarshal(data, &msg)
	if string(msg.Payload) == "null" {
		msg.Payload = nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acks = append(s.acks, Ack{
		EnvelopeID: msg.EnvelopeID, Payload: msg.Payload, Raw: slices.Clone(data), Conn: conn, At: s.now(),
	})
	s.notifyLocked()
}

// recordPing stores a ping or pong frame of connection conn.
func (s *Server) recordPing(conn int, kind PingKind, data string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pings = append(s.pings, PingPong{Conn: conn, Kind: kind, Data: data, At: s.now()})
	s.notifyLocked()
}

// Acks returns every message Socket Mode clients sent, in arrival order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.acks)
}

// WaitAck blocks until the envelope envelopeID is acknowledged and returns
// the first acknowledgement, or returns the context's error.
func (s *Server) WaitAck(ctx context.Context, envelopeID string) (Ack, error) {
	var ack Ack
	err := s.waitFor(ctx, func() bool {
		i := slices.IndexFunc(s.acks, func(a Ack) bool { return a.EnvelopeID == envelopeID })
		if i >= 0 {
			ack = s.acks[i]
		}
		return i >= 0
	})
	if err != nil {
		return Ack{}, fmt.Errorf("wait for ack of envelope %q: %w", envelopeID, err)
	}
	return ack, nil
}

// PingPongs returns the recorded WebSocket ping and pong frames.
func (s *Server) PingPongs() []PingPong {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.pings)
}

// WaitPingPongs blocks until n frames of kind have been recorded and
// returns them, or returns the context's error.
func (s *Server) WaitPingPongs(ctx context.Context, kind PingKind, n int) ([]PingPong, error) {
	var out []PingPong
	err := s.waitFor(ctx, func() bool {
		out = out[:0]
		for _, p := range s.pings {
			if p.Kind == kind {
				out = append(out, p)
			}
		}
		return len(out) >= n
	})
	if err != nil {
		return out, fmt.Errorf("wait for %d %s frames (have %d): %w", n, kind, len(out), err)
	}
	return out, nil
}
