package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TimeOffEventKind is what happened to a time-off request.
type TimeOffEventKind int

// Kinds of time-off events, after Clockify's webhook events.
const (
	TimeOffApproved  TimeOffEventKind = iota // TIME_OFF_REQUEST_APPROVED
	TimeOffRejected                          // TIME_OFF_REQUEST_REJECTED
	TimeOffWithdrawn                         // TIME_OFF_REQUEST_WITHDRAWN
	TimeOffUpdated                           // TIME_OFF_REQUEST_UPDATED
)

// TimeOffEvent is a change of one time-off request reported by a webhook.
type TimeOffEvent struct {
	Kind    TimeOffEventKind
	Request TimeOff
	At      time.Time
	Version string
}

// ApplyTimeOffEvent applies ev idempotently and in order. Only approved
// requests are kept (as the sync keeps them): an approval, or an update of
// an approved request, stores it; a rejection, a withdrawal or an update
// to another status removes it.
func (s *Store) ApplyTimeOffEvent(ev TimeOffEvent) (Outcome, error) {
	r := ev.Request
	if err := checkID("time-off event", "request id", r.ID); err != nil {
		return "", fmt.Errorf("apply time-off event: %w", err)
	}
	keep := ev.Kind == TimeOffApproved || ev.Kind == TimeOffUpdated && r.Status == "APPROVED"
	if keep {
		r.Status = "APPROVED"
	}
	var out Outcome
	err := s.update(func(tx *bolt.Tx) error {
		m, err := getMark(tx, markTimeOff, r.ID)
		if err != nil {
			return err
		}
		if o, skip := stale(m, ev.At, ev.Version, true); skip {
			out = o
			return nil
		}
		w := newTimeOffWriter(tx)
		if keep {
			if err := w.put(r); err != nil {
				return err
			}
		} else if err := w.delete(r.ID); err != nil {
			return err
		}
		out = Applied
		return putMark(tx, markTimeOff, r.ID, m, ev.At, ev.Version, !keep)
	})
	if err != nil {
		return "", fmt.Errorf("apply time-off event for %q: %w", r.ID, err)
	}
	return out, nil
}

// delete removes the request with id, if stored.
func (w *timeOffWriter) delete(id string) error {
	key := w.byID.Get([]byte(id))
	if key == nil {
		return nil
	}
	if err := w.reqs.Delete(bytes.Clone(key)); err != nil {
		return fmt.Errorf("delete time-off request %q: %w", id, err)
	}
	if err := w.byID.Delete([]byte(id)); err != nil {
		return fmt.Errorf("unindex time-off request %q: %w", id, err)
	}
	return nil
}

// UserEventKind is what happened to a workspace member.
type UserEventKind int

// Kinds of user events, after Clockify's webhook events.
const (
	UserJoined       UserEventKind = iota // USER_JOINED_WORKSPACE
	UserDeactivated                       // USER_DEACTIVATED_ON_WORKSPACE
	UserActivated                         // USER_ACTIVATED_ON_WORKSPACE
	UserEmailChanged                      // USER_EMAIL_CHANGED
)

// UserEvent is a change of one member reported by a webhook. User holds
// what the event says: ID always, Email and Name when known.
type UserEvent struct {
	Kind    UserEventKind
	User    User
	At      time.Time
	Version string
}

// ApplyUserEvent applies ev idempotently and in order: a join adds or
// refreshes the member (ACTIVE), a deactivation or activation sets the
// status, an email change moves the email (and its index). What the event
// does not say (groups, time zone) is kept.
func (s *Store) ApplyUserEvent(ev UserEvent) (Outcome, error) {
	u := ev.User
	if err := checkID("user event", "user id", u.ID); err != nil {
		return "", fmt.Errorf("apply user event: %w", err)
	}
	var out Outcome
	err := s.update(func(tx *bolt.Tx) error {
		m, err := getMark(tx, markUser, u.ID)
		if err != nil {
			return err
		}
		if o, skip := stale(m, ev.At, ev.Version, true); skip {
			out = o
			return nil
		}
		ub, ib := tx.Bucket(bucketUsers), tx.Bucket(bucketUsersByEmail)
		var cur User
		found, err := getJSON(ub, []byte(u.ID), &cur)
		if err != nil {
			return err
		}
		next := cur
		next.ID = u.ID
		if u.Email != "" {
			next.Email = u.Email
		}
		if u.Name != "" {
			next.Name = u.Name
		}
		if u.TimeZone != "" {
			next.TimeZone = u.TimeZone
		}
		switch ev.Kind {
		case UserJoined, UserActivated:
			next.Status = "ACTIVE"
		case UserDeactivated:
			next.Status = "INACTIVE"
		}
		if found && cur.Email != "" {
			if err := ib.Delete(emailKey(cur.Email, cur.ID)); err != nil {
				return fmt.Errorf("unindex user %q: %w", u.ID, err)
			}
		}
		if err := putJSON(ub, []byte(u.ID), next); err != nil {
			return err
		}
		if normEmail(next.Email) != "" {
			if err := ib.Put(emailKey(next.Email, next.ID), []byte(next.ID)); err != nil {
				return fmt.Errorf("index user %q: %w", u.ID, err)
			}
		}
		out = Applied
		return putMark(tx, markUser, u.ID, m, ev.At, ev.Version, false)
	})
	if err != nil {
		return "", fmt.Errorf("apply user event for %q: %w", u.ID, err)
	}
	return out, nil
}

// ProjectEvent is a change of one project reported by a webhook (NEW_PROJECT,
// PROJECT_UPDATED, or PROJECT_DELETED when Deleted).
type ProjectEvent struct {
	Project Project
	Deleted bool
	At      time.Time
	Version string
}

// ApplyProjectEvent applies ev idempotently and in order: the project is
// stored, or removed when deleted.
func (s *Store) ApplyProjectEvent(ev ProjectEvent) (Outcome, error) {
	p := ev.Project
	if err := checkID("project event", "project id", p.ID); err != nil {
		return "", fmt.Errorf("apply project event: %w", err)
	}
	var out Outcome
	err := s.update(func(tx *bolt.Tx) error {
		m, err := getMark(tx, markProject, p.ID)
		if err != nil {
			return err
		}
		if o, skip := stale(m, ev.At, ev.Version, false); skip {
			out = o
			return nil
		}
		b := tx.Bucket(bucketProjects)
		if ev.Deleted {
			if err := b.Delete([]byte(p.ID)); err != nil {
				return fmt.Errorf("delete project %q: %w", p.ID, err)
			}
		} else if err := putJSON(b, []byte(p.ID), p); err != nil {
			return err
		}
		out = Applied
		return putMark(tx, markProject, p.ID, m, ev.At, ev.Version, ev.Deleted)
	})
	if err != nil {
		return "", fmt.Errorf("apply project event for %q: %w", p.ID, err)
	}
	return out, nil
}
