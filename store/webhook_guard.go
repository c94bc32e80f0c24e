package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// webhookGuard keeps a poll from undoing webhook changes: the items (time
// entries or time-off requests) a webhook changed after the poll's fetch
// (asOf) keep their stored state, present or deleted.
type webhookGuard[T any] struct {
	newer map[string]bool // ids changed after asOf
	keep  []T             // their stored versions, put back after the windows
	id    func(T) string
}

// newWebhookGuard reads the marks of kind newer than asOf; load reads the
// stored item of an id (false when none). A zero asOf guards nothing.
func newWebhookGuard[T any](tx *bolt.Tx, kind byte, asOf time.Time, id func(T) string, load func(id string) (T, bool, error)) (*webhookGuard[T], error) {
	g := &webhookGuard[T]{newer: map[string]bool{}, id: id}
	b := tx.Bucket(bucketWebhookMarks)
	if asOf.IsZero() || b == nil {
		return g, nil
	}
	prefix := []byte{kind, sep}
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var m webhookMark
		if err := json.Unmarshal(v, &m); err != nil {
			return nil, fmt.Errorf("decode webhook mark %q: %w", k, err)
		}
		if !m.At.After(asOf) {
			continue
		}
		itemID := string(k[len(prefix):])
		g.newer[itemID] = true
		if m.Deleted {
			continue
		}
		it, ok, err := load(itemID)
		if err != nil {
			return nil, err
		}
		if ok {
			g.keep = append(g.keep, it)
		}
	}
	return g, nil
}

// filter drops from items those a webhook changed after the fetch.
func (g *webhookGuard[T]) filter(items []T) []T {
	if len(g.newer) == 0 {
		return items
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		if !g.newer[g.id(it)] {
			out = append(out, it)
		}
	}
	return out
}

// entryGuard is the webhook guard of time entries.
func entryGuard(tx *bolt.Tx, asOf time.Time) (*webhookGuard[Entry], error) {
	d := newEntryDecoder()
	return newWebhookGuard(tx, markEntry, asOf, func(e Entry) string { return e.ID }, func(id string) (Entry, bool, error) {
		v := tx.Bucket(bucketEntriesByID).Get([]byte(id))
		if v == nil {
			return Entry{}, false, nil
		}
		e, err := d.decode(tx.Bucket(bucketEntries).Get(byIDKey(v)))
		if err != nil {
			return Entry{}, false, fmt.Errorf("decode entry %q: %w", id, err)
		}
		return e, true, nil
	})
}

// timeOffGuard is the webhook guard of time-off requests.
func timeOffGuard(tx *bolt.Tx, asOf time.Time) (*webhookGuard[TimeOff], error) {
	return newWebhookGuard(tx, markTimeOff, asOf, func(r TimeOff) string { return r.ID }, func(id string) (TimeOff, bool, error) {
		key := tx.Bucket(bucketTimeOffByID).Get([]byte(id))
		if key == nil {
			return TimeOff{}, false, nil
		}
		var r TimeOff
		if _, err := getJSON(tx.Bucket(bucketTimeOff), key, &r); err != nil {
			return TimeOff{}, false, err
		}
		return r, true, nil
	})
}
