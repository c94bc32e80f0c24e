package delivery

import (
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

// acknowledge records a manager's acknowledgement the way the manager
// buttons do (bot/home): one store transaction on the ledger record.
func acknowledge(t *testing.T, st *store.Store, key, by string) {
	t.Helper()
	_, err := st.UpdateDelivery(testWeek, key, func(d *store.Delivery, _ bool) (bool, error) {
		d.AckBy, d.AckAt = by, time.Date(2026, 11, 16, 9, 30, 0, 0, time.UTC)
		return true, nil
	})
	if err != nil {
		t.Error(err)
	}
}

// pendingRecords stores what an interrupted run leaves: claimed, no
// message yet. The next Deliver loads these records before it sends.
func pendingRecords(t *testing.T, st *store.Store) {
	t.Helper()
	for _, key := range flaggedKeys {
		if err := st.PutDelivery(store.Delivery{Week: testWeek, UserID: key, State: store.DeliveryPending}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDeliveryKeepsAcknowledgements checks that an acknowledgement written
// while the deliverer works on the same record is never lost: the
// deliverer's writes are read-modify-writes in one store transaction that
// keep what the managers wrote. Before, the deliverer stored the whole
// record it had loaded and dropped an acknowledgement made in between.
func TestDeliveryKeepsAcknowledgements(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, e *deliveryEnv, d *Deliverer)
	}{
		{"acknowledged between load and send", func(t *testing.T, e *deliveryEnv, d *Deliverer) {
			acked := false
			d.crash = func(step string) error {
				if step == "claimed" && !acked {
					acked = true
					for _, key := range flaggedKeys {
						acknowledge(t, e.st, key, "UMIA")
					}
				}
				return nil
			}
			if _, err := d.Deliver(t.Context(), testReport(testWeek)); err != nil {
				t.Fatal(err)
			}
		}},
		{"acknowledged concurrently", func(t *testing.T, e *deliveryEnv, d *Deliverer) {
			var wg sync.WaitGroup
			for _, key := range flaggedKeys {
				wg.Go(func() { acknowledge(t, e.st, key, "UMIA") })
			}
			wg.Go(func() {
				if _, err := d.Deliver(t.Context(), testReport(testWeek)); err != nil {
					t.Error(err)
				}
			})
			wg.Wait()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newDeliveryEnv(t)
			pendingRecords(t, e.st)
			tc.run(t, e, e.deliverer(Config{}))
			for _, key := range flaggedKeys {
				rec, ok, err := e.st.Delivery(testWeek, key)
				if err != nil || !ok || rec.State != store.DeliverySent || rec.TS == "" || rec.AckBy != "UMIA" {
					t.Errorf("record of %s = %+v, %v, %v; want sent and acknowledged by UMIA", key, rec, ok, err)
				}
			}
			checkDeliveredOnce(t, e, testWeek, flaggedKeys...)
		})
	}
}
