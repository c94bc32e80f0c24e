package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeStep is how many entries a transaction of finishWindow writes or
// deletes between two looks at its work budget.
const writeStep = 50

// finishWindow applies a committing window in bounded transactions: moves
// the staged entries, deletes the vanished ones, drops the staging. Every
// step can run again after an interruption.
func (s *Store) finishWindow(key []byte, from, to time.Time) error {
	// Move the new and changed entries into place.
	var after []byte
	err := s.windowSteps(key, func(tx *bolt.Tx, seen *bolt.Bucket, newer func([]byte) (bool, error), w *entryWriter, scanned *int, b budget) (int, bool, error) {
		es, done, err := s.stagedStep(tx, seen, newer, &after, scanned, b)
		if err != nil {
			return 0, false, err
		}
		return len(es), done, w.putAll(es)
	})
	if err != nil {
		return err
	}
	// Delete the stored entries of the range that were not seen.
	resume := appendTime(nil, from)
	end := timeKey(to)
	err = s.windowSteps(key, func(tx *bolt.Tx, seen *bolt.Bucket, newer func([]byte) (bool, error), w *entryWriter, scanned *int, b budget) (int, bool, error) {
		doomed, done, err := s.vanishedStep(tx, seen, newer, &resume, end, scanned, b)
		if err != nil {
			return 0, false, err
		}
		for _, d := range doomed {
			if err := w.remove(d); err != nil {
				return 0, false, err
			}
		}
		return len(doomed), done, nil
	})
	if err != nil {
		return err
	}
	err = s.dropWindow(key)
	s.releaseMapped() // the walks' last pages
	return err
}

// windowSteps runs step in bounded transactions until it reports the
// window done: each transaction gives step the window's seen bucket, its
// webhook guard and an entry writer, and commits once step has scanned
// scanChunk records, written or deleted writeChunk entries (n, summed) or
// spent the transaction's work budget.
func (s *Store) windowSteps(key []byte, step func(tx *bolt.Tx, seen *bolt.Bucket, newer func([]byte) (bool, error), w *entryWriter, scanned *int, b budget) (n int, done bool, err error)) error {
	for done := false; !done; {
		scanned := 0
		err := s.update(func(tx *bolt.Tx) error {
			seen, err := windowSeen(tx, key)
			if err != nil {
				return err
			}
			newer, err := windowNewer(tx, key)
			if err != nil {
				return err
			}
			b := s.newBudget()
			w := newEntryWriter(tx)
			changed := 0
			for !done && scanned < scanChunk && changed < writeChunk {
				var n int
				if n, done, err = step(tx, seen, newer, w, &scanned, b); err != nil {
					return err
				}
				if changed += n; b.spent() {
					break
				}
			}
			return w.flush()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// stagedStep reads the staged entries after *after (from the first when
// nil) until it has writeStep new or changed ones, *scanned reaches
// scanChunk or b is spent (at least one record), advancing *after and
// *scanned. It returns the entries to write and whether the staging is
// done.
func (s *Store) stagedStep(tx *bolt.Tx, seen *bolt.Bucket, newer func([]byte) (bool, error), after *[]byte, scanned *int, b budget) ([]Entry, bool, error) {
	c := seen.Cursor()
	k, v := c.First()
	if *after != nil {
		if k, v = c.Seek(*after); k != nil && bytes.Equal(k, *after) {
			k, v = c.Next()
		}
	}
	var es []Entry
	for ; k != nil && *scanned < scanChunk && len(es) < writeStep; k, v = c.Next() {
		*scanned++
		s.readRecord(tx)
		*after = bytes.Clone(k)
		if !bytes.Equal(v, unchangedMark) {
			skip, err := newer(k)
			if err != nil {
				return nil, false, err
			}
			if !skip { // else a webhook changed it after the fetch
				e, err := decodeEntry(v)
				if err != nil {
					return nil, false, fmt.Errorf("decode staged entry %q: %w", k, err)
				}
				es = append(es, e)
			}
		}
		if b.spent() {
			k, _ = c.Next()
			break
		}
	}
	return es, k == nil, nil
}

// vanishedStep reads entries_by_start from *resume on, up to end, until it
// has writeStep stored entries that were not staged (and no webhook
// changed after the fetch), *scanned reaches scanChunk or b is spent (at
// least one record), advancing *resume and *scanned. It returns the keys
// of the entries to delete (copies) and whether the range is done.
func (s *Store) vanishedStep(tx *bolt.Tx, seen *bolt.Bucket, newer func([]byte) (bool, error), resume *[]byte, end uint64, scanned *int, b budget) ([][]byte, bool, error) {
	c := tx.Bucket(bucketEntriesByStart).Cursor()
	var doomed [][]byte
	k, v := c.Seek(*resume)
	for ; k != nil && *scanned < scanChunk && len(doomed) < writeStep; k, v = c.Next() {
		if len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end {
			break
		}
		*scanned++
		s.readRecord(tx)
		if seen.Get(k[timeKeyLen:]) == nil {
			skip, err := newer(k[timeKeyLen:])
			if err != nil {
				return nil, false, err
			}
			if !skip { // a webhook created or changed it after the fetch
				doomed = append(doomed, bytes.Clone(v))
			}
		}
		*resume = append(bytes.Clone(k), 0) // the next key after k
		if b.spent() {
			k, _ = c.Next()
			break
		}
	}
	return doomed, k == nil || len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end, nil
}

// dropWindow deletes a window's staging bucket, its seen ids first in
// bounded transactions.
func (s *Store) dropWindow(key []byte) error {
	for done := false; !done; {
		n := 0
		err := s.update(func(tx *bolt.Tx) error {
			wb := tx.Bucket(bucketEntryWindows).Bucket(key)
			if wb == nil {
				done = true
				return nil
			}
			c := wb.Bucket(bucketSeen).Cursor()
			b := s.newBudget()
			k, _ := c.First()
			for ; k != nil && n < scanChunk; k, _ = c.First() {
				if err := c.Delete(); err != nil {
					return err
				}
				s.readRecord(tx)
				if n++; b.spent() {
					k, _ = c.First()
					break
				}
			}
			if k == nil {
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
