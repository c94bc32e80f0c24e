package store

import bolt "go.etcd.io/bbolt"

// StoredSchemaVersion returns the schema version recorded in the database:
// SchemaVersion for a current one, less for a file opened read-only that
// the next writable Open migrates, 0 for a file without one.
func (s *Store) StoredSchemaVersion() (int, error) {
	var v int
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		v, err = readSchema(tx, s.path)
		return err
	})
	return v, err
}
