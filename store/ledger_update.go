package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// UpdateDelivery reads the ledger record of (week, userID) (the zero
// Delivery with Week and UserID set when there is none), calls fn with it
// and, when fn reports a change, stores it, all in one transaction: the
// deliverer recording a send and a manager acknowledging the same message
// never lose each other's write. It returns the record as stored. An error
// from fn aborts without a write.
func (s *Store) UpdateDelivery(week, userID string, fn func(d *Delivery, found bool) (changed bool, err error)) (Delivery, error) {
	d := Delivery{Week: week, UserID: userID}
	if err := checkDelivery(d); err != nil {
		return d, fmt.Errorf("update delivery: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDeliveries)
		key := deliveryKey(week, userID)
		found, err := getJSON(b, key, &d)
		if err != nil {
			return err
		}
		changed, err := fn(&d, found)
		if err != nil || !changed {
			return err
		}
		d.Week, d.UserID = week, userID
		return putJSON(b, key, d)
	})
	if err != nil {
		return d, fmt.Errorf("update delivery %s/%s: %w", week, userID, err)
	}
	return d, nil
}
