package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Key layouts. Every key sorts by bytes in the order its ranges are read.
//
//	entries          userID 0x00 start(8) entryID  -> Entry (binary, see codec.go)
//	entries_by_start start(8) entryID              -> entries key
//	entries_by_id    entryID                       -> fingerprint(8) entries key (fingerprint.go)
//	running          userID                        -> Entry (binary)
//	timeoff          end(8) requestID              -> TimeOff (JSON)
//	timeoff_by_id    requestID                     -> timeoff key
//	users            userID                        -> User (JSON)
//	users_by_email   lower(email) 0x00 userID      -> userID
//	slack_users      lower(email)                  -> SlackUser (JSON)
//	slack_users_by_id slackID                      -> lower(email)
//	deliveries       week 0x00 userID              -> Delivery (JSON)
//	audit            sequence(8)                   -> AuditEntry (JSON)
//
// start(8) and end(8) are UnixNano (UTC) as big-endian uint64 with the sign
// bit flipped, so earlier instants sort first, 1970 or not.

// timeKeyLen is the length of an encoded instant.
const timeKeyLen = 8

// entryLookback is how long before a range an entry may start and still be
// found overlapping it: range reads Seek to from-entryLookback. An entry
// longer than this that starts before the range is missed.
const entryLookback = 7 * 24 * time.Hour

// sep separates the variable-length parts of a key. Ids must not contain it.
const sep = 0x00

// errStop ends a bbolt ForEach early; it never leaves the package.
var errStop = errors.New("stop")

var (
	minKeyTime = time.Unix(0, math.MinInt64)
	maxKeyTime = time.Unix(0, math.MaxInt64)
)

// timeKey encodes t for a key; instants outside the years 1678-2262 are
// clamped to the nearest representable one.
func timeKey(t time.Time) uint64 {
	var n int64
	switch {
	case t.Before(minKeyTime):
		n = math.MinInt64
	case t.After(maxKeyTime):
		n = math.MaxInt64
	default:
		n = t.UnixNano()
	}
	return uint64(n) ^ (1 << 63)
}

// appendTime appends the 8-byte key encoding of t to b.
func appendTime(b []byte, t time.Time) []byte {
	return binary.BigEndian.AppendUint64(b, timeKey(t))
}

// checkID rejects an empty id or one containing the key separator.
func checkID(kind, field, id string) error {
	if id == "" {
		return fmt.Errorf("%s: empty %s: %w", kind, field, ErrInvalid)
	}
	if strings.IndexByte(id, sep) >= 0 {
		return fmt.Errorf("%s %q: %s contains a NUL byte: %w", kind, id, field, ErrInvalid)
	}
	return nil
}

// entryKey returns the entries key of e.
func entryKey(userID string, start time.Time, id string) []byte {
	k := make([]byte, 0, len(userID)+1+timeKeyLen+len(id))
	k = append(k, userID...)
	k = append(k, sep)
	k = appendTime(k, start)
	return append(k, id...)
}

// userSeekKey returns the first possible entries key of userID at or after
// instant t.
func userSeekKey(userID string, t time.Time) []byte {
	k := make([]byte, 0, len(userID)+1+timeKeyLen)
	k = append(k, userID...)
	k = append(k, sep)
	return appendTime(k, t)
}

// splitEntryKey splits an entries key into its user id, encoded start
// and entry id; the parts alias k.
func splitEntryKey(k []byte) (userID []byte, start uint64, id []byte, ok bool) {
	i := bytes.IndexByte(k, sep)
	if i < 0 || len(k) < i+1+timeKeyLen {
		return nil, 0, nil, false
	}
	return k[:i], binary.BigEndian.Uint64(k[i+1:]), k[i+1+timeKeyLen:], true
}

// byStartKey returns the entries_by_start key for an entries key.
func byStartKey(entriesKey []byte) ([]byte, error) {
	_, start, id, ok := splitEntryKey(entriesKey)
	if !ok {
		return nil, fmt.Errorf("malformed entry key %q", entriesKey)
	}
	k := make([]byte, 0, timeKeyLen+len(id))
	k = binary.BigEndian.AppendUint64(k, start)
	return append(k, id...), nil
}

// timeOffKey returns the timeoff key of r.
func timeOffKey(r TimeOff) []byte {
	k := make([]byte, 0, timeKeyLen+len(r.ID))
	k = appendTime(k, r.End)
	return append(k, r.ID...)
}

// normEmail is the form of an email address used in keys.
func normEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// emailKey returns the users_by_email key of a user.
func emailKey(email, userID string) []byte {
	e := normEmail(email)
	k := make([]byte, 0, len(e)+1+len(userID))
	k = append(k, e...)
	k = append(k, sep)
	return append(k, userID...)
}

// deliveryKey returns the deliveries key of (week, userID).
func deliveryKey(week, userID string) []byte {
	k := make([]byte, 0, len(week)+1+len(userID))
	k = append(k, week...)
	k = append(k, sep)
	return append(k, userID...)
}
