package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// finishWindow applies a committing window in bounded transactions: moves
// the staged entries, deletes the vanished ones, drops the staging. Every
// step can run again after an interruption.
func (s *Store) finishWindow(key []byte, from, to time.Time) error {
	// Move the new and changed entries into place.
	var after []byte
	for done := false; !done; {
		err := s.update(func(tx *bolt.Tx) error {
			seen, err := windowSeen(tx, key)
			if err != nil {
				return err
			}
			c := seen.Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			newer, err := windowNewer(tx, key)
			if err != nil {
				return err
			}
			var es []Entry
			for n := 0; k != nil && n < scanChunk && len(es) < writeChunk; k, v = c.Next() {
				n++
				after = bytes.Clone(k)
				if bytes.Equal(v, unchangedMark) {
					continue
				}
				if skip, err := newer(k); err != nil || skip {
					if err != nil {
						return err
					}
					continue // a webhook changed it after the fetch
				}
				e, err := decodeEntry(v)
				if err != nil {
					return fmt.Errorf("decode staged entry %q: %w", k, err)
				}
				es = append(es, e)
			}
			done = k == nil
			w := newEntryWriter(tx)
			if err := w.putAll(es); err != nil {
				return err
			}
			return w.flush()
		})
		if err != nil {
			return err
		}
	}
	// Delete the stored entries of the range that were not seen.
	resume := appendTime(nil, from)
	end := timeKey(to)
	for done := false; !done; {
		err := s.update(func(tx *bolt.Tx) error {
			seen, err := windowSeen(tx, key)
			if err != nil {
				return err
			}
			newer, err := windowNewer(tx, key)
			if err != nil {
				return err
			}
			c := tx.Bucket(bucketEntriesByStart).Cursor()
			var doomed [][]byte
			n := 0
			k, v := c.Seek(resume)
			for ; k != nil && n < scanChunk && len(doomed) < writeChunk; k, v = c.Next() {
				if len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end {
					break
				}
				n++
				if seen.Get(k[timeKeyLen:]) == nil {
					skip, err := newer(k[timeKeyLen:])
					if err != nil {
						return err
					}
					if !skip { // a webhook created or changed it after the fetch
						doomed = append(doomed, bytes.Clone(v))
					}
				}
				resume = append(bytes.Clone(k), 0) // the next key after k
			}
			done = k == nil || len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end
			w := newEntryWriter(tx)
			for _, d := range doomed {
				if err := w.remove(d); err != nil {
					return err
				}
			}
			return w.flush()
		})
		if err != nil {
			return err
		}
	}
	return s.dropWindow(key)
}

// dropWindow deletes a window's staging bucket, its seen ids first in
// bounded transactions.
func (s *Store) dropWindow(key []byte) error {
	for done := false; !done; {
		err := s.update(func(tx *bolt.Tx) error {
			wb := tx.Bucket(bucketEntryWindows).Bucket(key)
			if wb == nil {
				done = true
				return nil
			}
			c := wb.Bucket(bucketSeen).Cursor()
			n := 0
			for k, _ := c.First(); k != nil && n < scanChunk; k, _ = c.First() {
				if err := c.Delete(); err != nil {
					return err
				}
				n++
			}
			if n < scanChunk {
				done = true
				return tx.Bucket(bucketEntryWindows).DeleteBucket(key)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// recoverWindows finishes the windows a crash or an error left behind:
// those whose Commit had begun are applied, the others dropped.
func (s *Store) recoverWindows() error {
	type left struct {
		key        []byte
		committing bool
		from, to   time.Time
	}
	var found []left
	err := s.view(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketEntryWindows)
		if root == nil {
			return nil
		}
		return root.ForEachBucket(func(k []byte) error {
			wb := root.Bucket(k)
			l := left{key: bytes.Clone(k)}
			if st := wb.Get(keyWindowState); len(st) == 1 && st[0] == windowCommitting {
				l.committing = true
				l.from, l.to = keyTime(wb.Get(keyWindowFrom)), keyTime(wb.Get(keyWindowTo))
			}
			found = append(found, l)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("recover entry windows: %w", err)
	}
	for _, l := range found {
		if l.committing {
			err = s.finishWindow(l.key, l.from, l.to)
		} else {
			err = s.dropWindow(l.key)
		}
		if err != nil {
			return fmt.Errorf("recover entry windows: %w", err)
		}
	}
	return nil
}

// keyTime decodes an 8-byte key time written by appendTime.
func keyTime(b []byte) time.Time {
	if len(b) != timeKeyLen {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(b)^(1<<63))).UTC()
}
