package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeChunk bounds the entries one write transaction of the incremental
// writes moves or deletes (each touches a leaf page of each of the three
// entry buckets, scattered across the file), stageChunk the ids one
// transaction of Put stages (written in order, a few pages), and scanChunk
// the records one transaction reads, so that no transaction holds bbolt's
// writer lock for long (a /tt write waits for it).
const (
	writeChunk = 250
	stageChunk = 1000
	scanChunk  = 2000
)

// Keys inside a window's staging bucket.
var (
	keyWindowFrom  = []byte("from")
	keyWindowTo    = []byte("to")
	keyWindowState = []byte("state")
	keyWindowAsOf  = []byte("asof")
	bucketSeen     = []byte("seen")
	// unchangedMark is the staged value of an entry stored as fetched (an
	// encoded entry starts with entryFormat, never 0).
	unchangedMark = []byte{0}
)

// Window states.
const (
	windowOpen       = 0
	windowCommitting = 1
)

// ErrWindowClosed reports a Put, Commit or Abort on a window already
// committed or aborted.
var ErrWindowClosed = errors.New("entry window already committed or aborted")

// Window replaces the stored entries of a time range incrementally, page
// by page, with the all-or-nothing guarantee of Batch.Windows: a window
// that is aborted (or never committed) leaves the stored entries as they
// were, and a committed one leaves exactly the entries put in it, every
// other stored entry whose start is in [from, to) being deleted.
//
// Design: each Put compares every entry's encoding with the fingerprint of
// the stored one (kept in entries_by_id, fingerprint.go, so the entries
// themselves are not read) and records it in the window's staging bucket (entry_windows/<seq>/seen): the
// full encoding when it is new or changed, a one-byte mark when it is
// unchanged. Nothing in the entries buckets changes before Commit. Commit
// marks the window committing, then, in transactions of at most 250
// written and 2,000 read records each (fewer when one has worked txWork),
// moves the new and changed entries into place, deletes the stored entries
// of the range that were not seen, and drops the staging bucket. A re-sync of unchanged data so writes only
// the marks, never the entries and their indexes. Between Commit's
// transactions a reader may see the window half applied (new entries in,
// vanished ones not yet out); a Commit interrupted by a crash or an error is
// finished when the database is next opened, and a window never committed
// is dropped then. A Window's methods must not be called concurrently
// (DetailedReportPages never calls its fn concurrently).
type Window struct {
	s        *Store
	key      []byte
	from, to time.Time
	closed   bool
}

// BeginWindow starts replacing the entries whose start is in [from, to).
// Several windows may be open at once, but their ranges must not overlap.
func (s *Store) BeginWindow(from, to time.Time) (*Window, error) {
	return s.BeginWindowAsOf(from, to, time.Time{})
}

// BeginWindowAsOf is BeginWindow for data fetched from asOf on, with the
// webhook guard of Batch.At: at Commit, an entry a webhook changed, created
// or deleted after asOf is left as the webhook left it (neither overwritten,
// resurrected nor deleted). A zero asOf guards nothing.
func (s *Store) BeginWindowAsOf(from, to, asOf time.Time) (*Window, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("begin entry window: %v..%v ends before it starts: %w", from, to, ErrInvalid)
	}
	w := &Window{s: s, from: from, to: to}
	err := s.update(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketEntryWindows)
		seq, err := root.NextSequence()
		if err != nil {
			return err
		}
		w.key = binary.BigEndian.AppendUint64(nil, seq)
		wb, err := root.CreateBucket(w.key)
		if err != nil {
			return err
		}
		if _, err := wb.CreateBucket(bucketSeen); err != nil {
			return err
		}
		kvs := []struct{ k, v []byte }{
			{keyWindowFrom, appendTime(nil, from)}, {keyWindowTo, appendTime(nil, to)}, {keyWindowState, []byte{windowOpen}},
		}
		if !asOf.IsZero() {
			kvs = append(kvs, struct{ k, v []byte }{keyWindowAsOf, appendTime(nil, asOf)})
		}
		for _, kv := range kvs {
			if err := wb.Put(kv.k, kv.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("begin entry window: %w", err)
	}
	return w, nil
}

// Put stages es, a page of the window, in transactions of at most 1,000
// entries (fewer when one has worked txWork). An entry may start outside
// the window (it is stored at Commit all the same, replacing any stored
// entry with its id); when an id comes twice, the last one wins. An invalid
// entry fails Put with ErrInvalid and stages nothing of its transaction;
// the window can still be aborted.
func (w *Window) Put(es []Entry) error {
	if w.closed {
		return ErrWindowClosed
	}
	for len(es) > 0 {
		n := 0
		err := w.s.update(func(tx *bolt.Tx) (err error) {
			n, err = w.stage(tx, es[:min(len(es), stageChunk)], w.s.newBudget())
			return err
		})
		if err != nil {
			return fmt.Errorf("put entries in window: %w", err)
		}
		es = es[n:]
	}
	return nil
}

// stage records the first entries of es in the seen bucket, in id order,
// until b is spent (at least one), and returns how many it staged.
func (w *Window) stage(tx *bolt.Tx, es []Entry, b budget) (int, error) {
	seen, err := windowSeen(tx, w.key)
	if err != nil {
		return 0, err
	}
	byID := tx.Bucket(bucketEntriesByID)
	type staged struct{ id, v []byte }
	recs := make([]staged, 0, len(es))
	for _, e := range es {
		if err := checkEntry(e); err != nil {
			return 0, err
		}
		w.s.readRecord(tx)
		v := encodeEntry(e)
		if old := byID.Get([]byte(e.ID)); old != nil && byIDUnchanged(old, v) {
			v = unchangedMark
		}
		recs = append(recs, staged{[]byte(e.ID), v})
		if b.spent() {
			break
		}
	}
	n := len(recs)
	slices.SortStableFunc(recs, func(a, b staged) int { return bytes.Compare(a.id, b.id) })
	for _, r := range recs {
		if err := seen.Put(r.id, r.v); err != nil {
			return 0, fmt.Errorf("stage entry %q: %w", r.id, err)
		}
	}
	return n, nil
}

// windowSeen returns the seen bucket of the window under key.
func windowSeen(tx *bolt.Tx, key []byte) (*bolt.Bucket, error) {
	wb := tx.Bucket(bucketEntryWindows).Bucket(key)
	if wb == nil {
		return nil, ErrWindowClosed
	}
	return wb.Bucket(bucketSeen), nil
}

// Commit applies the window: see Window for how. After an error the
// window is closed all the same; its commit is finished at the next Open.
func (w *Window) Commit() error {
	if w.closed {
		return ErrWindowClosed
	}
	w.closed = true
	err := w.s.update(func(tx *bolt.Tx) error {
		wb := tx.Bucket(bucketEntryWindows).Bucket(w.key)
		if wb == nil {
			return ErrWindowClosed
		}
		return wb.Put(keyWindowState, []byte{windowCommitting})
	})
	if err == nil {
		err = w.s.finishWindow(w.key, w.from, w.to)
	}
	if err != nil {
		return fmt.Errorf("commit entry window: %w", err)
	}
	return nil
}

// Abort drops the window: the stored entries stay as they were. Aborting a
// committed or aborted window does nothing.
func (w *Window) Abort() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if err := w.s.dropWindow(w.key); err != nil {
		return fmt.Errorf("abort entry window: %w", err)
	}
	return nil
}
