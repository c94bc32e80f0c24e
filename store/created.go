package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// keyCreated is the meta key of the database's creation time (RFC 3339).
var keyCreated = []byte("created")

// stampCreated records t as the creation time of a new database, in the
// transaction that creates its buckets.
func stampCreated(tx *bolt.Tx, t time.Time) error {
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyCreated) != nil {
		return nil
	}
	if err := meta.Put(keyCreated, []byte(t.UTC().Format(time.RFC3339Nano))); err != nil {
		return fmt.Errorf("record creation time: %w", err)
	}
	return nil
}

// Created returns when this database was created. ok is false for a
// database created by a clockbot that did not record it: it existed before
// this version, for an unknown time.
func (s *Store) Created() (t time.Time, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v := meta.Get(keyCreated)
		if v == nil {
			return nil
		}
		t, err = time.Parse(time.RFC3339Nano, string(v))
		if err != nil {
			return fmt.Errorf("read creation time %q: %w", v, err)
		}
		ok = true
		return nil
	})
	return t, ok, err
}
