//go:build !linux

package store

// releaseMapping does nothing on this platform: the kernel reclaims the
// mapped file pages when it needs the memory.
func releaseMapping(addr uintptr, size int64) error { return nil }
