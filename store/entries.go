package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// entryWriter changes the entries and both their indexes inside one
// read-write transaction and keeps the entry counter.
type entryWriter struct {
	meta, entries, byStart, byID *bolt.Bucket
	delta                        int64
}

func newEntryWriter(tx *bolt.Tx) *entryWriter {
	return &entryWriter{
		meta:    tx.Bucket(bucketMeta),
		entries: tx.Bucket(bucketEntries),
		byStart: tx.Bucket(bucketEntriesByStart),
		byID:    tx.Bucket(bucketEntriesByID),
	}
}

// checkEntry rejects an entry that cannot be keyed.
func checkEntry(e Entry) error {
	if err := checkID("entry", "id", e.ID); err != nil {
		return err
	}
	if err := checkID(fmt.Sprintf("entry %q", e.ID), "user id", e.UserID); err != nil {
		return err
	}
	if e.Start.IsZero() {
		return fmt.Errorf("entry %q: zero start: %w", e.ID, ErrInvalid)
	}
	return nil
}

// entryRecord is an entry ready to be written: its value, its keys in the
// three buckets and its entries_by_id value (fingerprint.go).
type entryRecord struct {
	id, key, startKey, value, byID []byte
}

// putAll inserts es, first removing any stored entry with the same id
// (which may have had another start or user); when es holds an id twice,
// the last one wins. Each bucket is written in key order: bbolt splits
// nodes only at commit, so unordered inserts into one transaction cost time
// quadratic in their number.
func (w *entryWriter) putAll(es []Entry) error {
	last := make(map[string]int, len(es))
	for i, e := range es {
		if err := checkEntry(e); err != nil {
			return err
		}
		last[e.ID] = i
	}
	recs := make([]entryRecord, 0, len(last))
	for i, e := range es {
		if last[e.ID] != i {
			continue
		}
		id := []byte(e.ID)
		if old := w.byID.Get(id); old != nil {
			if err := w.remove(bytes.Clone(byIDKey(old))); err != nil {
				return err
			}
		}
		key := entryKey(e.UserID, e.Start, e.ID)
		sk, err := byStartKey(key)
		if err != nil {
			return err
		}
		value := encodeEntry(e)
		recs = append(recs, entryRecord{id: id, key: key, startKey: sk, value: value, byID: byIDValue(key, value)})
	}
	if err := putSorted(w.entries, bucketEntries, recs, func(r entryRecord) ([]byte, []byte) { return r.key, r.value }); err != nil {
		return err
	}
	if err := putSorted(w.byStart, bucketEntriesByStart, recs, func(r entryRecord) ([]byte, []byte) { return r.startKey, r.key }); err != nil {
		return err
	}
	if err := putSorted(w.byID, bucketEntriesByID, recs, func(r entryRecord) ([]byte, []byte) { return r.id, r.byID }); err != nil {
		return err
	}
	w.delta += int64(len(recs))
	return nil
}

// putSorted sorts recs by the key kv returns and puts them in b in that
// order.
func putSorted(b *bolt.Bucket, name []byte, recs []entryRecord, kv func(entryRecord) (k, v []byte)) error {
	slices.SortFunc(recs, func(x, y entryRecord) int {
		kx, _ := kv(x)
		ky, _ := kv(y)
		return bytes.Compare(kx, ky)
	})
	for _, r := range recs {
		k, v := kv(r)
		if err := b.Put(k, v); err != nil {
			return fmt.Errorf("put entry %q in %s: %w", r.id, name, err)
		}
	}
	return nil
}

// remove deletes the entry stored under an entries key, with its indexes.
// key must not alias bbolt memory.
func (w *entryWriter) remove(key []byte) error {
	_, _, id, ok := splitEntryKey(key)
	if !ok {
		return fmt.Errorf("malformed entry key %q", key)
	}
	sk, err := byStartKey(key)
	if err != nil {
		return err
	}
	for _, del := range []struct {
		b *bolt.Bucket
		k []byte
	}{{w.entries, key}, {w.byStart, sk}, {w.byID, id}} {
		if err := del.b.Delete(del.k); err != nil {
			return fmt.Errorf("delete entry %q: %w", id, err)
		}
	}
	w.delta--
	return nil
}

