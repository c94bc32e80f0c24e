// Package store keeps clockbot's data in one embedded bbolt file: the
// Clockify directory and time entries copied by the sync, the settings, the
// Slack user cache, the delivery ledger and the audit log.
//
// Every method runs its own transaction and returns copies of the stored
// values, so results stay valid after the transaction closes. Keys sort by
// bytes so that every range read is one cursor Seek.
package store

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket names. Every bucket is created once, by the migration to schema
// version 1; no method creates buckets later.
var (
	bucketMeta           = []byte("meta")
	bucketUsers          = []byte("users")
	bucketUsersByEmail   = []byte("users_by_email")
	bucketManagers       = []byte("managers")
	bucketGroups         = []byte("groups")
	bucketProjects       = []byte("projects")
	bucketHolidays       = []byte("holidays")
	bucketTimeOff        = []byte("timeoff")
	bucketTimeOffByID    = []byte("timeoff_by_id")
	bucketEntries        = []byte("entries")
	bucketEntriesByStart = []byte("entries_by_start")
	bucketEntriesByID    = []byte("entries_by_id")
	bucketRunning        = []byte("running")
	bucketRunningChanges = []byte("running_changes")
	bucketSettings       = []byte("settings")
	bucketSlackUsers     = []byte("slack_users")
	bucketSlackUsersByID = []byte("slack_users_by_id")
	bucketDeliveries     = []byte("deliveries")
	bucketAudit          = []byte("audit")
	bucketEntryWindows   = []byte("entry_windows")
)

// Keys of the meta bucket.
var (
	keySchema     = []byte("schema")
	keySyncStatus = []byte("sync_status")
	keyEntryCount = []byte("entry_count")
)

// initialMmapSize returns the address space bbolt maps at Open for the
// file at path: twice its size once it is past bbolt's 16 MiB growth step,
// 0 (bbolt's default) for smaller files. Growing the map stops the write
// that needs it while bbolt copies the transaction's nodes (about 200 ms at
// 400,000 entries); with room for the file to double, a steady database
// never remaps. It is address space, not memory, and smaller files keep
// bbolt's default growth (a larger map would make a new file 16 MiB).
func initialMmapSize(path string) int {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() < 16<<20 {
		return 0
	}
	return int(min(2*fi.Size(), 1<<40))
}

// DefaultLockTimeout is how long Open waits for another process to release
// the database file.
const DefaultLockTimeout = time.Second

// Errors returned by Open and by the write methods. Test them with errors.Is.
var (
	// ErrInUse reports that another clockbot (another process, or another
	// Store in this one) holds the database file.
	ErrInUse = errors.New("database is in use by another clockbot")
	// ErrNotDatabase reports that the file is not a clockbot database.
	ErrNotDatabase = errors.New("not a clockbot database")
	// ErrNewerSchema reports a database written by a newer clockbot.
	ErrNewerSchema = errors.New("database schema is newer than this clockbot")
	// ErrInvalid reports a record that cannot be stored (for example an
	// entry without an id); the write it belongs to changes nothing.
	ErrInvalid = errors.New("invalid record")
)

// Store is an open clockbot database. Its methods are safe for concurrent
// use.
type Store struct {
	db   *bolt.DB
	path string
	// damaged is the damage found by the check at Open (AllowDamaged) or
	// by a read that panicked; once set, every write is refused with it.
	damaged atomic.Pointer[CorruptError]
	// longestWrite is the longest read-write transaction so far, in ns.
	longestWrite atomic.Int64
	// onWrite, when set (by benchmarks, before any write), receives the
	// length of every write transaction.
	onWrite func(time.Duration)
	// reads counts the records long walks read (see readRecord), and
	// residentBase is the process's resident file pages, in bytes, after
	// the last release of the mapped file.
	reads, residentBase atomic.Int64
	// clock, when set (by tests), replaces time.Now in the work budget of
	// the write transactions (see newBudget).
	clock func() time.Time
}

type options struct {
	lockTimeout  time.Duration
	allowDamaged bool
	readOnly     bool
	now          func() time.Time
}

// Option changes how Open opens the database.
type Option func(*options)

// WithLockTimeout sets how long Open waits for the file lock held by another
// clockbot before it fails with ErrInUse. A zero or negative d selects
// DefaultLockTimeout.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.lockTimeout = d
		}
	}
}

