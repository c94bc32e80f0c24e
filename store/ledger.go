package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// checkDelivery rejects a delivery that cannot be keyed.
func checkDelivery(d Delivery) error {
	if err := checkID("delivery", "week", d.Week); err != nil {
		return err
	}
	return checkID(fmt.Sprintf("delivery of week %s", d.Week), "user id", d.UserID)
}

// Delivery returns the ledger record of (week, userID).
func (s *Store) Delivery(week, userID string) (Delivery, bool, error) {
	var (
		d  Delivery
		ok bool
	)
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ok, err = getJSON(tx.Bucket(bucketDeliveries), deliveryKey(week, userID), &d)
		return err
	})
	if err != nil {
		return Delivery{}, false, fmt.Errorf("read delivery %s/%s: %w", week, userID, err)
	}
	return d, ok, nil
}

// PutDelivery stores d, replacing the record of (d.Week, d.UserID).
func (s *Store) PutDelivery(d Delivery) error {
	if err := checkDelivery(d); err != nil {
		return fmt.Errorf("put delivery: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketDeliveries), deliveryKey(d.Week, d.UserID), d)
	})
	if err != nil {
		return fmt.Errorf("put delivery %s/%s: %w", d.Week, d.UserID, err)
	}
	return nil
}

// ClaimDelivery stores d only when (d.Week, d.UserID) has no record yet, in
// one transaction, and reports whether it did: of two claims of the same
// message exactly one returns true.
func (s *Store) ClaimDelivery(d Delivery) (bool, error) {
	if err := checkDelivery(d); err != nil {
		return false, fmt.Errorf("claim delivery: %w", err)
	}
	var claimed bool
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDeliveries)
		key := deliveryKey(d.Week, d.UserID)
		if b.Get(key) != nil {
			return nil
		}
		claimed = true
		return putJSON(b, key, d)
	})
	if err != nil {
		return false, fmt.Errorf("claim delivery %s/%s: %w", d.Week, d.UserID, err)
	}
	return claimed, nil
}

// Deliveries returns every ledger record of week, by user id.
func (s *Store) Deliveries(week string) ([]Delivery, error) {
	var out []Delivery
	err := s.view(func(tx *bolt.Tx) error {
		prefix := append([]byte(week), sep)
		c := tx.Bucket(bucketDeliveries).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var d Delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decode delivery %q: %w", k, err)
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read deliveries of %s: %w", week, err)
	}
	return out, nil
}
