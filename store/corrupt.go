package store

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// ErrCorrupt reports a damaged database: bbolt's consistency check failed at
// Open, or reading it panicked. Test it with errors.Is; the error itself is
// a *CorruptError naming the file. Nothing is written to a damaged database.
var ErrCorrupt = errors.New("database is damaged")

// maxCheckProblems bounds the problems a check collects: one damaged page
// can make thousands of keys unreadable.
const maxCheckProblems = 20

// CorruptError is ErrCorrupt for one file, saying what was found and what
// to do about it.
type CorruptError struct {
	Path   string // the database file
	Detail string // the first problems found
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("database %s is damaged (%s): stop clockbot, restore the file from a backup (see `clockbot db backup` in the README) and start again; `clockbot db check` lists the problems", e.Path, e.Detail)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// checkTx runs bbolt's consistency check in tx and returns at most
// maxCheckProblems problems, in the order found.
func checkTx(tx *bolt.Tx) []error {
	var problems []error
	for err := range tx.Check() {
		if len(problems) < maxCheckProblems {
			problems = append(problems, err)
		}
	}
	return problems
}

// checkDB runs the consistency check on db and returns a *CorruptError
// when it finds problems (or panics on the way).
func checkDB(db *bolt.DB, path string) (err error) {
	defer recoverCorrupt(path, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var problems []error
	if err := db.View(func(tx *bolt.Tx) error {
		problems = checkTx(tx)
		return nil
	}); err != nil {
		return err
	}
	if len(problems) == 0 {
		return nil
	}
	return &CorruptError{Path: path, Detail: summarize(problems)}
}

// summarize joins the first three problems of a check.
func summarize(problems []error) string {
	var parts []string
	for i, p := range problems {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(problems)-3))
			break
		}
		parts = append(parts, p.Error())
	}
	return strings.Join(parts, "; ")
}

// recoverCorrupt turns a panic of bbolt reading a damaged file (including a
// memory fault on its mapping, see debug.SetPanicOnFault) into a
// *CorruptError in *err. It must be deferred directly.
func recoverCorrupt(path string, err *error) {
	if r := recover(); r != nil {
		*err = &CorruptError{Path: path, Detail: fmt.Sprintf("reading it failed: %v", r)}
	}
}

// recoverCorrupt is recoverCorrupt for the store's transactions: the damage
// is also remembered, so later writes are refused. It must be deferred
// directly.
func (s *Store) recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = s.markDamaged(&CorruptError{Path: s.path, Detail: fmt.Sprintf("reading it failed: %v", r)})
	}
}

// Check runs bbolt's consistency check on the open database and returns the
// problems found (at most 20), nil when it is sound. It reads in one
// transaction, so it may run while the bot is working.
func (s *Store) Check() (problems []error, err error) {
	defer s.recoverCorrupt(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	err = s.db.View(func(tx *bolt.Tx) error {
		problems = checkTx(tx)
		return nil
	})
	return problems, err
}

// Damaged returns the *CorruptError of a store opened with AllowDamaged on
// a damaged file, or of a store whose reads panicked since it was opened;
// nil while the store is sound.
func (s *Store) Damaged() error {
	if d := s.damaged.Load(); d != nil {
		return d
	}
	return nil
}

// markDamaged records the first damage found and returns it.
func (s *Store) markDamaged(err error) error {
	var ce *CorruptError
	if errors.As(err, &ce) {
		s.damaged.CompareAndSwap(nil, ce)
	}
	return err
}
