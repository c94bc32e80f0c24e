package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
)

// Layout of a bbolt meta page (go.etcd.io/bbolt/internal/common): a 16-byte
// page header, then magic, version and page size (uint32 each, native
// byte order), ... and at offset 56 an FNV-64a checksum of the 56 bytes
// before it.
const (
	boltPageHeaderSize = 16
	boltMetaSize       = 64
	boltChecksumOffset = 56
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	boltMinPageSize    = 512
	boltMaxPageSize    = 1 << 24
	// boltInitPages is the number of pages bbolt writes when it creates a
	// file, so no valid file is shorter.
	boltInitPages = 4
)

// checkFile makes sure that path, when it exists, holds a bbolt file before
// bbolt opens it: bbolt memory-maps the file and may panic or crash on
// arbitrary bytes. A missing file is fine (Open creates it).
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	switch {
	case info.IsDir():
		return notDatabase(path, "it is a directory", nil)
	case !info.Mode().IsRegular():
		return notDatabase(path, "it is not a regular file", nil)
	case info.Size() == 0:
		return notDatabase(path, "it is an empty file (delete it to start a new database)", nil)
	}
	pageSize, err := boltPageSize(f, info.Size())
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if pageSize == 0 {
		return notDatabase(path, "it holds no valid bbolt meta page", nil)
	}
	if info.Size() < int64(pageSize)*boltInitPages {
		return notDatabase(path, fmt.Sprintf("it is a truncated bbolt file (%d bytes, page size %d)", info.Size(), pageSize), nil)
	}
	return nil
}

// boltPageSize returns the page size recorded by the first valid meta page
// of f, or 0 when neither meta page is valid. Like bbolt, it looks for the
// second meta page at every possible page size when the first is damaged.
func boltPageSize(f io.ReaderAt, size int64) (uint32, error) {
	buf := make([]byte, boltPageHeaderSize+boltMetaSize)
	read := func(off int64) (bool, error) {
		if off+int64(len(buf)) > size {
			return false, nil
		}
		if _, err := f.ReadAt(buf, off); err != nil {
			return false, err
		}
		return true, nil
	}
	if ok, err := read(0); err != nil {
		return 0, err
	} else if ok {
		if ps, valid := parseBoltMeta(buf); valid {
			return ps, nil
		}
	}
	for ps := int64(boltMinPageSize); ps <= boltMaxPageSize; ps <<= 1 {
		ok, err := read(ps)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		if got, valid := parseBoltMeta(buf); valid && int64(got) == ps {
			return got, nil
		}
	}
	return 0, nil
}

// parseBoltMeta validates the meta page at the start of page (magic,
// version, checksum, a sane page size) and returns its page size.
func parseBoltMeta(page []byte) (uint32, bool) {
	m := page[boltPageHeaderSize : boltPageHeaderSize+boltMetaSize]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion {
		return 0, false
	}
	h := fnv.New64a()
	h.Write(m[:boltChecksumOffset])
	if h.Sum64() != ne.Uint64(m[boltChecksumOffset:]) {
		return 0, false
	}
	ps := ne.Uint32(m[8:])
	if ps < boltMinPageSize || ps > boltMaxPageSize || ps&(ps-1) != 0 {
		return 0, false
	}
	return ps, true
}
