package store

import (
	"fmt"

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
// when a user appears twice).
func replaceRunning(tx *bolt.Tx, es []Entry) error {
	b, err := resetBucket(tx, bucketRunning)
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := putRunning(b, e); err != nil {
			return err
		}
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
// previous one.
func (s *Store) PutRunning(e Entry) error {
	err := s.update(func(tx *bolt.Tx) error {
		return putRunning(tx.Bucket(bucketRunning), e)
	})
	if err != nil {
		return fmt.Errorf("put running entry: %w", err)
	}
	return nil
}

// DeleteRunning forgets the running timer of userID; it is not an error
// when there is none.
func (s *Store) DeleteRunning(userID string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRunning).Delete([]byte(userID))
	})
	if err != nil {
		return fmt.Errorf("delete running entry of %s: %w", userID, err)
	}
	return nil
}
