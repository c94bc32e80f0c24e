package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// AppendAudit appends a to the audit log under the next sequence number.
func (s *Store) AppendAudit(a AuditEntry) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return putJSON(b, binary.BigEndian.AppendUint64(nil, seq), a)
	})
	if err != nil {
		return fmt.Errorf("append audit entry: %w", err)
	}
	return nil
}

// RecentAudit returns the n most recent audit entries, newest first (fewer
// when the log is shorter; none when n <= 0).
func (s *Store) RecentAudit(n int) ([]AuditEntry, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []AuditEntry
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			var a AuditEntry
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("decode audit entry %x: %w", k, err)
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}
