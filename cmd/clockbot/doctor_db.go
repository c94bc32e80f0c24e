package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clockbot/clockbot/store"
)

// databaseCheck opens CLOCKBOT_DB read-only (Open runs bbolt's consistency
// check) and reads its schema version; a database the running bot holds is
// checked through a copy as of its latest commit.
func databaseCheck(path string) check {
	name := "database " + path
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return pass(name, "does not exist yet; clockbot sync or run creates it (schema version %d)", store.SchemaVersion)
	}
	st, err := store.Open(path, store.ReadOnly())
	live := ""
	if errors.Is(err, store.ErrInUse) {
		dir, derr := os.MkdirTemp("", "clockbot-doctor-")
		if derr != nil {
			return fail(name, derr.Error(), "free space in the temporary directory")
		}
		defer os.RemoveAll(dir)
		cp := filepath.Join(dir, "copy.db")
		if _, err = store.BackupFile(path, cp); err == nil {
			st, err = store.Open(cp, store.ReadOnly())
			live = " (a copy: the running bot holds it)"
		}
	}
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		return fail(name, err.Error(), "upgrade clockbot to the version that wrote it")
	case errors.Is(err, store.ErrCorrupt):
		return fail(name, err.Error(), "stop the bot and restore a backup (clockbot db check lists the problems)")
	case errors.Is(err, store.ErrNotDatabase):
		return fail(name, err.Error(), "point CLOCKBOT_DB at clockbot's database file")
	case err != nil:
		return fail(name, err.Error(), "check CLOCKBOT_DB and the file's permissions")
	}
	defer st.Close()
	v, err := st.StoredSchemaVersion()
	switch {
	case err != nil:
		return fail(name, fmt.Sprintf("reading its schema version: %v", err), "run clockbot db check")
	case v > store.SchemaVersion:
		return fail(name, fmt.Sprintf("schema version %d is newer than the %d this clockbot supports", v, store.SchemaVersion), "upgrade clockbot to the version that wrote it")
	case v < store.SchemaVersion:
		return pass(name, "opens and is consistent%s; schema version %d, migrated to %d at the next start", live, v, store.SchemaVersion)
	}
	return pass(name, "opens and is consistent%s; schema version %d (current)", live, v)
}
