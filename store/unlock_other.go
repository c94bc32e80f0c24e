//go:build !unix

package store

import "os"

// unlockFile does nothing where bbolt's lock is released by closing f.
func unlockFile(*os.File) {}
