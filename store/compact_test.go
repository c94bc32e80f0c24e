package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestCompactFile checks that compaction shrinks a file whose entries were
// pruned, keeps every record, and refuses while a Store holds the file.
func TestCompactFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clockbot.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	es := weekEntries(200, 40, "")
	mustApply(t, s, Batch{Windows: []EntryWindow{{From: at(16, 0), To: at(23, 0), Entries: es}}})
	keep := entry("keep", "u1", at(25, 9), time.Hour)
	if err := s.PutEntry(keep); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PruneBefore(at(23, 0)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := CompactFile(path); !errors.Is(err, ErrInUse) {
		t.Errorf("CompactFile() while open = %v, want ErrInUse", err)
	}
	s.Close()
	before, after, err := CompactFile(path)
	if err != nil {
		t.Fatalf("CompactFile() error: %v", err)
	}
	if after >= before/2 {
		t.Errorf("compacted %d bytes to %d, want less than half", before, after)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got := allEntries(t, s); len(got) != 1 || got[0].ID != "keep" {
		t.Errorf("entries after compaction = %v, want [keep]", ids(got))
	}
	checkCount(t, s)
}
