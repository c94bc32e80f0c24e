package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets of schema version 2: what Clockify's webhooks and the time clock
// tell the bot between two polls.
var (
	// bucketWebhookMarks holds one mark per record a webhook changed:
	// kind 0x00 id -> webhookMark (JSON).
	bucketWebhookMarks = []byte("webhook_marks")
	// bucketWebhooks holds the webhooks registered in Clockify: id ->
	// RegisteredWebhook (JSON).
	bucketWebhooks = []byte("webhooks")
	// bucketTimeClock holds time-clock activities: id -> TimeClockActivity
	// (JSON).
	bucketTimeClock = []byte("timeclock_activities")
	// bucketTimeClockUsers maps time-clock user ids to Clockify user ids:
	// decimal id -> user id.
	bucketTimeClockUsers = []byte("timeclock_users")
)

// schema2Buckets lists the buckets migration step 1 -> 2 creates.
var schema2Buckets = [][]byte{bucketWebhookMarks, bucketWebhooks, bucketTimeClock, bucketTimeClockUsers}

// createWebhookBuckets is migration step 1 -> 2.
func createWebhookBuckets(tx *bolt.Tx) error {
	for _, name := range schema2Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// MarkTTL is how long a webhook mark (and so a deleted entry's tombstone)
// is kept: longer than any poll can take, so a poll that fetched before a
// change never undoes it. ExpireWebhookMarks drops older marks.
const MarkTTL = 24 * time.Hour

// maxVersions bounds the payload versions a mark remembers.
const maxVersions = 8

// Kinds of marked records, the first byte of a mark key.
const (
	markEntry   = 'e'
	markTimeOff = 't'
	markUser    = 'u'
	markProject = 'p'
)

// webhookMark records the newest webhook change of one record: when it
// happened, whether it deleted the record (a tombstone), and the versions
// (payload digests) applied so far, so a redelivered old payload is known.
type webhookMark struct {
	At       time.Time `json:"at"`
	Deleted  bool      `json:"deleted,omitempty"`
	Versions []string  `json:"versions,omitempty"`
}

// markKey returns the webhook_marks key of a record.
func markKey(kind byte, id string) []byte {
	return append([]byte{kind, sep}, id...)
}

// getMark reads the mark of a record; nil when there is none.
func getMark(tx *bolt.Tx, kind byte, id string) (*webhookMark, error) {
	var m webhookMark
	ok, err := getJSON(tx.Bucket(bucketWebhookMarks), markKey(kind, id), &m)
	if err != nil || !ok {
		return nil, err
	}
	return &m, nil
}

// putMark records that an event of version at at changed a record.
func putMark(tx *bolt.Tx, kind byte, id string, old *webhookMark, at time.Time, version string, deleted bool) error {
	m := webhookMark{At: at.UTC(), Deleted: deleted}
	if old != nil {
		m.Versions = old.Versions
		if old.At.After(m.At) {
			m.At = old.At
		}
	}
	if version != "" {
		m.Versions = append(slices.Clone(m.Versions), version)
		if n := len(m.Versions); n > maxVersions {
			m.Versions = m.Versions[n-maxVersions:]
		}
	}
	return putJSON(tx.Bucket(bucketWebhookMarks), markKey(kind, id), m)
}

// Outcome says what applying an event did.
type Outcome string

// Outcomes of the Apply*Event methods.
const (
	// Applied: the event changed the store.
	Applied Outcome = "applied"
	// Redelivered: the same payload was applied before; nothing changed.
	Redelivered Outcome = "redelivered"
	// Stale: the store holds newer news (a later event or a deletion).
	Stale Outcome = "stale"
)

// stale decides whether an event of version at at is older news than mark
// m: a payload seen before, an event older than the mark, or anything but
// a restore after a deletion.
func stale(m *webhookMark, at time.Time, version string, restore bool) (Outcome, bool) {
	if m == nil {
		return "", false
	}
	if version != "" && slices.Contains(m.Versions, version) {
		return Redelivered, true
	}
	if at.Before(m.At) {
		return Stale, true
	}
	if m.Deleted && !restore {
		return Stale, true
	}
	return "", false
}

// ExpireWebhookMarks drops the marks older than before (tombstones
// included) and returns how many it dropped. Call it now and then with
// now.Add(-MarkTTL).
func (s *Store) ExpireWebhookMarks(before time.Time) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWebhookMarks)
		var doomed [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			var m webhookMark
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode webhook mark %q: %w", k, err)
			}
			if m.At.Before(before) {
				doomed = append(doomed, bytes.Clone(k))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range doomed {
			if err := b.Delete(k); err != nil {
				return fmt.Errorf("delete webhook mark %q: %w", k, err)
			}
		}
		n = len(doomed)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("expire webhook marks: %w", err)
	}
	return n, nil
}
