package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"

	bolt "go.etcd.io/bbolt"
)

// The entries_by_id index holds, for each entry id, the fingerprint of the
// entry's stored value (8 bytes) followed by its entries key. A window's
// staging compares a fetched entry with the stored one through the
// fingerprint alone, so a steady pass reads the small index, never the
// entries themselves (which would map most of the file's pages in).

// fingerprintLen is the length of an entry's fingerprint.
const fingerprintLen = 8

// fingerprint returns the 64-bit FNV-1a hash of an encoded entry: two
// values with the same fingerprint are taken as the same entry (a chance
// of 2^-64 for a change to go unseen until the entry changes again).
func fingerprint(value []byte) uint64 {
	h := fnv.New64a()
	h.Write(value)
	return h.Sum64()
}

// byIDValue is the entries_by_id value of an entry stored under key with
// value.
func byIDValue(key, value []byte) []byte {
	v := make([]byte, 0, fingerprintLen+len(key))
	v = binary.BigEndian.AppendUint64(v, fingerprint(value))
	return append(v, key...)
}

// byIDKey returns the entries key of an entries_by_id value; it aliases v.
func byIDKey(v []byte) []byte {
	if len(v) < fingerprintLen {
		return nil
	}
	return v[fingerprintLen:]
}

// byIDUnchanged reports whether the entries_by_id value v is of an entry
// whose value is value.
func byIDUnchanged(v, value []byte) bool {
	return len(v) >= fingerprintLen && binary.BigEndian.Uint64(v) == fingerprint(value)
}

// addFingerprints is migration step 3 -> 4: it puts the fingerprint of
// every stored entry in front of its entries_by_id value.
func addFingerprints(tx *bolt.Tx) error {
	byID, entries := tx.Bucket(bucketEntriesByID), tx.Bucket(bucketEntries)
	type rec struct{ id, v []byte }
	var recs []rec
	err := byID.ForEach(func(id, key []byte) error {
		value := entries.Get(key)
		if value == nil {
			return fmt.Errorf("entry %q: index points at a missing entry", id)
		}
		recs = append(recs, rec{id: id, v: byIDValue(key, value)})
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := byID.Put(r.id, r.v); err != nil {
			return fmt.Errorf("entry %q: %w", r.id, err)
		}
	}
	return nil
}
