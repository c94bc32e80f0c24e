package bottest

import (
	"context"
	"sync"
	"time"
)

// SleepRecorder replaces a client's sleep and records every wait, so that
// retries are tested without waiting.
type SleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

// Sleep records d and returns at once (ctx's error when it is done).
func (r *SleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, d)
	return ctx.Err()
}

// Waits returns the recorded waits.
func (r *SleepRecorder) Waits() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.waits...)
}
