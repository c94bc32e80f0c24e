package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestCreated(t *testing.T) {
	stamp := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "clockbot.db")
	s, err := Open(path, WithClock(func() time.Time { return stamp }))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Opening again keeps the first stamp.
	s, err = Open(path, WithClock(func() time.Time { return stamp.Add(48 * time.Hour) }))
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Created()
	s.Close()
	if err != nil || !ok || !got.Equal(stamp) {
		t.Errorf("Created() = %v, %v, %v; want %v", got, ok, err, stamp)
	}

	// A database from a clockbot that did not stamp it: unknown.
	old := filepath.Join(t.TempDir(), "old.db")
	s, err = Open(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyCreated) }); err != nil {
		t.Fatal(err)
	}
	_, ok, err = s.Created()
	s.Close()
	if err != nil || ok {
		t.Errorf("Created() of an unstamped database = ok %v, %v; want unknown", ok, err)
	}
}
