package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SlackUser returns the cached Slack account of an email address, compared
// case-insensitively.
func (s *Store) SlackUser(email string) (SlackUser, bool, error) {
	return readOne[SlackUser](s, bucketSlackUsers, normEmail(email))
}

// PutSlackUser caches u under its lower-case email, replacing the previous
// record of that address, and indexes it by Slack id when it has one.
func (s *Store) PutSlackUser(u SlackUser) error {
	email := []byte(normEmail(u.Email))
	if len(email) == 0 {
		return fmt.Errorf("put slack user: empty email: %w", ErrInvalid)
	}
	err := s.update(func(tx *bolt.Tx) error {
		users, byID := tx.Bucket(bucketSlackUsers), tx.Bucket(bucketSlackUsersByID)
		var old SlackUser
		if ok, err := getJSON(users, email, &old); err != nil {
			return err
		} else if ok && old.SlackID != "" && old.SlackID != u.SlackID {
			// Drop the old id's index entry unless it now names another address.
			if bytes.Equal(byID.Get([]byte(old.SlackID)), email) {
				if err := byID.Delete([]byte(old.SlackID)); err != nil {
					return fmt.Errorf("unindex slack id %s: %w", old.SlackID, err)
				}
			}
		}
		if err := putJSON(users, email, u); err != nil {
			return err
		}
		if u.SlackID == "" {
			return nil
		}
		if err := byID.Put([]byte(u.SlackID), email); err != nil {
			return fmt.Errorf("index slack id %s: %w", u.SlackID, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("put slack user: %w", err)
	}
	return nil
}

// SlackUserByID returns the cached record of a Slack user id.
func (s *Store) SlackUserByID(slackID string) (SlackUser, bool, error) {
	var (
		u  SlackUser
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		email := tx.Bucket(bucketSlackUsersByID).Get([]byte(slackID))
		if email == nil {
			return nil
		}
		var err error
		ok, err = getJSON(tx.Bucket(bucketSlackUsers), email, &u)
		return err
	})
	if err != nil {
		return SlackUser{}, false, fmt.Errorf("read slack user %s: %w", slackID, err)
	}
	return u, ok, nil
}

// SlackUsers returns every cached Slack account by lower-case email, read
// in one transaction.
func (s *Store) SlackUsers() (map[string]SlackUser, error) {
	all, err := readAll[SlackUser](s, bucketSlackUsers)
	if err != nil {
		return nil, err
	}
	out := make(map[string]SlackUser, len(all))
	for _, u := range all {
		out[normEmail(u.Email)] = u
	}
	return out, nil
}