// Open opens the database at path, creating it when the file does not exist
// and migrating it when it was written by an older clockbot. It runs bbolt's
// consistency check before anything is written. It fails with ErrInUse when
// another clockbot holds the file, with ErrNotDatabase when the file is
// something else, with ErrCorrupt (a *CorruptError) when the file is
// damaged, and with ErrNewerSchema when a newer clockbot wrote it.
func Open(path string, opts ...Option) (*Store, error) {
	o := options{lockTimeout: DefaultLockTimeout, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	db, err := openBolt(path, o.lockTimeout, o.readOnly)
	if err != nil {
		return nil, err
	}
	if err := checkDB(db, path); err != nil {
		_ = db.Close()
		if !o.allowDamaged || !errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		return openDamaged(path, o, err)
	}
	if o.readOnly {
		s := &Store{db: db, path: path}
		s.releaseMapped() // the check read every page of the file
		return s, nil
	}
	if err := prepare(db, path, o.now); err != nil {
		_ = db.Close()
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := s.recoverWindows(); err != nil {
		_ = db.Close()
		return nil, err
	}
	// The check read every page of the file.
	s.releaseMapped()
	return s, nil
}

// openDamaged reopens a damaged file read-only for AllowDamaged: reads
// answer what they still can, writes fail with damage.
func openDamaged(path string, o options, damage error) (*Store, error) {
	db, err := openBolt(path, o.lockTimeout, true)
	if err != nil {
		return nil, errors.Join(damage, err)
	}
	s := &Store{db: db, path: path}
	s.markDamaged(damage)
	return s, nil
}

// AllowDamaged makes Open return a store even when the file fails its
// consistency check: opened read-only, Damaged reports the damage, reads
// return what they can (or ErrCorrupt) and every write fails with
// ErrCorrupt. The bot uses it to keep answering while it asks for a
// restore.
func AllowDamaged() Option { return func(o *options) { o.allowDamaged = true } }

// ReadOnly opens the file read-only, without creating or migrating it, under
// a shared lock: `clockbot db check` and `db backup` use it.
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// WithClock sets the clock that stamps a new database's creation time.
func WithClock(now func() time.Time) Option {
	return func(o *options) {
		if now != nil {
			o.now = now
		}
	}
}

// openBolt opens the bbolt file and translates its errors. bbolt may panic
// on a damaged file (its freelist, say) after it took the file lock: the
// file is closed, releasing the lock, and the panic becomes a
// *CorruptError (checkFile already saw a valid bbolt header).
func openBolt(path string, lockTimeout time.Duration, readOnly bool) (db *bolt.DB, err error) {
	var file *os.File
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				// The mapping bbolt leaves behind keeps the open file
				// alive, and with it the lock: release the lock itself.
				unlockFile(file)
				_ = file.Close()
			}
			db, err = nil, &CorruptError{Path: path, Detail: fmt.Sprintf("bbolt cannot read it (%v)", r)}
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	openFile := func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly, OpenFile: openFile, InitialMmapSize: initialMmapSize(path)})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, &openError{
			msg:  fmt.Sprintf("database %s is in use by another clockbot (its lock was not released within %v)", path, lockTimeout),
			errs: []error{ErrInUse, err},
		}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, notDatabase(path, "it is not a valid bbolt file", err)
	default:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
}

// Close waits for running transactions, closes the database and releases
// its file lock. Closing twice is harmless.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// Path returns the path of the database file.
func (s *Store) Path() string { return s.path }

// view runs fn in a read-only transaction. A panic of bbolt on a damaged
// page (a memory fault included) becomes a *CorruptError, and the store
// refuses writes from then on.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverCorrupt(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.View(fn)
}

// update runs fn in a read-write transaction that commits only when fn
// returns nil. On a damaged store it writes nothing and returns the damage;
// a panic rolls the transaction back and becomes a *CorruptError.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if d := s.Damaged(); d != nil {
		return d
	}
	defer s.recoverCorrupt(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	start := time.Now()
	defer s.noteWrite(start)
	return s.db.Update(fn)
}

// noteWrite records the length of a write transaction begun at start.
func (s *Store) noteWrite(start time.Time) {
	d := int64(time.Since(start))
	if s.onWrite != nil {
		s.onWrite(time.Duration(d))
	}
	for {
		cur := s.longestWrite.Load()
		if d <= cur || s.longestWrite.CompareAndSwap(cur, d) {
			return
		}
	}
}

// LongestWrite returns the longest write transaction of this Store so far,
// waiting for bbolt's writer lock included: how long a /tt write could have
// waited behind it.
func (s *Store) LongestWrite() time.Duration { return time.Duration(s.longestWrite.Load()) }

// openError is an Open failure with its own message that still matches the
// sentinel errors it wraps.
type openError struct {
	msg  string
	errs []error
}

func (e *openError) Error() string   { return e.msg }
func (e *openError) Unwrap() []error { return e.errs }

// notDatabase returns an ErrNotDatabase error naming path and saying why;
// cause, when not nil, is wrapped too.
func notDatabase(path, why string, cause error) error {
	msg := fmt.Sprintf("database %s is not a clockbot database: %s", path, why)
	errs := []error{ErrNotDatabase}
	if cause != nil {
		msg += ": " + cause.Error()
		errs = append(errs, cause)
	}
	return &openError{msg: msg, errs: errs}
}
