package clockify

import (
	"context"
	"testing"
	"time"
)

// TestBookWait checks what the wait of booked turns counts: the tokens
// they lack at the current rate and a Retry-After pause, but not the
// background requests waiting, which interactive turns go before.
func TestBookWait(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, l *limiter)
		n     int
		want  time.Duration
	}{
		{"full bucket", func(*testing.T, *limiter) {}, 2, 0},
		{"background waiters do not count", func(t *testing.T, l *limiter) {
			for range 2 {
				_ = l.wait(context.Background(), laneBackground) // 4 tokens → 2, the reserve
			}
			go func() { _ = l.wait(t.Context(), laneBackground) }()
			queued(l, laneBackground, 1)
		}, 3, time.Second},
		{"a pause is waited out first", func(_ *testing.T, l *limiter) { l.pause(10 * time.Second) }, 1, 11 * time.Second},
		{"a halved rate doubles the wait", func(_ *testing.T, l *limiter) {
			l.book(4)
			l.throttled()
		}, 1, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLimiter(1, 4, 2, newManualClock())
			tt.setup(t, l)
			tr, got := l.book(tt.n)
			defer tr.release()
			if got != tt.want {
				t.Errorf("book(%d) wait = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}
