package store

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how many bytes bbolt's compaction copies per
// transaction of the new file.
const compactTxSize = 64 << 20

// CompactFile rewrites the database at path without its free pages (bbolt's
// compaction: every key copied into a new file), checks the copy, and puts
// it in place of the original with an atomic rename. It holds the file's
// exclusive lock throughout, so it fails with ErrInUse while a clockbot
// runs on the file, and a bot cannot start in the middle. The original is
// left as it was on any failure. It returns the sizes before and after.
func CompactFile(path string) (before, after int64, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := checkFile(path); err != nil {
		return 0, 0, err
	}
	src, err := openBolt(path, DefaultLockTimeout, false)
	if err != nil {
		return 0, 0, err
	}
	defer src.Close()
	if err := checkDB(src, path); err != nil {
		return 0, 0, fmt.Errorf("compact %s: refusing to compact a damaged file (restore a backup): %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".compact-*")
	if err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	tmpPath := tmp.Name()
	_ = tmp.Close()
	defer func() {
		if err != nil {
			_ = os.Remove(tmpPath)
		}
	}()
	dst, err := bolt.Open(tmpPath, fi.Mode().Perm(), nil)
	if err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := bolt.Compact(dst, src, compactTxSize); err != nil {
		_ = dst.Close()
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := checkDB(dst, tmpPath); err != nil {
		_ = dst.Close()
		return 0, 0, fmt.Errorf("compact %s: the compacted copy fails its check: %w", path, err)
	}
	if err := dst.Close(); err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	nfi, err := os.Stat(tmpPath)
	if err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return 0, 0, fmt.Errorf("compact %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return fi.Size(), nfi.Size(), nil
}
