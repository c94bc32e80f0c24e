package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Time-off requests are keyed by end then id: the requests overlapping a
// range all end after its start, so one Seek finds them however long they
// are.

// timeOffWriter changes time-off requests and their id index.
type timeOffWriter struct {
	reqs, byID *bolt.Bucket
}

func newTimeOffWriter(tx *bolt.Tx) *timeOffWriter {
	return &timeOffWriter{reqs: tx.Bucket(bucketTimeOff), byID: tx.Bucket(bucketTimeOffByID)}
}

// put upserts r by id, with its times in UTC.
func (w *timeOffWriter) put(r TimeOff) error {
	if err := checkID("time-off request", "id", r.ID); err != nil {
		return err
	}
	if err := checkID(fmt.Sprintf("time-off request %q", r.ID), "user id", r.UserID); err != nil {
		return err
	}
	if r.Start.IsZero() || r.End.IsZero() {
		return fmt.Errorf("time-off request %q: zero start or end: %w", r.ID, ErrInvalid)
	}
	r.Start, r.End = r.Start.UTC(), r.End.UTC()
	id := []byte(r.ID)
	if old := w.byID.Get(id); old != nil {
		if err := w.reqs.Delete(bytes.Clone(old)); err != nil {
			return fmt.Errorf("delete time-off request %q: %w", r.ID, err)
		}
	}
	key := timeOffKey(r)
	if err := putJSON(w.reqs, key, r); err != nil {
		return err
	}
	if err := w.byID.Put(id, key); err != nil {
		return fmt.Errorf("index time-off request %q: %w", r.ID, err)
	}
	return nil
}

// scan calls fn with every request overlapping [from, to) and its key
// (both alias bbolt memory).
func scanTimeOff(b *bolt.Bucket, from, to time.Time, fn func(k []byte, r TimeOff) error) error {
	c := b.Cursor()
	for k, v := c.Seek(appendTime(nil, from)); k != nil; k, v = c.Next() {
		var r TimeOff
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode time-off request %q: %w", k, err)
		}
		if overlaps(r.Start, r.End, from, to) {
			if err := fn(k, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// replaceWindow deletes the requests overlapping [from, to) and inserts rs.
func (w *timeOffWriter) replaceWindow(from, to time.Time, rs []TimeOff) error {
	if to.Before(from) {
		return fmt.Errorf("time-off window %v..%v ends before it starts: %w", from, to, ErrInvalid)
	}
	type doomed struct{ key, id []byte }
	var ds []doomed
	if err := scanTimeOff(w.reqs, from, to, func(k []byte, r TimeOff) error {
		ds = append(ds, doomed{bytes.Clone(k), []byte(r.ID)})
		return nil
	}); err != nil {
		return err
	}
	for _, d := range ds {
		if err := w.reqs.Delete(d.key); err != nil {
			return fmt.Errorf("delete time-off request %q: %w", d.id, err)
		}
		if err := w.byID.Delete(d.id); err != nil {
			return fmt.Errorf("delete time-off request %q: %w", d.id, err)
		}
	}
	for _, r := range rs {
		if err := w.put(r); err != nil {
			return err
		}
	}
	return nil
}

// TimeOff returns the time-off requests overlapping [from, to), by start
// then id.
func (s *Store) TimeOff(from, to time.Time) ([]TimeOff, error) {
	var out []TimeOff
	err := s.view(func(tx *bolt.Tx) error {
		return scanTimeOff(tx.Bucket(bucketTimeOff), from, to, func(_ []byte, r TimeOff) error {
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read time off: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
