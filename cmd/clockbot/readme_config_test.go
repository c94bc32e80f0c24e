package main

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// readmeConfigRow is a row of README.md's configuration table:
// | `NAME` | default | meaning |.
var readmeConfigRow = regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|([^|]*)\\|(.+)\\|$")

// readmeOnlyVariables are read outside Config (by the demo alone).
var readmeOnlyVariables = map[string]bool{"DEMO_ADDR": true}

// TestReadmeListsEveryVariable: README.md's configuration table has a row
// for every variable of Config, with its default, and no row for a
// variable clockbot does not read.
func TestReadmeListsEveryVariable(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{} // name → default cell
	for _, m := range readmeConfigRow.FindAllStringSubmatch(string(raw), -1) {
		rows[m[1]] = strings.TrimSpace(m[2])
	}
	typ := reflect.TypeOf(Config{})
	known := map[string]bool{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name := f.Tag.Get("envconfig")
		known[name] = true
		t.Run(name, func(t *testing.T) {
			def, ok := rows[name]
			if !ok {
				t.Fatalf("README's configuration table has no row for %s", name)
			}
			if d := f.Tag.Get("default"); d != "" && def != "`"+d+"`" {
				t.Errorf("README gives %s the default %s, clockbot uses `%s`", name, def, d)
			}
		})
	}
	for name := range rows {
		if !known[name] && !readmeOnlyVariables[name] {
			t.Errorf("README's configuration table lists %s, which clockbot does not read", name)
		}
	}
}
