package home

import (
	"testing"

	"github.com/slack-go/slack"
)

// TestStartModalOpensWithinTriggerWindow: a presser's users.info lookup
// that Slack rate limits (Retry-After 4 s, waited out by the transport)
// no longer makes views.open miss the trigger_id's 3 s: the modal opens
// loading, then shows the projects.
func TestStartModalOpensWithinTriggerWindow(t *testing.T) {
	tests := []struct {
		name  string
		fault func(e *homeEnv)
	}{
		{"users.info rate limited once", func(e *homeEnv) { e.SL.RateLimit("users.info", 1, 4) }},
		{"users.info answered 503 three times", func(e *homeEnv) { e.SL.ServerError("users.info", 503, 3) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newHomeEnv(t)
			tt.fault(e)
			infos := len(e.SL.Calls("users.info"))
			if err := e.PressHome("UANN", &slack.BlockAction{ActionID: ActionHomeStart, Value: "start"}); err != nil {
				t.Fatalf("Start press: %v", err)
			}
			if len(e.SL.Calls("users.info")) <= infos+1 {
				t.Fatalf("users.info was not retried; the test does not test the trigger window")
			}
			if m := e.LastModal("UANN"); m.CallbackID != CallbackStart {
				t.Errorf("modal = %q %+v, want the Start modal", m.CallbackID, m.Title)
			}
		})
	}
}
