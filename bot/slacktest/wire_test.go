package slacktest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// TestWireEnvelopes checks the exact JSON the fake sends over the
// WebSocket against golden files, with a bare gorilla client.
func TestWireEnvelopes(t *testing.T) {
	s := seeded(t, WithClock(fixedClock), WithPingInterval(0))
	ctx := testCtx(t)
	info, wsURL, err := newAPI(s).StartSocketModeContext(ctx)
	mustNoErr(t, "apps.connections.open", err)
	if info.URL != wsURL || !strings.HasPrefix(wsURL, "ws://127.0.0.1:") {
		t.Fatalf("socket URL = %q, want a loopback ws:// URL", wsURL)
	}
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, wsURL, nil)
	mustNoErr(t, "dial", err)
	defer conn.Close()

	read := func() map[string]any {
		t.Helper()
		_, data, err := conn.ReadMessage()
		mustNoErr(t, "read", err)
		data = []byte(strings.ReplaceAll(string(data), s.URL, "http://FAKE"))
		var m map[string]any
		mustNoErr(t, "decode", json.Unmarshal(data, &m))
		return m
	}
	got := map[string]any{"hello": read()}
	for _, tc := range []struct {
		name string
		env  Envelope
	}{
		{"slash_command", SlashCommand("/clockbot", "report", "U1")},
		{"block_action", BlockAction("U2", "approve", "42").With("container", map[string]any{"type": "message", "message_ts": "1700000000.000000", "channel_id": "CGEN"})},
		{"view_submission", ViewSubmission("U1", "hours", map[string]map[string]any{"b": {"a": map[string]any{"type": "plain_text_input", "value": "8"}}}, "meta")},
		{"app_home_opened", AppHomeOpened("U1")},
		{"retry", Envelope{Type: TypeEventsAPI, EnvelopeID: "env-1", RetryAttempt: 1, RetryReason: "timeout", Payload: json.RawMessage(`{"type":"event_callback","event":{"type":"tokens_revoked"}}`)}},
	} {
		_, err := s.Send(tc.env)
		mustNoErr(t, "send "+tc.name, err)
		got[tc.name] = read()
	}
	golden(t, "envelopes.json", got)

	mustNoErr(t, "write ack", conn.WriteMessage(websocket.TextMessage, []byte(`{"envelope_id":"env-1","payload":{"ok":1}}`)))
	ack, err := s.WaitAck(ctx, "env-1")
	mustNoErr(t, "WaitAck", err)
	assertJSON(t, "ack payload", ack.Payload, `{"ok":1}`)
	assertEqual(t, "ack time", ack.At, fixedClock())

	t.Run("ticket is single-use", func(t *testing.T) {
		_, resp, err := websocket.DefaultDialer.DialContext(ctx, wsURL, nil)
		if !errors.Is(err, websocket.ErrBadHandshake) || resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("second dial: error %v, want a 401 bad handshake", err)
		}
		resp.Body.Close()
	})
}
