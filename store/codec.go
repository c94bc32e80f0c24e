package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Entries use a hand-written binary encoding: the report decodes hundreds of
// thousands of them, which JSON makes several times slower.
//
//	byte     format (entryFormat)
//	byte     flags (entryBillable, entryHasEnd)
//	varint   start seconds, uvarint start nanoseconds
//	varint   end seconds, uvarint end nanoseconds (only with entryHasEnd)
//	5 x      uvarint length + bytes: ID, UserID, ProjectID, Description, Type
//
// Times decode in UTC; a zero End (a running timer) has no entryHasEnd flag
// and decodes as the zero time.
const (
	entryFormat   = 1
	entryBillable = 1 << 0
	entryHasEnd   = 1 << 1
)

var errShortEntry = errors.New("truncated entry value")

// encodeEntry returns the binary encoding of e.
func encodeEntry(e Entry) []byte {
	n := 2 + 2*(binary.MaxVarintLen64+binary.MaxVarintLen32) + 5*binary.MaxVarintLen32 +
		len(e.ID) + len(e.UserID) + len(e.ProjectID) + len(e.Description) + len(e.Type)
	b := make([]byte, 0, n)
	var flags byte
	if e.Billable {
		flags |= entryBillable
	}
	if !e.End.IsZero() {
		flags |= entryHasEnd
	}
	b = append(b, entryFormat, flags)
	b = appendEntryTime(b, e.Start)
	if !e.End.IsZero() {
		b = appendEntryTime(b, e.End)
	}
	for _, s := range [...]string{e.ID, e.UserID, e.ProjectID, e.Description, e.Type} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func appendEntryTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// entryDecoder decodes entry values. It interns the strings that repeat
// from entry to entry (user, project, type) so a long scan allocates one
// copy of each; every string is still a copy, never bbolt memory.
type entryDecoder struct {
	strs     map[string]string
	lastUser string // entries come grouped by user
}

// maxInterned bounds the intern table of one decoder.
const maxInterned = 1 << 16

func newEntryDecoder() *entryDecoder {
	return &entryDecoder{strs: make(map[string]string)}
}

func (d *entryDecoder) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if d.strs != nil && len(d.strs) < maxInterned {
		d.strs[s] = s
	}
	return s
}

// decode decodes an entry value; it copies everything it keeps.
func (d *entryDecoder) decode(v []byte) (Entry, error) {
	var e Entry
	if len(v) < 2 {
		return e, errShortEntry
	}
	if v[0] != entryFormat {
		return e, fmt.Errorf("unknown entry format %d", v[0])
	}
	flags := v[1]
	p := v[2:]
	var ok bool
	if e.Start, p, ok = readEntryTime(p); !ok {
		return e, errShortEntry
	}
	if flags&entryHasEnd != 0 {
		if e.End, p, ok = readEntryTime(p); !ok {
			return e, errShortEntry
		}
	}
	e.Billable = flags&entryBillable != 0
	var parts [5][]byte
	for i := range parts {
		n, k := binary.Uvarint(p)
		if k <= 0 || n > uint64(len(p)-k) {
			return e, errShortEntry
		}
		parts[i] = p[k : k+int(n)]
		p = p[k+int(n):]
	}
	e.ID = string(parts[0])
	if string(parts[1]) == d.lastUser {
		e.UserID = d.lastUser
	} else {
		e.UserID = d.intern(parts[1])
		d.lastUser = e.UserID
	}
	e.ProjectID = d.intern(parts[2])
	e.Description = string(parts[3])
	e.Type = d.intern(parts[4])
	return e, nil
}

func readEntryTime(p []byte) (time.Time, []byte, bool) {
	sec, n := binary.Varint(p)
	if n <= 0 {
		return time.Time{}, p, false
	}
	p = p[n:]
	nsec, n := binary.Uvarint(p)
	if n <= 0 || nsec >= uint64(time.Second) {
		return time.Time{}, p, false
	}
	return time.Unix(sec, int64(nsec)).UTC(), p[n:], true
}

// decodeEntry decodes one entry value without interning (a nil intern table
// is only read).
func decodeEntry(v []byte) (Entry, error) {
	var d entryDecoder
	return d.decode(v)
}

// putJSON stores v as JSON under key.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	if err := b.Put(key, data); err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	return nil
}

// getJSON decodes the JSON value under key into v and reports whether the
// key exists.
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("decode %q: %w", key, err)
	}
	return true, nil
}

// allJSON decodes every value of bucket b, in key order.
func allJSON[T any](b *bolt.Bucket) ([]T, error) {
	var out []T
	err := b.ForEach(func(k, v []byte) error {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return fmt.Errorf("decode %q: %w", k, err)
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// putUint64 stores n big-endian under key.
func putUint64(b *bolt.Bucket, key []byte, n uint64) error {
	if err := b.Put(key, binary.BigEndian.AppendUint64(nil, n)); err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	return nil
}

// getUint64 reads a big-endian counter; an absent key reads as 0.
func getUint64(b *bolt.Bucket, key []byte) (uint64, error) {
	v := b.Get(key)
	if v == nil {
		return 0, nil
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("counter %q is %d bytes, want 8", key, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}
