package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the version of the bucket layout this package writes. It
// is stored big-endian under "schema" in the meta bucket and always equals
// len(migrations).
const SchemaVersion = 4

// migrations lists the steps that bring a database to SchemaVersion: step i
// migrates version i to version i+1. A valid bbolt file without a schema
// version (no buckets, or an empty meta bucket) is version 0.
var migrations = []func(tx *bolt.Tx) error{
	createBuckets,        // 0 -> 1
	createWebhookBuckets, // 1 -> 2: webhooks.go
	createWindowBuckets,  // 2 -> 3: window.go
	addFingerprints,      // 3 -> 4: fingerprint.go
}

// allBuckets lists every bucket of the current schema version.
var allBuckets = [][]byte{
	bucketMeta, bucketUsers, bucketUsersByEmail, bucketManagers, bucketGroups,
	bucketProjects, bucketHolidays, bucketTimeOff, bucketTimeOffByID,
	bucketEntries, bucketEntriesByStart, bucketEntriesByID, bucketRunning, bucketRunningChanges,
	bucketSettings, bucketSlackUsers, bucketSlackUsersByID, bucketDeliveries,
	bucketAudit, bucketEntryWindows,
}

// createBuckets is migration step 0 -> 1: it creates every bucket and the
// entry counter.
func createBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyEntryCount) == nil {
		return putUint64(meta, keyEntryCount, 0)
	}
	return nil
}

// createWindowBuckets is migration step 2 -> 3: it creates the staging
// bucket of entry windows (see Window).
func createWindowBuckets(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketEntryWindows); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketEntryWindows, err)
	}
	return nil
}

// prepare checks that db is a clockbot database and migrates it to
// SchemaVersion. A database that is already current is only read.
func prepare(db *bolt.DB, path string, now func() time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = notDatabase(path, fmt.Sprintf("bbolt cannot read it (%v)", r), nil)
		}
	}()
	var version int
	if err := db.View(func(tx *bolt.Tx) error {
		var err error
		version, err = readSchema(tx, path)
		return err
	}); err != nil {
		return err
	}
	if version > SchemaVersion {
		return &openError{
			msg:  fmt.Sprintf("database %s has schema version %d, newer than the %d this clockbot supports: upgrade clockbot", path, version, SchemaVersion),
			errs: []error{ErrNewerSchema},
		}
	}
	if version == SchemaVersion {
		return nil
	}
	return db.Update(func(tx *bolt.Tx) error {
		from, err := readSchema(tx, path)
		if err != nil {
			return err
		}
		if err := migrate(tx, from, migrations); err != nil {
			return err
		}
		if from == 0 {
			return stampCreated(tx, now())
		}
		return nil
	})
}

// readSchema returns the schema version of the database, 0 when it has
// none. A file holding buckets but no meta bucket belongs to another
// program.
func readSchema(tx *bolt.Tx, path string) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		var foreign []byte
		_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			foreign = append([]byte(nil), name...)
			return errStop
		})
		if foreign != nil {
			return 0, notDatabase(path, fmt.Sprintf("it is a bbolt file of another program (bucket %q, no %q bucket)", foreign, bucketMeta), nil)
		}
		return 0, nil
	}
	v := meta.Get(keySchema)
	switch len(v) {
	case 0:
		return 0, nil
	case 4:
		return int(binary.BigEndian.Uint32(v)), nil
	default:
		return 0, notDatabase(path, fmt.Sprintf("its schema version is %d bytes long, want 4", len(v)), nil)
	}
}

// migrate runs steps[from:] in tx and records the version reached after
// each step, so the database ends at version len(steps).
func migrate(tx *bolt.Tx, from int, steps []func(tx *bolt.Tx) error) error {
	for v := from; v < len(steps); v++ {
		if err := steps[v](tx); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
		var buf [4]byte
		binary.BigEndian.PutUint32(buf[:], uint32(v+1))
		if err := meta.Put(keySchema, buf[:]); err != nil {
			return fmt.Errorf("migrate schema %d to %d: write version: %w", v, v+1, err)
		}
	}
	return nil
}

// SchemaVersion returns the schema version recorded in the database.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		v, err = readSchema(tx, s.path)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
