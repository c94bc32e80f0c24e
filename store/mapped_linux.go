package store

import (
	"os"
	"sync"
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

// statm is /proc/self/statm, opened once and read again at offset 0.
var statm struct {
	sync.Mutex
	once sync.Once
	f    *os.File
	buf  [128]byte
}

// residentFileBytes returns the process's resident file-backed (and
// shared) pages in bytes, the third field of /proc/self/statm: the mapped
// database file is in it.
func residentFileBytes() (int64, bool) {
	statm.once.Do(func() { statm.f, _ = os.Open("/proc/self/statm") })
	if statm.f == nil {
		return 0, false
	}
	statm.Lock()
	defer statm.Unlock()
	n, _ := statm.f.ReadAt(statm.buf[:], 0)
	pages, ok := thirdField(statm.buf[:n])
	return pages * int64(os.Getpagesize()), ok
}

// thirdField parses the third of the space-separated numbers in b without
// allocating (the walks call residentFileBytes while they read).
func thirdField(b []byte) (int64, bool) {
	field, v, inNumber := 0, int64(0), false
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			if field == 2 {
				v = v*10 + int64(c-'0')
			}
			inNumber = true
		case inNumber:
			if field == 2 {
				return v, true
			}
			field, inNumber = field+1, false
		}
	}
	return v, field == 2 && inNumber
}
