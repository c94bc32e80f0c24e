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

// WaitRecorder is an injected sleeper that records its waits and returns
// at once, advancing Clock by each wait when it is set.
type WaitRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
	Clock *Clock
}

// Sleep records d (and advances the clock) and returns ctx's error.
func (w *WaitRecorder) Sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.waits = append(w.waits, d)
	w.mu.Unlock()
	if w.Clock != nil {
		w.Clock.Advance(d)
	}
	return ctx.Err()
}

// Total is the sum of the recorded waits.
func (w *WaitRecorder) Total() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	var sum time.Duration
	for _, d := range w.waits {
		sum += d
	}
	return sum
}

// Waits returns the recorded waits.
func (w *WaitRecorder) Waits() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.waits...)
}
