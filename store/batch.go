package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Batch is everything one sync pass writes. Apply writes it in one
// transaction: either all of it lands or none of it.
type Batch struct {
	// Users, Projects, Groups, Holidays and Running each replace the stored
	// set when non-nil (even empty) and leave it as is when nil. Running
	// holds at most one timer per user (the last one wins).
	Users    []User
	Projects []Project
	Groups   []Group
	Holidays []Holiday
	Running  []Entry
	// RunningAsOf is when Running was fetched. A user whose timer was
	// changed locally after it (PutRunning or DeleteRunning, e.g. by /tt)
	// keeps the local state: the fetch is older news. Zero replaces all.
	RunningAsOf time.Time
	// Managers are upserted by user id.
	Managers []Managers
	// Windows replace the entries of time ranges, in order.
	Windows []EntryWindow
	// TimeOff replace the time-off requests of time ranges, in order.
	TimeOff []TimeOffWindow
	// Success, when not empty, records LastSuccess[Success] = At in the
	// sync status. At is also when the pass started fetching: entries a
	// webhook changed after it keep their stored state (ApplyEntryEvent).
	Success string
	At      time.Time
	// BackfilledFrom, when not zero, moves SyncStatus.BackfilledFrom back
	// to it (it never moves forward).
	BackfilledFrom time.Time
	// TimeOffUnavailable, with Success, sets SyncStatus.TimeOffUnavailableAt
	// to At; a successful batch without it clears it.
	TimeOffUnavailable bool
}

// EntryWindow replaces the entries of [From, To): every stored entry of any
// user whose start is in the range is deleted, then Entries are inserted.
// An inserted entry replaces any stored entry with the same id, wherever it
// starts.
type EntryWindow struct {
	From, To time.Time
	Entries  []Entry
}

// TimeOffWindow replaces the time-off requests overlapping [From, To):
// they are deleted, then Requests are inserted (replacing any stored request
// with the same id).
type TimeOffWindow struct {
	From, To time.Time
	Requests []TimeOff
}

// Apply writes b in one transaction. An invalid record (for example an
// entry without an id) fails the whole batch with an error wrapping
// ErrInvalid and leaves the database as it was.
func (s *Store) Apply(b Batch) error {
	err := s.update(func(tx *bolt.Tx) error {
		if b.Users != nil {
			if err := replaceUsers(tx, b.Users); err != nil {
				return err
			}
		}
		if b.Projects != nil {
			if err := replaceJSON(tx, bucketProjects, "project", b.Projects, func(p Project) string { return p.ID }); err != nil {
				return err
			}
		}
		if b.Groups != nil {
			if err := replaceJSON(tx, bucketGroups, "group", b.Groups, func(g Group) string { return g.ID }); err != nil {
				return err
			}
		}
		if b.Holidays != nil {
			if err := replaceJSON(tx, bucketHolidays, "holiday", b.Holidays, func(h Holiday) string { return h.ID }); err != nil {
				return err
			}
		}
		if b.Running != nil {
			if err := replaceRunning(tx, b.Running, b.RunningAsOf); err != nil {
				return err
			}
		}
		if err := putManagers(tx, b.Managers); err != nil {
			return err
		}
		ew := newEntryWriter(tx)
		guard, err := entryGuard(tx, b.At) // webhook changes after the fetch win
		if err != nil {
			return err
		}
		for _, w := range b.Windows {
			if err := ew.replaceWindow(w.From, w.To, guard.filter(w.Entries)); err != nil {
				return err
			}
		}
		if err := ew.putAll(guard.keep); err != nil { // what a window may have deleted
			return err
		}
		if err := ew.flush(); err != nil {
			return err
		}
		tw := newTimeOffWriter(tx)
		tguard, err := timeOffGuard(tx, b.At)
		if err != nil {
			return err
		}
		for _, w := range b.TimeOff {
			if err := tw.replaceWindow(w.From, w.To, tguard.filter(w.Requests)); err != nil {
				return err
			}
		}
		for _, r := range tguard.keep { // what a window may have deleted
			if err := tw.put(r); err != nil {
				return err
			}
		}
		if b.Success == "" && b.BackfilledFrom.IsZero() {
			return nil
		}
		return updateSyncStatus(tx, func(st *SyncStatus) {
			if b.Success != "" {
				if st.LastSuccess == nil {
					st.LastSuccess = make(map[string]time.Time)
				}
				st.LastSuccess[b.Success] = b.At
				st.TimeOffUnavailableAt = time.Time{}
				if b.TimeOffUnavailable {
					st.TimeOffUnavailableAt = b.At
				}
			}
			if !b.BackfilledFrom.IsZero() && (st.BackfilledFrom.IsZero() || b.BackfilledFrom.Before(st.BackfilledFrom)) {
				st.BackfilledFrom = b.BackfilledFrom
			}
		})
	})
	if err != nil {
		return fmt.Errorf("apply sync batch: %w", err)
	}
	return nil
}

// updateSyncStatus reads the sync status, lets fn change it and writes it.
func updateSyncStatus(tx *bolt.Tx, fn func(*SyncStatus)) error {
	meta := tx.Bucket(bucketMeta)
	var st SyncStatus
	if _, err := getJSON(meta, keySyncStatus, &st); err != nil {
		return err
	}
	fn(&st)
	return putJSON(meta, keySyncStatus, st)
}

// RecordSyncError records a failed sync: its message and time. The last
// successes are kept.
func (s *Store) RecordSyncError(msg string, at time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		return updateSyncStatus(tx, func(st *SyncStatus) {
			st.LastError, st.LastErrorAt = msg, at
		})
	})
	if err != nil {
		return fmt.Errorf("record sync error: %w", err)
	}
	return nil
}

// SyncStatus returns the health of the Clockify sync; the zero SyncStatus
// when no sync ever ran.
func (s *Store) SyncStatus() (SyncStatus, error) {
	var st SyncStatus
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketMeta), keySyncStatus, &st)
		return err
	})
	if err != nil {
		return SyncStatus{}, fmt.Errorf("read sync status: %w", err)
	}
	return st, nil
}
