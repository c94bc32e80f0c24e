package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Setting decodes the JSON value stored under key into v (a pointer) and
// reports whether the key exists; v is left untouched when it does not.
func (s *Store) Setting(key string, v any) (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ok, err = getJSON(tx.Bucket(bucketSettings), []byte(key), v)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("read setting %q: %w", key, err)
	}
	return ok, nil
}

// PutSetting stores v as JSON under key, replacing any previous value.
func (s *Store) PutSetting(key string, v any) error {
	if key == "" {
		return fmt.Errorf("put setting: empty key: %w", ErrInvalid)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("put setting %q: %w", key, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(key), data)
	})
	if err != nil {
		return fmt.Errorf("put setting %q: %w", key, err)
	}
	return nil
}

// DeleteSetting removes key; it is not an error when it is absent.
func (s *Store) DeleteSetting(key string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Delete([]byte(key))
	})
	if err != nil {
		return fmt.Errorf("delete setting %q: %w", key, err)
	}
	return nil
}
