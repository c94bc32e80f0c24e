package home

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
)

// TestAdminHomeShowsWebhookHealth: with the listener's webhooks wired,
// the admins' tab shows the last accepted delivery and the counts, and
// the last rejection's reason; without them, no line.
func TestAdminHomeShowsWebhookHealth(t *testing.T) {
	tests := []struct {
		name   string
		health *WebhookHealth
		want   string
	}{
		{"no listener", nil, ""},
		{"none yet", &WebhookHealth{}, "*Clockify webhooks:* last delivery none yet · 0 accepted · 0 rejected"},
		{"deliveries", &WebhookHealth{LastAccepted: time.Date(2026, 11, 17, 9, 30, 5, 0, time.UTC), Accepted: 3, Rejected: 1, LastRejectReason: "bad_signature"},
			"*Clockify webhooks:* last delivery Tue Nov 17 09:30:05 · 3 accepted · 1 rejected (last: bad_signature)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newHomeEnv(t)
			if tc.health != nil {
				h := *tc.health
				e.home.SetWebhookHealth(func() WebhookHealth { return h })
			}
			if err := e.home.Publish(e.Ctx(), "UADM"); err != nil {
				t.Fatal(err)
			}
			text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM")))
			if tc.want == "" {
				if strings.Contains(text, "Clockify webhooks") {
					t.Errorf("Home tab shows webhooks without a listener")
				}
				return
			}
			if !strings.Contains(text, tc.want) {
				t.Errorf("Home tab lacks %q", tc.want)
			}
		})
	}
}
