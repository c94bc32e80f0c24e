package store

import (
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RegisteredWebhook is a webhook that `clockbot webhooks register` created
// in Clockify. Token is the secret Clockify sends in Clockify-Signature.
type RegisteredWebhook struct {
	ID          string    `json:"id"`
	WorkspaceID string    `json:"workspaceId"`
	Event       string    `json:"event"`
	URL         string    `json:"url"`
	Token       string    `json:"token"`
	CreatedAt   time.Time `json:"createdAt"`
}

// PutWebhook stores w, replacing the webhook with the same id.
func (s *Store) PutWebhook(w RegisteredWebhook) error {
	if err := checkID("webhook", "id", w.ID); err != nil {
		return fmt.Errorf("put webhook: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketWebhooks), []byte(w.ID), w)
	})
	if err != nil {
		return fmt.Errorf("put webhook %s: %w", w.ID, err)
	}
	return nil
}

// DeleteWebhook forgets the webhook with id; it is not an error when there
// is none.
func (s *Store) DeleteWebhook(id string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketWebhooks).Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("delete webhook %s: %w", id, err)
	}
	return nil
}

// Webhooks returns the registered webhooks by event, then id.
func (s *Store) Webhooks() ([]RegisteredWebhook, error) {
	var out []RegisteredWebhook
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = allJSON[RegisteredWebhook](tx.Bucket(bucketWebhooks))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read webhooks: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Event != out[j].Event {
			return out[i].Event < out[j].Event
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// WebhookTokens returns the tokens of the registered webhooks.
func (s *Store) WebhookTokens() ([]string, error) {
	ws, err := s.Webhooks()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if w.Token != "" {
			out = append(out, w.Token)
		}
	}
	return out, nil
}
