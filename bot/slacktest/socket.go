package slacktest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// writeTimeout bounds every write to a Socket Mode connection.
const writeTimeout = 5 * time.Second

// ErrNotConnected is returned by Send, Ping, Disconnect and
// SendDisconnectEnvelope when no Socket Mode connection is current.
var ErrNotConnected = errors.New("slacktest: no socket mode connection")

// socketConn is one accepted Socket Mode WebSocket connection.
type socketConn struct {
	n    int // 1 for the first connection ever accepted
	ws   *websocket.Conn
	done chan struct{} // closed when the reader stops
	wmu  sync.Mutex    // serialises data frames
}

func (c *socketConn) writeJSON(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.ws.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return fmt.Errorf("set write deadline: %w", err)
	}
	if err := c.ws.WriteJSON(v); err != nil {
		return fmt.Errorf("write to connection %d: %w", c.n, err)
	}
	return nil
}

// appsConnectionsOpen answers apps.connections.open with a one-time
// WebSocket URL on this server.
func (s *Server) appsConnectionsOpen(*apiRequest) response {
	s.seq["ticket"]++
	t := strconv.Itoa(s.seq["ticket"])
	s.tickets[t] = false
	return response{"ok": true, "url": "ws://" + strings.TrimPrefix(s.URL, "http://") + "/socket?ticket=" + t}
}

// serveSocket accepts a Socket Mode connection with a ticket from
// apps.connections.open, says hello and reads acknowledgements until the
// connection ends.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	used, ok := s.tickets[ticket]
	if ok && !used {
		s.tickets[ticket] = true
	}
	s.mu.Unlock()
	if !ok || used {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}

	c := &socketConn{ws: ws, done: make(chan struct{})}
	s.mu.Lock()
	if s.socketsClosed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.sockWG.Add(2) // reader (this goroutine) and pinger
	s.connCount++
	c.n = s.connCount
	s.sockets = append(s.sockets, c)
	open := len(s.sockets)
	s.mu.Unlock()
	defer s.sockWG.Done()

	ws.SetPongHandler(func(data string) error {
		s.recordPing(c.n, PingReceivedPong, data)
		return nil
	})
	ws.SetPingHandler(func(data string) error {
		s.recordPing(c.n, PingFromClient, data)
		err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeTimeout))
		if err != nil && !errors.Is(err, websocket.ErrCloseSent) {
			return fmt.Errorf("answer ping: %w", err)
		}
		return nil
	})

	s.sayHello(c, open)
	go s.pingLoop(c)
	s.readLoop(c)
	close(c.done)
	_ = ws.Close()
	s.dropConn(c)
}

// sayHello makes c the current connection and sends its hello. c becomes
// current before the hello is written but while its write lock is held,
// so that envelopes sent as soon as the client or WaitConnected sees the
// hello follow it on the wire.
func (s *Server) sayHello(c *socketConn, open int) {
	c.wmu.Lock()
	s.mu.Lock()
	s.current = c
	s.hellos++
	s.notifyLocked()
	s.mu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	_ = c.ws.WriteJSON(map[string]any{
		"type":            "hello",
		"num_connections": open,
		"debug_info":      map[string]any{"host": "fake", "build_number": 1, "approximate_connection_time": 18060},
		"connection_info": map[string]any{"app_id": s.AppID},
	})
	c.wmu.Unlock()
}

// dropConn forgets a closed connection.
func (s *Server) dropConn(c *socketConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, o := range s.sockets {
		if o == c {
			s.sockets = append(s.sockets[:i:i], s.sockets[i+1:]...)
			break
		}
	}
	if s.current == c {
		s.current = nil
	}
	s.notifyLocked()
}

// readLoop records every message the client sends until the connection
// fails or closes.
func (s *Server) readLoop(c *socketConn) {
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		s.recordAck(c.n, data)
	}
}

// pingLoop pings the client every ping interval, as Slack does; the
// socketmode client reconnects when pings stop.
func (s *Server) pingLoop(c *socketConn) {
	defer s.sockWG.Done()
	if s.pingInterval <= 0 {
		return
	}
	t := time.NewTicker(s.pingInterval)
	defer t.Stop()
	for i := 1; ; i++ {
		select {
		case <-c.done:
			return
		case <-s.closing:
			return
		case <-t.C:
			_ = s.ping(c, "ping-"+strconv.Itoa(i))
		}
	}
}

// ping sends a WebSocket ping with data and records it.
func (s *Server) ping(c *socketConn, data string) error {
	if err := c.ws.WriteControl(websocket.PingMessage, []byte(data), time.Now().Add(writeTimeout)); err != nil {
		return fmt.Errorf("ping connection %d: %w", c.n, err)
	}
	s.recordPing(c.n, PingSent, data)
	return nil
}

// Ping sends a WebSocket ping with data on the current connection now;
// the client's pong shows up in PingPongs.
func (s *Server) Ping(data string) error {
	s.mu.Lock()
	c := s.current
	s.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	return s.ping(c, data)
}

// Disconnect closes the current Socket Mode connection from the server
// side, with a "going away" close frame, as a network or Slack restart
// would. The socketmode client then calls apps.connections.open again and
// reconnects; use WaitConnected to wait for it.
func (s *Server) Disconnect() error {
	s.mu.Lock()
	c := s.current
	s.current = nil
	s.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "server restart")
	// Errors are expected here: the client may already be closing too.
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(writeTimeout))
	_ = c.ws.Close()
	return nil
}

// SendDisconnectEnvelope asks the current connection's client to
// reconnect with {"type":"disconnect","reason":"refresh_requested"}, as
// Slack does before it rotates connections. Envelopes sent before the
// client has reconnected fail with an error.
func (s *Server) SendDisconnectEnvelope() error {
	s.mu.Lock()
	c := s.current
	s.current = nil
	s.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	return c.writeJSON(map[string]any{
		"type":       "disconnect",
		"reason":     "refresh_requested",
		"debug_info": map[string]any{"host": "fake"},
	})
}

// WaitConnected blocks until n Socket Mode connections (counting every
// connection ever made, including closed ones) have received their hello.
// The newest of them is then the current connection.
func (s *Server) WaitConnected(ctx context.Context, n int) error {
	var have int
	err := s.waitFor(ctx, func() bool {
		have = s.hellos
		return have >= n
	})
	if err != nil {
		return fmt.Errorf("wait for socket mode connection %d (have %d): %w", n, have, err)
	}
	return nil
}

// closeSockets closes every Socket Mode connection and waits for their
// goroutines; no new connection is accepted afterwards.
func (s *Server) closeSockets() {
	s.mu.Lock()
	s.socketsClosed = true
	conns := append([]*socketConn(nil), s.sockets...)
	s.current = nil
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
	s.sockWG.Wait()
}
