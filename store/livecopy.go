package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// boltTxidOffset is where a meta page records its transaction id, after
// the page header.
const boltTxidOffset = 48

// liveCopyAttempts bounds the copies BackupFile makes while a busy bot keeps
// committing.
const liveCopyAttempts = 10

// BackupFile copies the database at src to a new file dst. When no other
// clockbot holds src, the copy runs in one read transaction (tx.WriteTo).
// While the bot runs and holds the file lock, it copies the file as bbolt
// left it at its latest commit: it reads the newest valid meta page, copies
// the file, and keeps the copy only when no commit landed meanwhile (bbolt
// never overwrites a page its latest commit still uses) and the copy
// passes bbolt's consistency check. It never overwrites dst.
func BackupFile(src, dst string) (int64, error) {
	st, err := Open(src, ReadOnly(), WithLockTimeout(100*time.Millisecond))
	switch {
	case err == nil:
		defer st.Close()
		return st.Backup(dst)
	case !errors.Is(err, ErrInUse):
		return 0, err
	}
	if _, err := os.Stat(dst); err == nil {
		return 0, fmt.Errorf("backup to %s: the file exists; choose a new name (a backup never overwrites)", dst)
	}
	var last error
	for range liveCopyAttempts {
		n, err := liveCopy(src, dst)
		if err == nil {
			return n, nil
		}
		last = err
	}
	return 0, fmt.Errorf("backup %s: the bot kept committing or the copy failed its check %d times: %w", src, liveCopyAttempts, last)
}

// liveCopy makes one attempt of the copy of a file held by a running bot.
func liveCopy(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", src, err)
	}
	defer in.Close()
	before, err := latestTxid(in)
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", src, err)
	}
	tmp := dst + ".partial"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", tmp, err)
	}
	defer os.Remove(tmp)
	n, err := io.Copy(out, io.NewSectionReader(in, 0, 1<<62))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", tmp, err)
	}
	after, err := latestTxid(in)
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", src, err)
	}
	if after != before {
		return 0, fmt.Errorf("backup %s: a commit landed during the copy", src)
	}
	if err := checkCopy(tmp); err != nil {
		return 0, err
	}
	if err := os.Link(tmp, dst); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", dst, err)
	}
	return n, nil
}

// latestTxid returns the transaction id of the newest valid meta page.
func latestTxid(f *os.File) (uint64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	ps, err := boltPageSize(f, info.Size())
	if err != nil {
		return 0, err
	}
	if ps == 0 {
		return 0, errors.New("no valid bbolt meta page")
	}
	var best uint64
	found := false
	buf := make([]byte, boltPageHeaderSize+boltMetaSize)
	for _, off := range []int64{0, int64(ps)} {
		if _, err := f.ReadAt(buf, off); err != nil {
			return 0, err
		}
		if _, ok := parseBoltMeta(buf); !ok {
			continue
		}
		txid := binary.NativeEndian.Uint64(buf[boltPageHeaderSize+boltTxidOffset:])
		if !found || txid > best {
			best, found = txid, true
		}
	}
	return best, nil
}

// checkCopy opens a copied file and runs bbolt's consistency check on it.
func checkCopy(path string) (err error) {
	db, err := openBolt(path, time.Second, true)
	if err != nil {
		return fmt.Errorf("backup copy %s: %w", path, err)
	}
	defer db.Close()
	return checkDB(db, path)
}
