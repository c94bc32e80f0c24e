package clockifytest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"time"
)

// Headers of a webhook delivery.
const (
	// SignatureHeader carries the webhook's token.
	SignatureHeader = "Clockify-Signature"
	// EventTypeHeader carries the webhook's event type.
	EventTypeHeader = "Clockify-Webhook-Event-Type"
)

// delivery is one webhook POST the fake owes, prepared under s.mu and
// sent after it is released.
type delivery struct {
	hook              *hookState
	url, token, event string
	body              []byte
}

// webhookClient sends the deliveries.
var webhookClient = &http.Client{Timeout: 10 * time.Second}

// deliveriesFor returns the deliveries of event to every webhook of ws
// that listens to it and whose trigger source matches userID and
// projectID (either may be empty). Callers hold s.mu.
func (s *Server) deliveriesFor(ws *workspace, event, userID, projectID string, payload any) []delivery {
	hooks := s.hooks[ws.id]
	if len(hooks) == 0 {
		return nil
	}
	var out []delivery
	var body []byte
	for _, h := range hooks {
		if h.Event != event || h.DeliveryDisabled {
			continue
		}
		switch h.TriggerSourceType {
		case "WORKSPACE_ID":
		case "USER_ID":
			if !slices.Contains(h.TriggerSource, userID) {
				continue
			}
		case "PROJECT_ID":
			if !slices.Contains(h.TriggerSource, projectID) {
				continue
			}
		default:
			continue
		}
		if body == nil {
			body, _ = json.Marshal(payload)
		}
		out = append(out, delivery{hook: h, url: h.URL, token: h.Token, event: event, body: body})
	}
	slices.SortFunc(out, func(a, b delivery) int { return bytes.Compare([]byte(a.hook.ID), []byte(b.hook.ID)) })
	return out
}

// deliver POSTs ds one after the other, as Clockify does: JSON body,
// Clockify-Signature with the webhook's token, Clockify-Webhook-Event-Type
// with the event. It records each outcome as the webhook's event status
// (SUCCEEDED for a 2xx answer, FAILED otherwise). The fake does not retry.
func (s *Server) deliver(ds []delivery) {
	for _, d := range ds {
		st := wireWebhookStatus{RequestBody: string(d.body), WebhookID: d.hook.ID, Status: "FAILED"}
		req, err := http.NewRequest(http.MethodPost, d.url, bytes.NewReader(d.body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set(SignatureHeader, d.token)
			req.Header.Set(EventTypeHeader, d.event)
			var resp *http.Response
			if resp, err = webhookClient.Do(req); err == nil {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
				resp.Body.Close()
				st.StatusCode, st.ResponseBody = resp.StatusCode, string(b)
				if resp.StatusCode/100 == 2 {
					st.Status = "SUCCEEDED"
				}
			}
		}
		if err != nil {
			st.ResponseBody = err.Error()
		}
		s.mu.Lock()
		st.ID, st.WebhookLogID = s.st.newID("whs"), s.st.newID("whl")
		st.RespondedAt = s.now().UTC().Format("2006-01-02T15:04:05.000+00:00")
		d.hook.statuses = append(d.hook.statuses, st)
		s.mu.Unlock()
	}
}

// entryEvent returns the deliveries announcing event for entry e.
// Callers hold s.mu.
func (s *Server) entryEvent(ws *workspace, event string, e *Entry) []delivery {
	if len(s.hooks[ws.id]) == 0 {
		return nil
	}
	return s.deliveriesFor(ws, event, e.UserID, e.ProjectID, toWireEntry(ws.id, e))
}

// newEntryEvent is NEW_TIMER_STARTED for a running entry, NEW_TIME_ENTRY
// otherwise.
func newEntryEvent(e *Entry) string {
	if e.End == nil {
		return "NEW_TIMER_STARTED"
	}
	return "NEW_TIME_ENTRY"
}
