package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// LeanEntry is the part of a stored entry the weekly rules read. It skips
// the description and does not copy the id: ID aliases the store's memory
// and is valid only inside the callback that received it (copy it with
// string(ID) to keep it).
type LeanEntry struct {
	ProjectID  string
	Type       string
	Billable   bool
	Start, End time.Time // a zero End is a running timer
	ID         []byte
}

// decodeLean decodes the fields of LeanEntry from an entry value, interning
// the project and type; it allocates nothing once they are interned.
func (d *entryDecoder) decodeLean(v []byte, e *LeanEntry) error {
	if len(v) < 2 {
		return errShortEntry
	}
	if v[0] != entryFormat {
		return fmt.Errorf("unknown entry format %d", v[0])
	}
	flags := v[1]
	p := v[2:]
	var ok bool
	if e.Start, p, ok = readEntryTime(p); !ok {
		return errShortEntry
	}
	e.End = time.Time{}
	if flags&entryHasEnd != 0 {
		if e.End, p, ok = readEntryTime(p); !ok {
			return errShortEntry
		}
	}
	e.Billable = flags&entryBillable != 0
	var parts [5][]byte
	for i := range parts {
		n, k := binary.Uvarint(p)
		if k <= 0 || n > uint64(len(p)-k) {
			return errShortEntry
		}
		parts[i] = p[k : k+int(n)]
		p = p[k+int(n):]
	}
	e.ID = parts[0]
	e.ProjectID = d.intern(parts[2])
	e.Type = d.intern(parts[4])
	return nil
}

// ForEachUserEntries calls fn once for each of userIDs, in that order,
// with the user's stored entries (running ones included) that overlap
// [from, to), by start, as ForEachEntry finds them. Each user's entries are
// one key range of the entries bucket, reached with one Seek, all inside
// one read transaction; es is a buffer reused from user to user, so fn must
// not keep it (nor the ids in it). It stops at the first error fn returns
// and returns that error unchanged.
//
// fn runs inside a read transaction: it must not call the Store (a write
// there can deadlock). A panic in fn is re-raised after the transaction, so
// it is never mistaken for a damaged file.
func (s *Store) ForEachUserEntries(userIDs []string, from, to time.Time, fn func(i int, es []LeanEntry) error) error {
	lo, hi := from.Add(-entryLookback), timeKey(to)
	var (
		fnErr    error
		fnPanic  any
		panicked bool
	)
	call := func(i int, es []LeanEntry) (err error) {
		defer func() {
			if r := recover(); r != nil {
				fnPanic, panicked = r, true
				err = errStop
			}
		}()
		if err := fn(i, es); err != nil {
			fnErr = err
			return err
		}
		return nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		d := newEntryDecoder()
		defer s.releaseTx(tx) // the walk's last pages
		c := tx.Bucket(bucketEntries).Cursor()
		var (
			buf  []LeanEntry
			seek []byte
		)
		for i, uid := range userIDs {
			buf = buf[:0]
			seek = append(append(append(seek[:0], uid...), sep), make([]byte, timeKeyLen)...)
			binary.BigEndian.PutUint64(seek[len(uid)+1:], timeKey(lo))
			prefix := seek[:len(uid)+1]
			for k, v := c.Seek(seek); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if len(k) < len(prefix)+timeKeyLen {
					return fmt.Errorf("malformed entry key %q", k)
				}
				if binary.BigEndian.Uint64(k[len(prefix):]) >= hi {
					break
				}
				s.readRecord(tx)
				buf = append(buf, LeanEntry{})
				e := &buf[len(buf)-1]
				if err := d.decodeLean(v, e); err != nil {
					return fmt.Errorf("decode entry %q: %w", k, err)
				}
				if !overlaps(e.Start, e.End, from, to) {
					buf = buf[:len(buf)-1]
				}
			}
			if err := call(i, buf); err != nil {
				return err
			}
		}
		return nil
	})
	if panicked {
		panic(fnPanic)
	}
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return nil
}
