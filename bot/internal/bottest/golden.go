package bottest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Update, set by the -update flag, rewrites golden files instead of
// comparing with them.
var Update = flag.Bool("update", false, "rewrite golden files")

// LineDiff lists the lines that differ between want and got, "" when they
// are equal.
func LineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// UnescapeHTMLJSON turns the \u003c, \u003e and \u0026 escapes of
// encoding/json (slack-go's blocks marshal with them) back into < > & so
// golden files are readable, and checks the JSON still means the same.
func UnescapeHTMLJSON(t *testing.T, raw []byte) []byte {
	t.Helper()
	out := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(raw))
	var before, after any
	if err := json.Unmarshal(raw, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &after); err != nil || !reflect.DeepEqual(before, after) {
		t.Fatalf("unescaping changed the JSON (err %v)", err)
	}
	return []byte(out)
}

// CheckGolden compares raw JSON, indented and with <, > and & readable,
// with testdata/<dir>/<name>.golden.json; -update rewrites it.
func CheckGolden(t *testing.T, dir, name string, raw []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		t.Fatalf("indent %s: %v", name, err)
	}
	buf.WriteByte('\n')
	got := UnescapeHTMLJSON(t, buf.Bytes())
	path := filepath.Join("testdata", dir, name+".golden.json")
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := LineDiff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), run with -update once checked:\n%s", path, diff)
	}
}

// AssertNoHostileText fails when a published view holds unescaped markup.
func AssertNoHostileText(t *testing.T, raw []byte) {
	t.Helper()
	s := string(UnescapeHTMLJSON(t, raw))
	if strings.Contains(s, "<!here>") || strings.Contains(s, "<b>") {
		t.Errorf("view holds unescaped markup: %s", s)
	}
}
