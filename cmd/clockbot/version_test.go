package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := func(main string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/clockbot/clockbot", Version: main}}
		for i := 0; i+1 < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	const rev = "59eaf14ebe6515a7dfac5bbecc3f12cc5d54beb8"
	tests := []struct {
		name       string
		ldVersion  string
		ldRevision string
		info       *debug.BuildInfo
		want       string
	}{
		{"nothing known", "", "", nil, "devel"},
		{"go build without VCS", "", "", vcs("(devel)"), "devel"},
		{"go build in a clean checkout", "", "", vcs("(devel)", "vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-06T23:36:04Z", "vcs.modified", "false"),
			"devel (revision 59eaf14ebe65, 2026-12-06T23:36:04Z)"},
		{"go build with local changes", "", "", vcs("(devel)", "vcs.revision", rev, "vcs.time", "2026-12-06T23:36:04Z", "vcs.modified", "true"),
			"devel (revision 59eaf14ebe65, 2026-12-06T23:36:04Z, modified)"},
		{"go install at a tag", "", "", vcs("v1.2.0"), "v1.2.0"},
		{"ldflags version", "v1.3.0", "", vcs("(devel)"), "v1.3.0"},
		{"ldflags version wins over the module version", "v1.3.0", "", vcs("v1.2.0"), "v1.3.0"},
		{"ldflags version and revision, no VCS in the build context", "v1.3.0", rev, nil, "v1.3.0 (revision 59eaf14ebe65)"},
		{"ldflags revision wins over VCS", "v1.3.0", "abc1234", vcs("(devel)", "vcs.revision", rev, "vcs.time", "2026-12-06T23:36:04Z", "vcs.modified", "true"),
			"v1.3.0 (revision abc1234)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := versionText(tc.ldVersion, tc.ldRevision, tc.info); got != tc.want {
				t.Errorf("versionText() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	old := version
	version = "v1.4.0-test"
	t.Cleanup(func() { version = old })
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			clearEnv(t)
			var stdout, stderr bytes.Buffer
			if err := run(t.Context(), args, &stdout, &stderr); err != nil {
				t.Fatalf("run(%q) = %v", args, err)
			}
			if got := stdout.String(); !strings.HasPrefix(got, "clockbot v1.4.0-test") || !strings.HasSuffix(got, "\n") || strings.Count(got, "\n") != 1 {
				t.Errorf("stdout = %q, want one line starting with clockbot v1.4.0-test", got)
			}
		})
	}
}

// TestVersionLinkerFlag builds the binary as the Dockerfile does and runs
// it, so the -X main.version and main.revision names cannot drift from the
// variables.
func TestVersionLinkerFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "clockbot")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin,
		"-ldflags", "-X main.version=v7.7.7 -X main.revision=0123456789abcdef", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.CommandContext(t.Context(), bin, "--version").Output()
	if err != nil {
		t.Fatalf("clockbot --version: %v", err)
	}
	if got, want := string(out), "clockbot v7.7.7 (revision 0123456789ab)\n"; got != want {
		t.Errorf("clockbot --version = %q, want %q", got, want)
	}
}
