package people

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/clockbot/clockbot/store"
)

// TestUpdatePrefsConcurrently changes two settings of one person at once
// (a Home-tab toggle and a /tt command, say) many times: both survive,
// because each change is one read-modify-write transaction.
func TestUpdatePrefsConcurrently(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := UpdatePrefs(st, "UANN", func(p *Prefs) { p.Notify = i%2 == 0 || i == n-1 }); err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := UpdatePrefs(st, "UANN", func(p *Prefs) { p.TeamDigest = true }); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := UpdatePrefs(st, "UANN", func(p *Prefs) { p.Notify = true }); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPrefs(st, "UANN")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Notify || !p.TeamDigest {
		t.Errorf("prefs = %+v, want both changes kept", p)
	}
}
