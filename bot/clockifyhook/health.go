package clockifyhook

import (
	"sync"
	"time"
)

// Health is what the admin Home tab shows about the webhooks: the last
// accepted delivery and the counts since the bot started.
type Health struct {
	LastAccepted time.Time
	Accepted     int64
	Rejected     int64
	// LastRejectReason is why the last rejected delivery was refused
	// (never its token).
	LastRejectReason string
}

// health is the Handler's running Health.
type health struct {
	mu sync.Mutex
	h  Health
}

func (h *health) accepted(at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.h.Accepted++
	h.h.LastAccepted = at
}

func (h *health) rejected(reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.h.Rejected++
	h.h.LastRejectReason = reason
}

// Health returns the deliveries seen since the handler was created.
func (h *Handler) Health() Health {
	h.health.mu.Lock()
	defer h.health.mu.Unlock()
	return h.health.h
}
