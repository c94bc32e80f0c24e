package store

import (
	"fmt"
	"sync"
	"testing"
)

// TestUpdatesAreOneTransaction runs concurrent read-modify-writes of one
// setting and of one ledger record: none is lost.
func TestUpdatesAreOneTransaction(t *testing.T) {
	s := newTestStore(t)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var m map[string]bool
			err := s.UpdateSetting(ReportSettingsKey(), &m, func(bool) (bool, error) {
				if m == nil {
					m = map[string]bool{}
				}
				m[fmt.Sprint(i)] = true
				return true, nil
			})
			if err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			_, err := s.UpdateDelivery("2026-W46", "u1", func(d *Delivery, _ bool) (bool, error) {
				d.Attempts++
				return true, nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var m map[string]bool
	if _, err := s.Setting(ReportSettingsKey(), &m); err != nil || len(m) != n {
		t.Errorf("setting holds %d of %d updates (%v)", len(m), n, err)
	}
	if d, ok, err := s.Delivery("2026-W46", "u1"); err != nil || !ok || d.Attempts != n {
		t.Errorf("delivery record = %+v, %v, %v; want %d attempts", d, ok, err, n)
	}
}
