package store

import (
	"os"
	"syscall"
)

// releaseMapping tells the kernel that the size bytes mapped at addr (the
// database file, mapped read-only and shared) are not needed for now: the
// pages leave the process's resident set and stay in the page cache, and
// the next read maps them in again with the same content.
func releaseMapping(addr uintptr, size int64) error {
	if addr == 0 || size <= 0 {
		return nil
	}
	pg := uintptr(os.Getpagesize())
	start := addr &^ (pg - 1)
	n := (addr - start + uintptr(size) + pg - 1) &^ (pg - 1)
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, n, syscall.MADV_DONTNEED); errno != 0 {
		return errno
	}
	return nil
}
