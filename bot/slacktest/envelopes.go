package slacktest

import (
	"encoding/json"
	"fmt"
	"maps"
)

// Socket Mode envelope types.
const (
	TypeSlashCommands = "slash_commands"
	TypeInteractive   = "interactive"
	TypeEventsAPI     = "events_api"
)

// Envelope is a Socket Mode request the server pushes to the client.
type Envelope struct {
	// Type is TypeSlashCommands, TypeInteractive or TypeEventsAPI.
	Type string
	// EnvelopeID identifies the envelope; Send generates one when empty.
	EnvelopeID string
	// Payload is the request body. When it is a map[string]any, as the
	// constructors build it, Send fills in what Slack would add; any other
	// value is sent as it is.
	Payload any
	// AcceptsResponsePayload tells the client it may answer with a payload.
	AcceptsResponsePayload bool
	// RetryAttempt and RetryReason mark a redelivery.
	RetryAttempt int
	RetryReason  string
}

// With returns a copy of e whose map payload has key set to value, for
// fields the constructors leave out, such as "channel" or "container".
// It panics when the payload is not a map[string]any.
func (e Envelope) With(key string, value any) Envelope {
	p, ok := e.Payload.(map[string]any)
	if !ok {
		panic(fmt.Sprintf("slacktest: Envelope.With on a %T payload", e.Payload))
	}
	p = maps.Clone(p)
	p[key] = value
	e.Payload = p
	return e
}

// SlashCommand is the slash command cmd (such as "/clockbot") with text,
// issued by userID. Send fills in user_name, team_id, channel_id (the
// user's DM with the bot unless set), trigger_id and a response_url that
// records posts (see ResponseURLPosts).
func SlashCommand(cmd, text, userID string) Envelope {
	return Envelope{
		Type:                   TypeSlashCommands,
		AcceptsResponsePayload: true,
		Payload:                map[string]any{"command": cmd, "text": text, "user_id": userID},
	}
}

// BlockAction is a block_actions interaction: userID clicked the button
// actionID (in a block of the same ID) carrying value, in a view. Send
// fills in the trigger_id, the user's name and, unless set, the view the
// click came from: the user's top modal, else their home tab. For a
// button in a message, set "container", "channel" and "message" with
// With.
func BlockAction(userID, actionID, value string) Envelope {
	return Envelope{
		Type:                   TypeInteractive,
		AcceptsResponsePayload: true,
		Payload: map[string]any{
			"type":      "block_actions",
			"user":      map[string]any{"id": userID},
			"container": map[string]any{"type": "view"},
			"actions": []any{map[string]any{
				"type": "button", "action_id": actionID, "block_id": actionID, "value": value,
			}},
		},
	}
}

// ViewSubmission is userID submitting the modal callbackID with the input
// values, keyed by block ID then action ID, each value an element state
// such as {"type":"plain_text_input","value":"8"}, and privateMetadata.
// Send fills in the trigger_id, the user's name and, when the user has a
// modal open, its view ID and hash.
func ViewSubmission(userID, callbackID string, values map[string]map[string]any, privateMetadata string) Envelope {
	if values == nil {
		values = map[string]map[string]any{}
	}
	return Envelope{
		Type:                   TypeInteractive,
		AcceptsResponsePayload: true,
		Payload: map[string]any{
			"type": "view_submission",
			"user": map[string]any{"id": userID},
			"view": map[string]any{
				"type":             "modal",
				"callback_id":      callbackID,
				"private_metadata": privateMetadata,
				"state":            map[string]any{"values": values},
			},
			"response_urls": []any{},
		},
	}
}

// AppHomeOpened is the app_home_opened event for userID opening the Home
// tab. Send fills in the channel (the user's DM with the bot), event_ts
// and, when one was published, the current home view.
func AppHomeOpened(userID string) Envelope {
	return Envelope{
		Type: TypeEventsAPI,
		Payload: map[string]any{
			"type":  "event_callback",
			"event": map[string]any{"type": "app_home_opened", "user": userID, "tab": "home"},
		},
	}
}

// Send pushes env to the current Socket Mode connection and returns its
// envelope ID; it fails when no client is connected.
func (s *Server) Send(env Envelope) (string, error) {
	s.mu.Lock()
	c := s.current
	if c == nil {
		s.mu.Unlock()
		return "", ErrNotConnected
	}
	if env.EnvelopeID == "" {
		s.seq["envelope"]++
		env.EnvelopeID = fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq["envelope"])
	}
	payload := env.Payload
	if p, ok := payload.(map[string]any); ok {
		payload = s.fillPayloadLocked(env.Type, cloneJSON(p))
	}
	s.mu.Unlock()

	msg := map[string]any{
		"envelope_id":              env.EnvelopeID,
		"type":                     env.Type,
		"payload":                  payload,
		"accepts_response_payload": env.AcceptsResponsePayload,
		"retry_attempt":            env.RetryAttempt,
		"retry_reason":             env.RetryReason,
	}
	if err := c.writeJSON(msg); err != nil {
		return "", fmt.Errorf("send envelope %s: %w", env.EnvelopeID, err)
	}
	return env.EnvelopeID, nil
}

// cloneJSON deep-copies a JSON-like map so that filling it in leaves the
// caller's envelope untouched.
func cloneJSON(p map[string]any) map[string]any {
	var out map[string]any
	if err := json.Unmarshal(marshal(p), &out); err != nil {
		panic(fmt.Sprintf("slacktest: clone payload: %v", err))
	}
	return out
}
