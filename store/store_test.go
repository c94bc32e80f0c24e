package store

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesCurrentSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	if got := s.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
		t.Errorf("SchemaVersion() = %d, %v; want %d", v, err, SchemaVersion)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close() error: %v", err)
	}
	// Reopening a current file works and keeps the data.
	s, err = Open(path)
	if err != nil {
		t.Fatalf("second Open() error: %v", err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
		t.Errorf("SchemaVersion() after reopen = %d, %v; want %d", v, err, SchemaVersion)
	}
}

// holdStore opens path in a child process (this test binary) and returns

// once the child holds the lock; the child exits when the test ends.

func holdStore(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	cmd.Env = append(os.Environ(), "STORE_HOLD_PATH="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("helper process said %q, %v; want ready", line, err)
	}
}

// TestHelperHoldStore is not a test: holdStore runs it in a child process to

// hold a database open until its stdin closes.

func TestHelperHoldStore(t *testing.T) {
	path := os.Getenv("STORE_HOLD_PATH")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("helper Open() error: %v", err)
	}
	defer s.Close()
	os.Stdout.WriteString("ready\n")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

func TestOpenInUse(t *testing.T) {
	tests := []struct {
		name    string
		holder  string // "store" (same process) or "process"
		opts    []Option
		maxWait time.Duration
	}{
		{"second store in this process", "store", []Option{WithLockTimeout(100 * time.Millisecond)}, 2 * time.Second},
		{"another process", "process", []Option{WithLockTimeout(100 * time.Millisecond)}, 2 * time.Second},
		{"default timeout", "store", nil, 2 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			switch tc.holder {
			case "store":
				first, err := Open(path)
				if err != nil {
					t.Fatalf("first Open() error: %v", err)
				}
				defer first.Close()
			case "process":
				holdStore(t, path)
			}
			start := time.Now()
			s, err := Open(path, tc.opts...)
			took := time.Since(start)
			if err == nil {
				s.Close()
				t.Fatal("second Open() succeeded; want ErrInUse")
			}
			if !errors.Is(err, ErrInUse) {
				t.Errorf("second Open() error = %v; want ErrInUse", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "database "+path+" is in use by another clockbot") {
				t.Errorf("error %q does not say the database %s is in use by another clockbot", msg, path)
			}
			if took > tc.maxWait {
				t.Errorf("second Open() took %v, want at most %v", took, tc.maxWait)
			}
		})
	}
}

func TestOpenAfterCloseSucceeds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clockbot.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := Open(path, WithLockTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("Open() after Close() error: %v", err)
	}
	second.Close()
}

// writeBolt creates a bbolt file at path and runs fn in a write transaction.

func writeBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// validDBBytes returns the bytes of a fresh clockbot database.

func validDBBytes(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "valid.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	random := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	text := []byte(strings.Repeat("This is a text file, not a database.\n", 300)) // > 4 KiB
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string // in the message
	}{
		{"random bytes", func(t *testing.T, p string) { write(t, p, random) }, "no valid bbolt meta page"},
		{"empty file", func(t *testing.T, p string) { write(t, p, nil) }, "empty file"},
		{"short text file", func(t *testing.T, p string) { write(t, p, []byte("hello\n")) }, "no valid bbolt meta page"},
		{"long text file", func(t *testing.T, p string) { write(t, p, text) }, "no valid bbolt meta page"},
		{"directory", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "directory"},
		{"foreign bbolt file", func(t *testing.T, p string) {
			writeBolt(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("widgets"))
				if err != nil {
					return err
				}
				return b.Put([]byte("k"), []byte("v"))
			})
		}, `another program (bucket "widgets"`},
		{"truncated clockbot file", func(t *testing.T, p string) { write(t, p, validDBBytes(t)[:4096]) }, "truncated"},
		{"both meta pages damaged", func(t *testing.T, p string) {
			data := validDBBytes(t)
			data[16+56] ^= 0xff      // checksum of meta page 0
			data[4096+16+56] ^= 0xff // checksum of meta page 1
			write(t, p, data)
		}, "no valid bbolt meta page"},
		{"bad schema value", func(t *testing.T, p string) {
			writeBolt(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(bucketMeta)
				if err != nil {
					return err
				}
				return b.Put(keySchema, []byte("one"))
			})
		}, "schema version is 3 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			tc.make(t, path)
			before := snapshot(t, path)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open() succeeded; want ErrNotDatabase")
			}
			if !errors.Is(err, ErrNotDatabase) {
				t.Errorf("Open() error = %v; want ErrNotDatabase", err)
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tc.want) {
				t.Errorf("Open() error %q; want it to name %s and say %q", msg, path, tc.want)
			}
			if after := snapshot(t, path); !bytes.Equal(before, after) {
				t.Error("Open() changed the file it rejected")
			}
		})
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns the content of the file at path (nil for a directory).

func snapshot(t *testing.T, path string) []byte {
	t.Helper()
	if info, err := os.Stat(path); err != nil {
		t.Fatal(err)
	} else if info.IsDir() {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestOpenAcceptsBoltFiles(t *testing.T) {
	tests := []struct {
		name     string
		pageSize int
		damage   bool // break meta page 0: bbolt falls back to page 1
	}{
		{"default pages", 0, false},
		{"default pages, meta 0 damaged", 0, true},
		{"16 KiB pages", 16 << 10, false},
		{"16 KiB pages, meta 0 damaged", 16 << 10, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "clockbot.db")
			db, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: tc.pageSize})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(func(tx *bolt.Tx) error { return migrate(tx, 0, migrations) }); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if tc.damage {
				data := snapshot(t, path)
				data[boltPageHeaderSize+boltChecksumOffset] ^= 0xff
				write(t, path, data)
			}
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open() error: %v", err)
			}
			defer s.Close()
			if v, err := s.SchemaVersion(); err != nil || v != SchemaVersion {
				t.Errorf("SchemaVersion() = %d, %v; want %d", v, err, SchemaVersion)
			}
		})
	}
}
