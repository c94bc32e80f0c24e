package store

import (
	bolt "go.etcd.io/bbolt"
)

// checkEvery is how many records the store's long walks (a window's
// staging, commit and count, retention, the report's walk) read between
// two looks at how much of the file they mapped in, and releaseBytes how
// much they may map (beyond what was resident after the last release)
// before the store releases it. A record read at random maps in more than
// its page (Linux maps the cached pages around a fault too, 64 KiB or
// more), so a staging of 64 records can map 8 MB; a scan in key order maps
// little. Releasing by the bytes mapped, not by the records read, keeps
// the releases (each costs a few milliseconds of page faults after it) to
// the walks that need them.
const (
	checkEvery   = 64
	releaseBytes = 64 << 20
)

// Why the store releases mapped pages: bbolt reads the database file
// through a read-only shared memory mapping, so every file page a
// transaction reads stays in the process's resident set (RssFile) until
// the kernel needs the memory. A steady sync pass at 10,000 users reads
// about 200 MB of the file that way, more than the pass's own heap. After a
// long walk the store tells the kernel it no longer needs those pages
// (madvise MADV_DONTNEED on Linux, see releaseMapping): they leave the
// process's resident set but stay in the kernel's page cache, so the next
// read maps them again from there, with the same content, without reading
// the disk. The file is never written through the mapping (bbolt writes
// with pwrite), so nothing is lost.

// readRecord records that tx read one more record of a long walk; every
// checkEvery records it releases the mapped pages when the process's
// resident file pages grew by releaseBytes since the last release. tx may
// be a read or a write transaction: bbolt moves the mapping only under a
// lock a read transaction holds shared, and only while a write transaction
// commits (never while its fn runs), so the mapping stays in place.
func (s *Store) readRecord(tx *bolt.Tx) {
	if s.reads.Add(1)%checkEvery != 0 {
		return
	}
	now, ok := residentFileBytes()
	if !ok || now-s.residentBase.Load() < releaseBytes {
		return
	}
	s.releaseTx(tx)
}

// releaseMapped drops the pages of the database file mapped into the
// process from its resident set (see checkEvery). It is a no-op where
// the platform has no such call, and best effort: an error changes
// nothing but the memory held.
func (s *Store) releaseMapped() {
	_ = s.view(func(tx *bolt.Tx) error {
		s.releaseTx(tx)
		return nil
	})
}

// releaseTx is releaseMapped inside tx (see readRecord).
func (s *Store) releaseTx(tx *bolt.Tx) {
	_ = releaseMapping(s.db.Info().Data, tx.Size())
	if now, ok := residentFileBytes(); ok {
		s.residentBase.Store(now)
	}
}
