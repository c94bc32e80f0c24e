package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamageFoundWhileOpen damages one page of an open store's file (bbolt
// maps the file, so its reads see the damage) and reads through the
// store's methods: a panic of bbolt becomes ErrCorrupt naming the file,
// and from then on every write is refused and the file stays as it is.
func TestDamageFoundWhileOpen(t *testing.T) {
	fill := func(s *Store) {
		var es []Entry
		for i := range 400 {
			es = append(es, entry(fmt.Sprintf("e%03d", i), fmt.Sprintf("u%02d", i%20), at(2+i%20, 9), 30*60e9))
		}
		mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(1, 0), To: at(25, 0), Entries: es}}})
	}
	probe := filepath.Join(t.TempDir(), "probe.db")
	ps, err := Open(probe)
	if err != nil {
		t.Fatal(err)
	}
	fill(ps)
	ps.Close()
	info, _ := os.Stat(probe)
	pages := int(info.Size() / 4096)

	found := 0
	for p := 2; p < pages; p++ {
		t.Run(fmt.Sprintf("page %d", p), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			fill(s)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt(bytes.Repeat([]byte{0xc3}, 4096), int64(p)*4096); err != nil {
				t.Fatal(err)
			}
			f.Close()
			damaged, _ := os.ReadFile(path)

			reads := map[string]func() error{
				"ForEachEntry": func() error { return s.ForEachEntry(at(1, 0), at(25, 0), func(Entry) error { return nil }) },
				"Users":        func() error { _, err := s.Users(); return err },
				"CountEntries": func() error { _, err := s.CountEntries(); return err },
				"Setting":      func() error { _, err := s.Setting("x", new(string)); return err },
			}
			var corrupt error
			for name, read := range reads {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s panicked: %v", name, r)
						}
					}()
					if err := read(); errors.Is(err, ErrCorrupt) {
						corrupt = err
					}
				}()
			}
			if corrupt == nil {
				return // the damage hit a page these reads do not use
			}
			found++
			if !strings.Contains(corrupt.Error(), path) || !strings.Contains(corrupt.Error(), "db check") {
				t.Errorf("error %q does not name %s and say what to do", corrupt, path)
			}
			if err := s.PutSetting("after", "damage"); !errors.Is(err, ErrCorrupt) {
				t.Errorf("PutSetting after damage = %v, want ErrCorrupt", err)
			}
			if err := s.Damaged(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Damaged() = %v, want ErrCorrupt", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, damaged) {
				t.Error("the damaged file was written")
			}
		})
	}
	if found == 0 {
		t.Errorf("no damaged page made a read fail; the test damages nothing it reads")
	}
	t.Logf("reads found the damage in %d of %d pages", found, pages-2)
}
