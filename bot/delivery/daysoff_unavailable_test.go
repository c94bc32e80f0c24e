package delivery

import (
	"context"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestWeeklyWithoutTimeOffFeature runs the Monday report against a
// workspace without Clockify's Time off feature (holidays and time off
// answer 403): the report still goes out, and the person's message and the
// admins' digest say that days off were not applied (the admin Home tab's
// sync line is checked in bot/home).
func TestWeeklyWithoutTimeOffFeature(t *testing.T) {
	f := newWeeklyFixture(t, clockifytest.WithTimeOffDisabled())
	retryAt, err := f.runner.Attempt(context.Background())
	if err != nil || !retryAt.IsZero() {
		t.Fatalf("Attempt() = %v, %v; want done", retryAt, err)
	}
	if all := allWeeklyMessages(f); !equalCounts(all, map[string]int{"c-ann": 1}) {
		t.Fatalf("weekly messages per user = %v, want Ann's", all)
	}
	var weekly, digest int
	for _, c := range f.sl.Calls("chat.postMessage") {
		md := c.Params.Get("metadata")
		has := strings.Contains(c.Params.Get("blocks")+c.Params.Get("text"), report.DaysOffUnavailableText)
		switch {
		case strings.Contains(md, WeeklyReportEvent) && has:
			weekly++
		case strings.Contains(md, DigestEvent) && has:
			digest++
		}
	}
	if weekly != 1 || digest != 1 {
		t.Errorf("messages saying days off are unavailable: weekly %d, digest %d; want 1 and 1", weekly, digest)
	}
}
