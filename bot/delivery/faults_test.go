package delivery

import (
	"strings"
	"testing"
)

// TestDeliverSlackFaults: passing Slack failures during delivery end with
// each message sent exactly once, and a message whose reply was lost is
// counted as delivered (the history check decides), never undelivered.
func TestDeliverSlackFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault func(e *deliveryEnv)
	}{
		{"reply to the post lost", func(e *deliveryEnv) { e.fake.LoseReply("chat.postMessage", 1) }},
		{"post answered 500", func(e *deliveryEnv) { e.fake.ServerError("chat.postMessage", 500, 1) }},
		{"post answered 500 twice", func(e *deliveryEnv) { e.fake.ServerError("chat.postMessage", 502, 2) }},
		{"conversation answered 503", func(e *deliveryEnv) { e.fake.ServerError("conversations.open", 503, 1) }},
		{"post answered internal_error", func(e *deliveryEnv) { e.fake.FailMethod("chat.postMessage", "internal_error", 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDeliveryEnv(t)
			tt.fault(e)
			sum, err := e.deliverer(Config{}).Deliver(t.Context(), testReport(testWeek))
			if err != nil {
				t.Fatalf("Deliver(): %v", err)
			}
			if sum.Delivered != 3 || len(sum.Failed) != 0 || len(sum.Pending) != 0 {
				t.Errorf("Deliver() = %+v, want 3 delivered", sum)
			}
			checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
			if text := DigestText(sum); strings.Contains(text, "could not be delivered") || strings.Contains(text, "pending") {
				t.Errorf("digest %q calls someone undelivered", text)
			}
		})
	}
}

// TestDeliverLastingFailureIsNotRetried: a deactivated person or one
// without a Slack account fails for good, without extra passes.
func TestDeliverLastingFailureIsNotRetried(t *testing.T) {
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	rep.Users[2].SlackUserID = "" // Cat: no Slack account
	e.fake.FailMethod("conversations.open", "user_disabled", 1)
	sum, err := e.deliverer(Config{}).Deliver(t.Context(), rep)
	if err != nil {
		t.Fatalf("Deliver(): %v", err)
	}
	if len(sum.Failed) != 2 || len(sum.Pending) != 0 || len(e.slept) != 0 {
		t.Errorf("Deliver() = %+v, slept %v; want 2 failed for good, no waits", sum, e.slept)
	}
}

// TestSendDigestSlackDownIsAnError: a digest Slack did not take is an
// error (the run is retried), not silently dropped as pending.
func TestSendDigestSlackDownIsAnError(t *testing.T) {
	e := newDeliveryEnv(t)
	e.fake.ServerError("chat.postMessage", 503, 0)
	err := e.deliverer(Config{Admins: []string{"UADM"}}).SendDigest(t.Context(), Summary{Week: testWeek})
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("SendDigest() with Slack answering 503 = %v, want an error naming it", err)
	}
}
