package syncer

import (
	"testing"
	"time"
)

func TestSyncPace(t *testing.T) {
	tests := []struct {
		name       string
		interval   time.Duration
		requests   int64
		retryAfter time.Duration
		want       time.Duration
	}{
		{name: "paid plan keeps SYNC_INTERVAL", interval: 15 * time.Minute, requests: 40, retryAfter: 0, want: 15 * time.Minute},
		{name: "paid-plan Retry-After of 1s keeps SYNC_INTERVAL", interval: 15 * time.Minute, requests: 40, retryAfter: time.Second, want: 15 * time.Minute},
		{name: "Free plan, 10-request pass: 40m", interval: 15 * time.Minute, requests: 10, retryAfter: 58 * time.Minute, want: 40 * time.Minute},
		{name: "Free plan, 36-request pass: 2h24m", interval: 15 * time.Minute, requests: 36, retryAfter: time.Hour, want: 144 * time.Minute},
		{name: "Free plan, rounded up to a minute", interval: 5 * time.Minute, requests: 7, retryAfter: time.Hour, want: 28 * time.Minute},
		{name: "Free plan, a cheap pass keeps a longer SYNC_INTERVAL", interval: 2 * time.Hour, requests: 5, retryAfter: time.Hour, want: 2 * time.Hour},
		{name: "Free plan, capped at 12h", interval: 15 * time.Minute, requests: 1000, retryAfter: time.Hour, want: 12 * time.Hour},
		{name: "Free plan, unknown cost keeps SYNC_INTERVAL", interval: 15 * time.Minute, requests: 0, retryAfter: time.Hour, want: 15 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Pace(tt.interval, tt.requests, tt.retryAfter); got != tt.want {
				t.Errorf("Pace(%v, %d, %v) = %v, want %v", tt.interval, tt.requests, tt.retryAfter, got, tt.want)
			}
			// A paced pass fits the sync's share of the hourly budget.
			if got := Pace(tt.interval, tt.requests, tt.retryAfter); tt.retryAfter >= time.Minute && tt.requests > 0 && got < maxPacedInterval {
				if perHour := float64(tt.requests) * float64(time.Hour) / float64(got); perHour > FreePlanRequestsPerHour/2 {
					t.Errorf("paced interval %v spends %.1f requests an hour, over %d", got, perHour, FreePlanRequestsPerHour/2)
				}
			}
		})
	}
}
