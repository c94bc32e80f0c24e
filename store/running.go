package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// checkRunning rejects a running timer that cannot be keyed.
func checkRunning(e Entry) error {
	if err := checkID("running entry", "id", e.ID); err != nil {
		return err
	}
	return checkID(fmt.Sprintf("running entry %q", e.ID), "user id", e.UserID)
}

// putRunning stores e as the running timer of its user.
func putRunning(b *bolt.Bucket, e Entry) error {
	if err := checkRunning(e); err != nil {
		return err
	}
	if err := b.Put([]byte(e.UserID), encodeEntry(e)); err != nil {
		return fmt.Errorf("put running entry %q: %w", e.ID, err)
	}
	return nil
}

// replaceRunning replaces every running timer with es (the last one wins
// when a user appears twice), except for users whose timer was changed
// locally after asOf: they keep what they have. Change marks not newer
// than asOf are dropped, since the fetch has caught up with them.
func replaceRunning(tx *bolt.Tx, es []Entry, asOf time.Time) error {
	changes := tx.Bucket(bucketRunningChanges)
	kept := map[string][]byte{} // user -> local running value (nil: none)
	var stale [][]byte
	if err := changes.ForEach(func(k, v []byte) error {
		if !asOf.IsZero() && len(v) == 8 && int64(binary.BigEndian.Uint64(v)) > asOf.UnixNano() {
			var cur []byte
			if r := tx.Bucket(bucketRunning).Get(k); r != nil {
				cur = append([]byte(nil), r...)
			}
			kept[string(k)] = cur
			return nil
		}
		stale = append(stale, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return fmt.Errorf("read running changes: %w", err)
	}
	for _, k := range stale {
		if err := changes.Delete(k); err != nil {
			return fmt.Errorf("drop running change of %q: %w", k, err)
		}
	}
	b, err := resetBucket(tx, bucketRunning)
	if err != nil {
		return err
	}
	for _, e := range es {
		if _, local := kept[e.UserID]; local {
			continue
		}
		if err := putRunning(b, e); err != nil {
			return err
		}
	}
	for user, v := range kept {
		if v != nil {
			if err := b.Put([]byte(user), v); err != nil {
				return fmt.Errorf("keep running entry of %s: %w", user, err)
			}
		}
	}
	return nil
}

// markRunningChange records when userID's timer was changed locally.
func markRunningChange(tx *bolt.Tx, userID string, at time.Time) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(at.UnixNano()))
	if err := tx.Bucket(bucketRunningChanges).Put([]byte(userID), v[:]); err != nil {
		return fmt.Errorf("mark running change of %s: %w", userID, err)
	}
	return nil
}

// Running returns every running timer, by user id.
func (s *Store) Running() ([]Entry, error) {
	var out []Entry
	err := s.view(func(tx *bolt.Tx) error {
		d := newEntryDecoder()
		return tx.Bucket(bucketRunning).ForEach(func(k, v []byte) error {
			e, err := d.decode(v)
			if err != nil {
				return fmt.Errorf("decode running entry of %q: %w", k, err)
			}
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read running entries: %w", err)
	}
	return out, nil
}

// RunningFor returns the running timer of userID, if any.
func (s *Store) RunningFor(userID string) (Entry, bool, error) {
	var (
		e     Entry
		found bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRunning).Get([]byte(userID))
		if v == nil {
			return nil
		}
		var err error
		e, err = decodeEntry(v)
		found = err == nil
		return err
	})
	if err != nil {
		return Entry{}, false, fmt.Errorf("read running entry of %s: %w", userID, err)
	}
	return e, found, nil
}

// PutRunning records e as the running timer of its user, replacing the
// previous one. at is when the change was made: a sync whose running timers
// were fetched before it will not undo it (see Batch.RunningAsOf).
func (s *Store) PutRunning(e Entry, at time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		if err := putRunning(tx.Bucket(bucketRunning), e); err != nil {
			return err
		}
		return markRunningChange(tx, e.UserID, at)
	})
	if err != nil {
		return fmt.Errorf("put running entry: %w", err)
	}
	return nil
}

// DeleteRunning forgets the running timer of userID; it is not an error
// when there is none. at is when the timer stopped: a sync whose running
// timers were fetched before it will not bring it back (see
// Batch.RunningAsOf).
func (s *Store) DeleteRunning(userID string, at time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketRunning).Delete([]byte(userID)); err != nil {
			return err
		}
		return markRunningChange(tx, userID, at)
	})
	if err != nil {
		return fmt.Errorf("delete running entry of %s: %w", userID, err)
	}
	return nil
}