// replaceWindow deletes every entry (all users) whose start is in
// [from, to) and inserts es.
func (w *entryWriter) replaceWindow(from, to time.Time, es []Entry) error {
	if to.Before(from) {
		return fmt.Errorf("entry window %v..%v ends before it starts: %w", from, to, ErrInvalid)
	}
	end := timeKey(to)
	var doomed [][]byte
	c := w.byStart.Cursor()
	for k, v := c.Seek(appendTime(nil, from)); k != nil; k, v = c.Next() {
		if len(k) < timeKeyLen || binary.BigEndian.Uint64(k) >= end {
			break
		}
		doomed = append(doomed, bytes.Clone(v))
	}
	for _, key := range doomed {
		if err := w.remove(key); err != nil {
			return err
		}
	}
	return w.putAll(es)
}

// flush writes the entry counter.
func (w *entryWriter) flush() error {
	if w.delta == 0 {
		return nil
	}
	n, err := getUint64(w.meta, keyEntryCount)
	if err != nil {
		return err
	}
	return putUint64(w.meta, keyEntryCount, uint64(int64(n)+w.delta))
}

// PutEntry stores one entry (typically a timer just stopped), replacing any
// stored entry with the same id. It does not touch the running timers.
func (s *Store) PutEntry(e Entry) error {
	err := s.update(func(tx *bolt.Tx) error {
		w := newEntryWriter(tx)
		if err := w.putAll([]Entry{e}); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		return fmt.Errorf("put entry: %w", err)
	}
	return nil
}

// CountEntries returns the number of stored entries.
func (s *Store) CountEntries() (int, error) {
	var n uint64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = getUint64(tx.Bucket(bucketMeta), keyEntryCount)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count entries: %w", err)
	}
	return int(n), nil
}

// overlaps reports whether [start, end) overlaps [from, to). A zero end is
// a running timer, open-ended; an empty interval overlaps when it lies
// inside [from, to).
func overlaps(start, end, from, to time.Time) bool {
	if !start.Before(to) {
		return false
	}
	return end.IsZero() || end.After(from) || !start.Before(from)
}

// EntriesForUser returns the completed entries of userID that overlap
// [from, to), by start. Entries that started up to entryLookback (7 days)
// before from are found.
func (s *Store) EntriesForUser(userID string, from, to time.Time) ([]Entry, error) {
	var out []Entry
	err := s.view(func(tx *bolt.Tx) error {
		d := newEntryDecoder()
		prefix := append([]byte(userID), sep)
		end := timeKey(to)
		c := tx.Bucket(bucketEntries).Cursor()
		for k, v := c.Seek(userSeekKey(userID, from.Add(-entryLookback))); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if binary.BigEndian.Uint64(k[len(prefix):]) >= end {
				break
			}
			e, err := d.decode(v)
			if err != nil {
				return fmt.Errorf("decode entry %q: %w", k, err)
			}
			if !e.End.IsZero() && overlaps(e.Start, e.End, from, to) {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entries of user %s: %w", userID, err)
	}
	return out, nil
}

// ForEachEntry calls fn with every stored entry (running ones included)
// that overlaps [from, to), grouped by user: users in id order, each user's
// entries by start. Entries that started up to entryLookback before from
// are found. It stops at the first error fn returns and returns that error
// unchanged.
//
// fn runs inside a read transaction: it must not call the Store (a write
// there can deadlock).
func (s *Store) ForEachEntry(from, to time.Time, fn func(Entry) error) error {
	lo, hi := from.Add(-entryLookback), timeKey(to)
	loKey := timeKey(lo)
	var fnErr error
	err := s.view(func(tx *bolt.Tx) error {
		d := newEntryDecoder()
		defer s.releaseTx(tx)
		c := tx.Bucket(bucketEntries).Cursor()
		k, v := c.First()
		for k != nil {
			s.readRecord(tx)
			user, start, _, ok := splitEntryKey(k)
			if !ok {
				return fmt.Errorf("malformed entry key %q", k)
			}
			switch {
			case start < loKey: // skip this user's older entries
				k, v = c.Seek(userSeekKey(string(user), lo))
				continue
			case start >= hi: // skip this user's later entries
				k, v = c.Seek(append(bytes.Clone(user), sep+1))
				continue
			}
			e, err := d.decode(v)
			if err != nil {
				return fmt.Errorf("decode entry %q: %w", k, err)
			}
			if overlaps(e.Start, e.End, from, to) {
				if err := fn(e); err != nil {
					fnErr = err
					return err
				}
			}
			k, v = c.Next()
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return nil
}
