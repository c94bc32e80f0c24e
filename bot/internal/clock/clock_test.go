package clock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSleepHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep() with a cancelled context: got %v, want %v", err, context.Canceled)
	}
	if err := Sleep(t.Context(), 0); err != nil {
		t.Errorf("Sleep(0): got %v, want nil", err)
	}
}
