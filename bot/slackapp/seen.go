package slackapp

import (
	"container/list"
	"sync"
	"time"
)

// seenSet remembers recently handled envelope and event ids so that a
// redelivery is acknowledged but not acted on twice. It keeps at most
// capacity ids, each for at most ttl, forgetting the oldest first.
type seenSet struct {
	mu       sync.Mutex
	capacity int
	ttl      time.Duration
	now      func() time.Time
	order    *list.List               // of seenID, oldest at the front
	byID     map[string]*list.Element // id -> its element in order
}

// seenID is one remembered id and when it was first seen.
type seenID struct {
	id string
	at time.Time
}

// newSeenSet returns an empty set.
func newSeenSet(capacity int, ttl time.Duration, now func() time.Time) *seenSet {
	return &seenSet{capacity: capacity, ttl: ttl, now: now, order: list.New(), byID: map[string]*list.Element{}}
}

// CheckAndAdd reports whether any of ids (empty ones ignored) was seen
// within the ttl; when none was, it remembers all of them.
func (s *seenSet) CheckAndAdd(ids ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expireLocked(now)
	for _, id := range ids {
		if _, ok := s.byID[id]; ok && id != "" {
			return true
		}
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		s.byID[id] = s.order.PushBack(seenID{id: id, at: now})
		for s.order.Len() > s.capacity {
			s.removeLocked(s.order.Front())
		}
	}
	return false
}

// Len returns how many ids the set holds.
func (s *seenSet) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.order.Len()
}

// expireLocked forgets the ids older than the ttl.
func (s *seenSet) expireLocked(now time.Time) {
	for e := s.order.Front(); e != nil; e = s.order.Front() {
		if now.Sub(e.Value.(seenID).at) < s.ttl {
			return
		}
		s.removeLocked(e)
	}
}

func (s *seenSet) removeLocked(e *list.Element) {
	delete(s.byID, e.Value.(seenID).id)
	s.order.Remove(e)
}

// inflight counts the envelopes being handled and tells when none is.
type inflight struct {
	mu    sync.Mutex
	n     int
	empty chan struct{} // closed when n drops to 0; nil while n is 0
}

// add counts one more envelope in flight.
func (f *inflight) add() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		f.empty = make(chan struct{})
	}
	f.n++
}

// done counts one envelope finished.
func (f *inflight) done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n--
	if f.n == 0 {
		close(f.empty)
		f.empty = nil
	}
}

// count returns how many envelopes are in flight.
func (f *inflight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// idle returns a channel closed once nothing is in flight (already closed
// when nothing is now). More work may start after it closes.
func (f *inflight) idle() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		c := make(chan struct{})
		close(c)
		return c
	}
	return f.empty
}
