package store

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestOpenMigratesFingerprints: a schema 3 file, whose entries_by_id holds
// bare entries keys, is migrated to fingerprint + key, and a window of the
// same entries then finds each of them unchanged (and a changed one
// changed), reading only the index.
func TestOpenMigratesFingerprints(t *testing.T) {
	es := []Entry{entry("e1", "u1", at(16, 9), time.Hour), entry("e2", "u2", at(17, 10), 2*time.Hour)}
	path := filepath.Join(t.TempDir(), "clockbot.db")
	writeBolt(t, path, func(tx *bolt.Tx) error {
		if err := migrate(tx, 0, migrations[:3]); err != nil {
			return err
		}
		for _, e := range es {
			key := entryKey(e.UserID, e.Start, e.ID)
			sk, err := byStartKey(key)
			if err != nil {
				return err
			}
			for _, kv := range []struct{ b, k, v []byte }{
				{bucketEntries, key, encodeEntry(e)}, {bucketEntriesByStart, sk, key}, {bucketEntriesByID, []byte(e.ID), key},
			} {
				if err := tx.Bucket(kv.b).Put(kv.k, kv.v); err != nil {
					return err
				}
			}
		}
		return putUint64(tx.Bucket(bucketMeta), keyEntryCount, uint64(len(es)))
	})
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
		t.Fatalf("SchemaVersion() = %d, %v; want %d", v, err, SchemaVersion)
	}
	checkCount(t, s)

	changed := es[1]
	changed.Description = "changed"
	w, err := s.BeginWindow(at(16, 0), at(23, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put([]Entry{es[0], changed}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"e1": true, "e2": false} // unchanged?
	if err := s.view(func(tx *bolt.Tx) error {
		seen, err := windowSeen(tx, w.key)
		if err != nil {
			return err
		}
		for id, unchanged := range want {
			t.Run(id, func(t *testing.T) {
				if got := bytes.Equal(seen.Get([]byte(id)), unchangedMark); got != unchanged {
					t.Errorf("staged as unchanged = %v, want %v", got, unchanged)
				}
			})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := allEntries(t, s)
	if len(got) != 2 || got[1].Description != "changed" {
		t.Errorf("entries after commit = %+v, want e1 and the changed e2", got)
	}
	checkCount(t, s)
}
