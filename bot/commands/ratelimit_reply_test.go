package commands

import (
	"testing"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestCommandsSayWhenTheHourlyLimitEnds checks that /tt, refused by a
// Free-plan workspace's hourly limit, says when to try again instead of
// "in a minute".
func TestCommandsSayWhenTheHourlyLimitEnds(t *testing.T) {
	tests := []struct {
		name, retryAfter, want string
	}{
		{"hourly limit", "3480", "Clockify is busy right now, so I couldn't stop your running timer. Please try again in 58 minutes (this Clockify workspace's hourly request limit is used up)."},
		{"per-second limit", "1", "Clockify is busy right now, so I couldn't stop your running timer. Please try again in a minute."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newCmdEnv(t)
			e.cf.InjectFault(clockifytest.Fault{PathContains: "time-entries", Method: "PATCH", Status: 429, RetryAfter: tt.retryAfter, Times: 1})
			if got := e.text(t, "UANN", "stop"); got != tt.want {
				t.Errorf("stop while rate limited = %q, want %q", got, tt.want)
			}
		})
	}
}
