package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PruneBefore deletes the stored entries that started before t, in
// transactions of at most 250 entries (fewer when one has worked txWork),
// and returns how many it deleted. Running timers, time off and the other
// records are kept: they are small and bounded by the number of users. The
// freed pages are reused by later writes; `clockbot db compact` gives them
// back to the file system.
func (s *Store) PruneBefore(t time.Time) (int, error) {
	end := timeKey(t)
	total := 0
	for done := false; !done; {
		n := 0
		err := s.update(func(tx *bolt.Tx) error {
			b := s.newBudget()
			c := tx.Bucket(bucketEntriesByStart).Cursor()
			var doomed [][]byte
			k, v := c.First()
			for ; k != nil && len(doomed) < writeChunk; k, v = c.Next() {
				if len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end {
					break
				}
				doomed = append(doomed, bytes.Clone(v))
				s.readRecord(tx)
			}
			done = k == nil || len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end
			w := newEntryWriter(tx)
			for _, d := range doomed {
				if err := w.remove(d); err != nil {
					return err
				}
				if n++; b.spent() && n < len(doomed) {
					done = false
					break
				}
			}
			return w.flush()
		})
		if err != nil {
			return total, fmt.Errorf("prune entries before %s: %w", t.Format(time.RFC3339), err)
		}
		total += n
	}
	s.releaseMapped() // the walk's last pages
	return total, nil
}
