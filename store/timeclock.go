package store

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Time-clock activity types.
const (
	ActivityShift       = "shift"
	ActivityManualBreak = "manual_break"
	ActivityTimeOff     = "time_off"
)

// TimeClockActivity is a time activity reported by the time clock's
// webhook: a shift, a manual break or an approved time off of one
// time-clock user. End is zero while a shift is open.
type TimeClockActivity struct {
	ID          string    `json:"id"`
	UserID      int64     `json:"userId"` // the time clock's user id
	TimeClockID int64     `json:"timeClockId,omitempty"`
	Type        string    `json:"type"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end,omitempty"`
	TimeZone    string    `json:"timeZone,omitempty"`
	AllDay      bool      `json:"allDay,omitempty"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// PutTimeClockActivity stores a, replacing the activity with the same id,
// and reports whether it did: an open activity (no end) never replaces a
// closed one, so a late clock_in does not reopen a finished shift.
func (s *Store) PutTimeClockActivity(a TimeClockActivity) (bool, error) {
	if err := checkID("time-clock activity", "id", a.ID); err != nil {
		return false, fmt.Errorf("put time-clock activity: %w", err)
	}
	if a.Start.IsZero() {
		return false, fmt.Errorf("put time-clock activity %q: zero start: %w", a.ID, ErrInvalid)
	}
	a.Start, a.End = a.Start.UTC(), a.End.UTC()
	put := false
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTimeClock)
		var old TimeClockActivity
		found, err := getJSON(b, []byte(a.ID), &old)
		if err != nil {
			return err
		}
		if found && a.End.IsZero() && !old.End.IsZero() {
			return nil
		}
		put = true
		return putJSON(b, []byte(a.ID), a)
	})
	if err != nil {
		return false, fmt.Errorf("put time-clock activity %q: %w", a.ID, err)
	}
	return put, nil
}

// DeleteTimeClockActivity removes the activity with id (a deletion, or a
// declined time off); it is not an error when there is none.
func (s *Store) DeleteTimeClockActivity(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTimeClock).Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("delete time-clock activity %q: %w", id, err)
	}
	return nil
}

// TimeClockActivities returns the activities overlapping [from, to), by
// start then id.
func (s *Store) TimeClockActivities(from, to time.Time) ([]TimeClockActivity, error) {
	var out []TimeClockActivity
	err := s.view(func(tx *bolt.Tx) error {
		all, err := allJSON[TimeClockActivity](tx.Bucket(bucketTimeClock))
		for _, a := range all {
			if overlaps(a.Start, a.End, from, to) {
				out = append(out, a)
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read time-clock activities: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// MapTimeClockUser records that time-clock user tcUser is Clockify user
// userID; an empty userID removes the mapping.
func (s *Store) MapTimeClockUser(tcUser int64, userID string) error {
	key := []byte(strconv.FormatInt(tcUser, 10))
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTimeClockUsers)
		if userID == "" {
			return b.Delete(key)
		}
		if err := checkID("time-clock mapping", "user id", userID); err != nil {
			return err
		}
		return b.Put(key, []byte(userID))
	})
	if err != nil {
		return fmt.Errorf("map time-clock user %d: %w", tcUser, err)
	}
	return nil
}

// TimeClockUsers returns every mapping, time-clock user id -> Clockify
// user id.
func (s *Store) TimeClockUsers() (map[int64]string, error) {
	out := map[int64]string{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTimeClockUsers).ForEach(func(k, v []byte) error {
			n, err := strconv.ParseInt(string(k), 10, 64)
			if err != nil {
				return fmt.Errorf("decode time-clock user %q: %w", k, err)
			}
			out[n] = string(v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read time-clock users: %w", err)
	}
	return out, nil
}

// TimeClockDaysOff returns the approved time-clock time off of mapped
// users overlapping [from, to) as time-off requests (PolicyName "Time
// clock", ids prefixed "timeclock:"), to count like Clockify time off.
func (s *Store) TimeClockDaysOff(from, to time.Time) ([]TimeOff, error) {
	acts, err := s.TimeClockActivities(from, to)
	if err != nil {
		return nil, err
	}
	users, err := s.TimeClockUsers()
	if err != nil {
		return nil, err
	}
	var out []TimeOff
	for _, a := range acts {
		user, ok := users[a.UserID]
		if a.Type != ActivityTimeOff || !ok || a.End.IsZero() {
			continue
		}
		out = append(out, TimeOff{ID: "timeclock:" + a.ID, UserID: user, PolicyName: "Time clock",
			Status: "APPROVED", Unit: "DAYS", Start: a.Start, End: a.End})
	}
	return out, nil
}

// ClockedByDay returns, for Clockify user userID, the hours clocked in
// shifts (breaks subtracted) per local day "YYYY-MM-DD" of loc, for the
// activities overlapping [from, to). Open shifts count up to now. An
// activity is attributed to the day it starts.
func (s *Store) ClockedByDay(userID string, from, to time.Time, loc *time.Location, now time.Time) (map[string]time.Duration, error) {
	acts, err := s.TimeClockActivities(from, to)
	if err != nil {
		return nil, err
	}
	users, err := s.TimeClockUsers()
	if err != nil {
		return nil, err
	}
	out := map[string]time.Duration{}
	for _, a := range acts {
		if users[a.UserID] != userID || a.Type == ActivityTimeOff {
			continue
		}
		end := a.End
		if end.IsZero() {
			end = now
		}
		d := end.Sub(a.Start)
		if d <= 0 {
			continue
		}
		if a.Type == ActivityManualBreak {
			d = -d
		}
		out[a.Start.In(loc).Format(time.DateOnly)] += d
	}
	return out, nil
}
