package store

import (
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database to a new file at dst,
// through one read transaction, so writers keep working while it runs. It
// refuses to overwrite an existing file and removes its partial copy on
// failure. It returns the size written.
func (s *Store) Backup(dst string) (n int64, err error) {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return 0, fmt.Errorf("backup to %s: the file exists; choose a new name (a backup never overwrites)", dst)
		}
		return 0, fmt.Errorf("backup to %s: %w", dst, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("backup to %s: %w", dst, cerr)
		}
		if err != nil {
			_ = os.Remove(dst)
		}
	}()
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(f)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("backup %s to %s: %w", s.path, dst, err)
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", dst, err)
	}
	return n, nil
}
