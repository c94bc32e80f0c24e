package store

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// mappedResident returns the bytes of s's file mapping that are resident
// in this process (its Rss in /proc/self/smaps), and the file's size as
// bbolt sees it.
func mappedResident(t *testing.T, s *Store) (resident, size int64) {
	t.Helper()
	var addr uintptr
	if err := s.view(func(tx *bolt.Tx) error {
		addr, size = s.db.Info().Data, tx.Size()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if lo, _, ok := strings.Cut(f[0], "-"); ok {
			if start, err := strconv.ParseUint(lo, 16, 64); err == nil {
				in = uintptr(start) == addr
				continue
			}
		}
		if in && f[0] == "Rss:" && len(f) >= 2 {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10, size
		}
	}
	t.Fatalf("no mapping at %#x in /proc/self/smaps", addr)
	return 0, 0
}

// touchFile reads every page of s's file through the mapping (bbolt's
// consistency check), as a long walk without releases would leave it.
func touchFile(t *testing.T, s *Store) {
	t.Helper()
	if err := s.view(func(tx *bolt.Tx) error {
		if p := checkTx(tx); len(p) > 0 {
			t.Fatalf("check: %v", p)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestLongWalksReleaseMappedPages checks that the long walks leave few of
// the file's pages in the process's resident set: before each, every page
// is made resident, and the walk (which reads most of them again) must end
// with its mapping's Rss under a tenth of what it was.
func TestLongWalksReleaseMappedPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the mapped pages are released only on Linux (madvise); elsewhere the kernel reclaims them when it needs the memory")
	}
	s := newTestStore(t)
	es := weekEntries(500, 40, "")
	users := make([]string, 0, 500)
	for i := 0; i < len(es); i += 40 {
		users = append(users, es[i].UserID)
	}
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
	for _, tc := range []struct {
		name string
		walk func() error
	}{
		{"Open (the consistency check)", func() error {
			if err := s.Close(); err != nil {
				return err
			}
			var err error
			s, err = Open(s.Path())
			return err
		}},
		{"ForEachUserEntries", func() error {
			n := 0
			err := s.ForEachUserEntries(users, at(16, 0), at(23, 0), func(_ int, got []LeanEntry) error { n += len(got); return nil })
			if err == nil && n != len(es) {
				t.Errorf("ForEachUserEntries walked %d entries, want %d", n, len(es))
			}
			return err
		}},
		{"ForEachEntry", func() error {
			return s.ForEachEntry(at(16, 0), at(23, 0), func(Entry) error { return nil })
		}},
		{"a window re-sync, Missing and Commit", func() error {
			w, err := s.BeginWindow(at(16, 0), at(23, 0))
			if err != nil {
				return err
			}
			if err := w.Put(es[:len(es)-100]); err != nil {
				return err
			}
			if n, err := w.Missing(); err != nil || n != 100 {
				t.Errorf("Missing() = %d, %v; want 100", n, err)
			}
			return w.Commit()
		}},
		{"PruneBefore", func() error {
			_, err := s.PruneBefore(at(23, 0))
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			touchFile(t, s)
			before, size := mappedResident(t, s)
			if before < size/2 {
				t.Fatalf("after reading the whole file %d of its %d bytes are resident: this test cannot see the mapped pages", before, size)
			}
			if err := tc.walk(); err != nil {
				t.Fatal(err)
			}
			if after, _ := mappedResident(t, s); after > before/10 {
				t.Errorf("%d bytes of the file's mapping resident after the walk, want at most %d (a tenth of the %d before)", after, before/10, before)
			}
		})
	}
	t.Cleanup(func() { _ = s.Close() })
}
