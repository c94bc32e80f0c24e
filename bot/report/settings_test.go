package report

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// TestSetPersonConcurrently runs many admins' target changes at once, as
// two Home tabs (or a Home tab and a manager's button) may: every change
// is kept, because each edit reads and writes the settings in one store
// transaction.
func TestSetPersonConcurrently(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// Two builders over one store: no lock of one process protects them.
	a := New(st, Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), nil, nil)
	b := New(st, Config{Params: weekly.DefaultParams()}, people.New(nil, st, people.Config{}, nil), nil, nil)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		r := a
		if i%2 == 1 {
			r = b
		}
		wg.Go(func() {
			if _, err := r.SetPerson(fmt.Sprintf("p%d@example.com", i), PersonSettings{Hours: float64(i), HasTarget: true}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	_, _, targets, err := a.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != n {
		t.Errorf("%d of %d targets kept: %v", len(targets), n, targets)
	}
}
