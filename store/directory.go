package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// resetBucket empties bucket name (dropping and recreating it, which frees
// its pages at once) and returns the new bucket.
func resetBucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	if err := tx.DeleteBucket(name); err != nil {
		return nil, fmt.Errorf("clear bucket %s: %w", name, err)
	}
	b, err := tx.CreateBucket(name)
	if err != nil {
		return nil, fmt.Errorf("clear bucket %s: %w", name, err)
	}
	return b, nil
}

// replaceUsers makes users the stored users, writing only what changed: a
// user whose stored value is the same is not rewritten, one that changed
// is rewritten with its email index entry, and one no longer in users is
// deleted with its index entry. A pass of thousands of unchanged users
// thus writes nothing, which keeps the pass's last transaction short.
// When users holds the same id twice, the last wins.
func replaceUsers(tx *bolt.Tx, users []User) error {
	ub, ib := tx.Bucket(bucketUsers), tx.Bucket(bucketUsersByEmail)
	keep := make(map[string]bool, len(users))
	for _, u := range users {
		if err := checkID("user", "id", u.ID); err != nil {
			return err
		}
		keep[u.ID] = true
		data, err := json.Marshal(u)
		if err != nil {
			return fmt.Errorf("encode user %q: %w", u.ID, err)
		}
		old := ub.Get([]byte(u.ID))
		if old != nil && bytes.Equal(old, data) {
			continue
		}
		if err := unindexUser(ib, u.ID, old); err != nil {
			return err
		}
		if err := ub.Put([]byte(u.ID), data); err != nil {
			return fmt.Errorf("put user %q: %w", u.ID, err)
		}
		if normEmail(u.Email) != "" {
			if err := ib.Put(emailKey(u.Email, u.ID), []byte(u.ID)); err != nil {
				return fmt.Errorf("index user %q: %w", u.ID, err)
			}
		}
	}
	type gone struct{ id, data []byte }
	var drop []gone
	c := ub.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if !keep[string(k)] {
			drop = append(drop, gone{bytes.Clone(k), bytes.Clone(v)})
		}
	}
	for _, g := range drop {
		if err := unindexUser(ib, string(g.id), g.data); err != nil {
			return err
		}
		if err := ub.Delete(g.id); err != nil {
			return fmt.Errorf("delete user %q: %w", g.id, err)
		}
	}
	return nil
}

// unindexUser removes the email index entry of the stored user value data
// (nil: none).
func unindexUser(ib *bolt.Bucket, id string, data []byte) error {
	if data == nil {
		return nil
	}
	var old User
	if err := json.Unmarshal(data, &old); err != nil {
		return fmt.Errorf("decode user %q: %w", id, err)
	}
	if normEmail(old.Email) == "" {
		return nil
	}
	if err := ib.Delete(emailKey(old.Email, old.ID)); err != nil {
		return fmt.Errorf("unindex user %q: %w", id, err)
	}
	return nil
}

// replaceJSON replaces every value of bucket name with items, keyed by id.
func replaceJSON[T any](tx *bolt.Tx, name []byte, kind string, items []T, id func(T) string) error {
	b, err := resetBucket(tx, name)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := checkID(kind, "id", id(it)); err != nil {
			return err
		}
		if err := putJSON(b, []byte(id(it)), it); err != nil {
			return err
		}
	}
	return nil
}

// readAll runs allJSON on bucket name in a read transaction.
func readAll[T any](s *Store, name []byte) ([]T, error) {
	var out []T
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = allJSON[T](tx.Bucket(name))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// readOne runs getJSON on bucket name in a read transaction.
func readOne[T any](s *Store, name []byte, key string) (T, bool, error) {
	var (
		v  T
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ok, err = getJSON(tx.Bucket(name), []byte(key), &v)
		return err
	})
	if err != nil {
		var zero T
		return zero, false, fmt.Errorf("read %s %q: %w", name, key, err)
	}
	return v, ok, nil
}

// byName orders names case-insensitively, then exactly, then by id.
func byName(a, b, idA, idB string) bool {
	if la, lb := strings.ToLower(a), strings.ToLower(b); la != lb {
		return la < lb
	}
	if a != b {
		return a < b
	}
	return idA < idB
}

// Users returns every user, sorted by lower-case email (then id).
func (s *Store) Users() ([]User, error) {
	us, err := readAll[User](s, bucketUsers)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(us, func(i, j int) bool {
		if a, b := normEmail(us[i].Email), normEmail(us[j].Email); a != b {
			return a < b
		}
		return us[i].ID < us[j].ID
	})
	return us, nil
}

// User returns the user with Clockify id id.
func (s *Store) User(id string) (User, bool, error) {
	return readOne[User](s, bucketUsers, id)
}

// UserByEmail returns the user with the given email address, compared
// case-insensitively. When several users share it, the lowest id wins.
func (s *Store) UserByEmail(email string) (User, bool, error) {
	var (
		u  User
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		e := normEmail(email)
		if e == "" {
			return nil
		}
		prefix := append([]byte(e), sep)
		k, id := tx.Bucket(bucketUsersByEmail).Cursor().Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) {
			return nil
		}
		var err error
		ok, err = getJSON(tx.Bucket(bucketUsers), id, &u)
		return err
	})
	if err != nil {
		return User{}, false, fmt.Errorf("read user by email: %w", err)
	}
	return u, ok, nil
}

// Managers returns the stored team managers of userID.
func (s *Store) Managers(userID string) (Managers, bool, error) {
	return readOne[Managers](s, bucketManagers, userID)
}

// AllManagers returns the fetched managers of every user, by user id, in
// one read (the report resolves everyone's managers at once).
func (s *Store) AllManagers() (map[string]Managers, error) {
	ms, err := readAll[Managers](s, bucketManagers)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Managers, len(ms))
	for _, m := range ms {
		out[m.UserID] = m
	}
	return out, nil
}

// putManagers upserts the managers of each user.
func putManagers(tx *bolt.Tx, ms []Managers) error {
	b := tx.Bucket(bucketManagers)
	for _, m := range ms {
		if err := checkID("managers", "user id", m.UserID); err != nil {
			return err
		}
		if err := putJSON(b, []byte(m.UserID), m); err != nil {
			return err
		}
	}
	return nil
}

// Groups returns every user group, sorted by name.
func (s *Store) Groups() ([]Group, error) {
	gs, err := readAll[Group](s, bucketGroups)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(gs, func(i, j int) bool { return byName(gs[i].Name, gs[j].Name, gs[i].ID, gs[j].ID) })
	return gs, nil
}

// Projects returns every project, sorted by name (case-insensitively).
func (s *Store) Projects() ([]Project, error) {
	ps, err := readAll[Project](s, bucketProjects)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return byName(ps[i].Name, ps[j].Name, ps[i].ID, ps[j].ID) })
	return ps, nil
}

// Project returns the project with id id.
func (s *Store) Project(id string) (Project, bool, error) {
	return readOne[Project](s, bucketProjects, id)
}

// Holidays returns every holiday, by start date (then name, then id).
func (s *Store) Holidays() ([]Holiday, error) {
	hs, err := readAll[Holiday](s, bucketHolidays)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].StartDate != hs[j].StartDate {
			return hs[i].StartDate < hs[j].StartDate
		}
		return byName(hs[i].Name, hs[j].Name, hs[i].ID, hs[j].ID)
	})
	return hs, nil
}
