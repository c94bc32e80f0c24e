package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// windowNewer returns, for the window under key, a test of whether a
// webhook changed an entry after the window's data was fetched (its asOf,
// see BeginWindowAsOf): Commit leaves such an entry as the webhook left it.
// Without an asOf the test always says no.
func windowNewer(tx *bolt.Tx, key []byte) (func(id []byte) (bool, error), error) {
	wb := tx.Bucket(bucketEntryWindows).Bucket(key)
	if wb == nil {
		return nil, ErrWindowClosed
	}
	asOf := wb.Get(keyWindowAsOf)
	marks := tx.Bucket(bucketWebhookMarks)
	if len(asOf) != timeKeyLen || marks == nil {
		return func([]byte) (bool, error) { return false, nil }, nil
	}
	t := keyTime(asOf)
	return func(id []byte) (bool, error) {
		m, err := getMark(tx, markEntry, string(id))
		if err != nil {
			return false, fmt.Errorf("read webhook mark of %q: %w", id, err)
		}
		return m != nil && m.At.After(t), nil
	}, nil
}

// Missing counts the stored entries whose start is in the window's range
// and that no Put has staged so far: the entries Commit would delete. It
// reads in transactions of at most 2,000 records, so a caller can decide
// (for example confirm by fetching again) before committing.
func (w *Window) Missing() (int, error) {
	if w.closed {
		return 0, ErrWindowClosed
	}
	n := 0
	resume := appendTime(nil, w.from)
	end := timeKey(w.to)
	for done := false; !done; {
		scanned := 0
		err := w.s.view(func(tx *bolt.Tx) error {
			seen, err := windowSeen(tx, w.key)
			if err != nil {
				return err
			}
			c := tx.Bucket(bucketEntriesByStart).Cursor()
			k, _ := c.Seek(resume)
			for ; k != nil && scanned < scanChunk; k, _ = c.Next() {
				if len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end {
					break
				}
				scanned++
				w.s.readRecord(tx)
				if seen.Get(k[timeKeyLen:]) == nil {
					n++
				}
				resume = append(append(resume[:0:0], k...), 0)
			}
			done = k == nil || len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("count missing entries of window: %w", err)
		}
	}
	return n, nil
}
