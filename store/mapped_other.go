//go:build !linux

package store

// releaseMapping does nothing on this platform: the kernel reclaims the
// mapped file pages when it needs the memory.
func releaseMapping(addr uintptr, size int64) error { return nil }

// residentFileBytes reports that the resident file pages are not known
// here, so the store never releases them.
func residentFileBytes() (int64, bool) { return 0, false }
