package notices

import "sync"

// noticeQueue runs jobs one at a time per key, in the order they were
// pushed; different keys run concurrently. The zero value is ready.
type noticeQueue struct {
	mu      sync.Mutex
	pending map[string][]func() // a key is present while its worker runs
}

// push queues job under key and starts the key's worker on wg unless it
// is already running.
func (q *noticeQueue) push(key string, wg *sync.WaitGroup, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending == nil {
		q.pending = map[string][]func(){}
	}
	jobs, running := q.pending[key]
	q.pending[key] = append(jobs, job)
	if !running {
		wg.Go(func() { q.drain(key) })
	}
}

// drain runs key's jobs until none is left, then retires the worker.
func (q *noticeQueue) drain(key string) {
	for {
		q.mu.Lock()
		jobs := q.pending[key]
		if len(jobs) == 0 {
			delete(q.pending, key)
			q.mu.Unlock()
			return
		}
		q.pending[key] = jobs[1:]
		q.mu.Unlock()
		jobs[0]()
	}
}
