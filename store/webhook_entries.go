package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// EntryEventKind is what happened to a time entry.
type EntryEventKind int

// Kinds of entry events, after Clockify's webhook events.
const (
	EntryCreated  EntryEventKind = iota // NEW_TIME_ENTRY
	TimerStarted                        // NEW_TIMER_STARTED
	EntryUpdated                        // TIME_ENTRY_UPDATED
	TimerStopped                        // TIMER_STOPPED
	EntryDeleted                        // TIME_ENTRY_DELETED
	EntryRestored                       // TIME_ENTRY_RESTORED
)

// EntryEvent is a change of one time entry reported by a webhook.
type EntryEvent struct {
	Kind EntryEventKind
	// Entry is the entry as the event describes it; only ID and UserID
	// are needed for EntryDeleted. A zero End is a running timer.
	Entry Entry
	// At is when the change happened (or, without a better clock, when
	// the event arrived). An event older than the record's newest change
	// is stale.
	At time.Time
	// Version identifies the payload (a digest): the same version applied
	// twice is a redelivery.
	Version string
}

// ApplyEntryEvent applies ev idempotently and in order: a redelivered or
// older event, or any event but a restore after a deletion, changes
// nothing. A deletion leaves a tombstone (for MarkTTL) so that a poll that
// fetched before it does not bring the entry back (see Apply). Timer
// changes also protect the running timers from older polls, like
// PutRunning does.
func (s *Store) ApplyEntryEvent(ev EntryEvent) (Outcome, error) {
	e := ev.Entry
	if err := checkID("entry event", "entry id", e.ID); err != nil {
		return "", fmt.Errorf("apply entry event: %w", err)
	}
	var out Outcome
	err := s.update(func(tx *bolt.Tx) error {
		m, err := getMark(tx, markEntry, e.ID)
		if err != nil {
			return err
		}
		if o, skip := stale(m, ev.At, ev.Version, ev.Kind == EntryRestored); skip {
			out = o
			return nil
		}
		if m != nil && !m.Deleted && (ev.Kind == EntryCreated || ev.Kind == TimerStarted) {
			out = Stale // a creation is never newer than a known change
			return nil
		}
		w := newEntryWriter(tx)
		if err := w.removeID(e.ID); err != nil {
			return err
		}
		user := e.UserID
		if ev.Kind == EntryDeleted {
			if user, err = runningOwner(tx, e.ID, user); err != nil {
				return err
			}
		}
		if err := dropRunningID(tx, user, e.ID, ev.At); err != nil {
			return err
		}
		switch {
		case ev.Kind == EntryDeleted:
		case e.Running():
			if err := putRunning(tx.Bucket(bucketRunning), e); err != nil {
				return err
			}
			if err := markRunningChange(tx, e.UserID, ev.At); err != nil {
				return err
			}
		default:
			if err := w.putAll([]Entry{e}); err != nil {
				return err
			}
		}
		if err := w.flush(); err != nil {
			return err
		}
		out = Applied
		return putMark(tx, markEntry, e.ID, m, ev.At, ev.Version, ev.Kind == EntryDeleted)
	})
	if err != nil {
		return "", fmt.Errorf("apply entry event for %q: %w", e.ID, err)
	}
	return out, nil
}

// removeID deletes the stored entry with id, if any.
func (w *entryWriter) removeID(id string) error {
	old := w.byID.Get([]byte(id))
	if old == nil {
		return nil
	}
	return w.remove(bytes.Clone(byIDKey(old)))
}

// runningOwner returns the user whose running timer is entry id, or user
// when it is not found (a deletion names only the entry).
func runningOwner(tx *bolt.Tx, id, user string) (string, error) {
	if user != "" {
		return user, nil
	}
	d := newEntryDecoder()
	err := tx.Bucket(bucketRunning).ForEach(func(k, v []byte) error {
		e, err := d.decode(v)
		if err != nil {
			return fmt.Errorf("decode running entry of %q: %w", k, err)
		}
		if e.ID == id {
			user = e.UserID
			return errStop
		}
		return nil
	})
	if err == errStop {
		err = nil
	}
	return user, err
}

// dropRunningID forgets userID's running timer when it is entry id.
func dropRunningID(tx *bolt.Tx, userID, id string, at time.Time) error {
	if userID == "" {
		return nil
	}
	b := tx.Bucket(bucketRunning)
	v := b.Get([]byte(userID))
	if v == nil {
		return nil
	}
	e, err := decodeEntry(v)
	if err != nil {
		return fmt.Errorf("decode running entry of %s: %w", userID, err)
	}
	if e.ID != id {
		return nil
	}
	if err := b.Delete([]byte(userID)); err != nil {
		return fmt.Errorf("delete running entry of %s: %w", userID, err)
	}
	return markRunningChange(tx, userID, at)
}
