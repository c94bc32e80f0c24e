package actions

import (
	"testing"

	"github.com/clockbot/clockbot/bot/report"
)

// TestModalsOpenWithinTriggerWindow: the buttons that open a modal check
// the presser first, which may ask Slack (users.info); a rate limit
// (Retry-After 4 s, waited out by the transport) no longer makes
// views.open miss the trigger_id's 3 s.
func TestModalsOpenWithinTriggerWindow(t *testing.T) {
	tests := []struct {
		action, callback string
		title            string
	}{
		{report.ActionDetails, "", "Week 2026-W46"},
		{report.ActionExcuse, callbackExcuse, "Excuse this week"},
		{report.ActionAdjustTarget, CallbackTarget, "Adjust target"},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			e := newHomeEnv(t)
			e.SL.RateLimit("users.info", 1, 4)
			infos := len(e.SL.Calls("users.info"))
			if err := e.PressOn("UMIA", tt.action, annValue, e.WeeklyMessage("c-ann")); err != nil {
				t.Fatalf("press %s: %v", tt.action, err)
			}
			if len(e.SL.Calls("users.info")) <= infos+1 {
				t.Fatalf("users.info was not retried; the test does not test the trigger window")
			}
			m := e.LastModal("UMIA")
			if m.CallbackID != tt.callback || m.Title == nil || m.Title.Text != tt.title {
				t.Errorf("modal = %q %+v, want %q %q", m.CallbackID, m.Title, tt.callback, tt.title)
			}
		})
	}
}
