package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version and revision are set at build time, as the Dockerfile does:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.revision=$(git rev-parse HEAD)" ./cmd/clockbot
//
// When they are empty, versionText falls back to what the Go toolchain
// recorded in the binary.
var (
	version  string
	revision string
)

// runVersion is `clockbot version` and `clockbot --version`.
func runVersion(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return &usageError{msg: fmt.Sprintf("version: unexpected argument %q", args[0])}
	}
	info, _ := debug.ReadBuildInfo()
	_, err := fmt.Fprintln(stdout, "clockbot", versionText(version, revision, info))
	return err
}

// versionText describes a build in one line: the version set with -ldflags,
// else the module version the toolchain stamped (`go install ...@v1.2.0`),
// else "devel"; followed, when known, by the VCS revision, its commit time
// and whether the work tree had uncommitted changes. info may be nil.
func versionText(ldVersion, ldRevision string, info *debug.BuildInfo) string {
	v := ldVersion
	var rev, at string
	modified := false
	if info != nil {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if ldRevision != "" {
		rev, at, modified = ldRevision, "", false
	}
	if v == "" {
		v = "devel"
	}
	var details []string
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		details = append(details, "revision "+rev)
	}
	if at != "" {
		details = append(details, at)
	}
	if modified {
		details = append(details, "modified")
	}
	if len(details) == 0 {
		return v
	}
	return v + " (" + strings.Join(details, ", ") + ")"
}
