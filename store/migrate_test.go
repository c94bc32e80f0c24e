package store

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestMigrationsMatchSchemaVersion(t *testing.T) {
	if len(migrations) != SchemaVersion {
		t.Errorf("len(migrations) = %d, want SchemaVersion %d", len(migrations), SchemaVersion)
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clockbot.db")
	writeBolt(t, path, func(tx *bolt.Tx) error {
		if err := createBuckets(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, binary.BigEndian.AppendUint32(nil, SchemaVersion+1))
	})
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open() succeeded on a newer schema; want an error")
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open() error = %v; want ErrNewerSchema", err)
	}
	if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "upgrade clockbot") {
		t.Errorf("Open() error %q; want the path and advice to upgrade", msg)
	}
}

func TestOpenMigratesVersionZero(t *testing.T) {
	tests := []struct {
		name string
		make func(tx *bolt.Tx) error
	}{
		{"no buckets", func(tx *bolt.Tx) error { return nil }},
		{"empty meta bucket", func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket(bucketMeta)
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			writeBolt(t, path, tc.make)
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open() error: %v", err)
			}
			defer s.Close()
			if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
				t.Errorf("SchemaVersion() = %d, %v; want %d", v, err, SchemaVersion)
			}
			if err := s.view(func(tx *bolt.Tx) error {
				for _, name := range allBuckets {
					if tx.Bucket(name) == nil {
						t.Errorf("bucket %s missing after migration", name)
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.PutEntry(entry("e1", "u1", at(16, 9), time.Hour)); err != nil {
				t.Errorf("PutEntry() after migration error: %v", err)
			}
			checkCount(t, s)
		})
	}
}

func TestMigrateRunsStepsFromVersion(t *testing.T) {
	errStep := errors.New("step failed")
	tests := []struct {
		name        string
		from        int
		failAt      int // -1: none
		wantRan     []int
		wantVersion int
		wantErr     error
	}{
		{"from zero", 0, -1, []int{0, 1, 2}, 3, nil},
		{"from one", 1, -1, []int{1, 2}, 3, nil},
		{"current", 3, -1, nil, 0, nil},
		{"failing step", 0, 1, []int{0, 1}, 0, errStep},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.db")
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var ran []int
			steps := make([]func(*bolt.Tx) error, 3)
			for i := range steps {
				steps[i] = func(*bolt.Tx) error {
					ran = append(ran, i)
					if i == tc.failAt {
						return errStep
					}
					return nil
				}
			}
			err = db.Update(func(tx *bolt.Tx) error { return migrate(tx, tc.from, steps) })
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("migrate() error = %v, want %v", err, tc.wantErr)
			}
			if !slices.Equal(ran, tc.wantRan) {
				t.Errorf("migrate() ran steps %v, want %v", ran, tc.wantRan)
			}
			var version int
			_ = db.View(func(tx *bolt.Tx) error {
				version, err = readSchema(tx, path)
				return err
			})
			if version != tc.wantVersion {
				t.Errorf("schema after migrate() = %d, want %d", version, tc.wantVersion)
			}
		})
	}
}
