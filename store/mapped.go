package store

import (
	bolt "go.etcd.io/bbolt"
)

// releaseEvery is how many records the store's long walks (a window's
// staging, commit and count, retention, the report's walk, the check at
// Open) read between two releases of the file pages they mapped in.
const releaseEvery = 2000

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

// noteRead records that a walk outside a transaction read n more records
// of the file and releases the mapped pages once releaseEvery records were
// read since the last release.
func (s *Store) noteRead(n int) {
	if s.reads.Add(int64(n)) < releaseEvery {
		return
	}
	s.reads.Store(0)
	s.releaseMapped()
}

// releaseMapped drops the pages of the database file mapped into the
// process from its resident set (see releaseEvery). It is a no-op where
// the platform has no such call, and best effort: an error changes
// nothing but the memory held.
func (s *Store) releaseMapped() {
	_ = s.view(func(tx *bolt.Tx) error {
		releaseTx(s.db, tx)
		return nil
	})
}

// releaseTx is releaseMapped inside tx, which keeps the mapping in place:
// bbolt moves it only under a lock a read transaction holds shared, and
// only when a write transaction commits.
func releaseTx(db *bolt.DB, tx *bolt.Tx) {
	_ = releaseMapping(db.Info().Data, tx.Size())
}

// walkReleaser releases the mapped pages inside one long read transaction
// every releaseEvery records it is told of.
type walkReleaser struct {
	db *bolt.DB
	tx *bolt.Tx
	n  int
}

// read records one more record read and releases the mapped pages when
// releaseEvery were read since the last release.
func (r *walkReleaser) read() {
	if r.n++; r.n >= releaseEvery {
		r.n = 0
		releaseTx(r.db, r.tx)
	}
}
