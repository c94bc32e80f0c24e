package store

import "time"

// txWork bounds the time one write transaction of a long job (a window's
// staging and commit, retention, dropping a staging bucket) works before
// it commits and lets the next writer in; the counts (writeChunk,
// stageChunk, scanChunk) bound it too. On a slow or loaded machine the job
// so makes more, shorter transactions instead of longer ones: a /tt write
// waits for bbolt's only writer lock at most about this long plus one
// commit.
const txWork = 25 * time.Millisecond

// budget is the work time left to one write transaction.
type budget struct {
	now func() time.Time
	end time.Time
}

// newBudget starts the work budget of a write transaction.
func (s *Store) newBudget() budget {
	now := s.clock
	if now == nil {
		now = time.Now
	}
	return budget{now: now, end: now().Add(txWork)}
}

// spent reports whether the transaction has worked its time: it should
// finish the record in hand and commit.
func (b budget) spent() bool { return !b.now().Before(b.end) }
