package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readRepoFile reads a file at the root of the repository.
func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(b)
}

// TestPackaging checks what a newcomer builds and installs from: the
// license, the Dockerfile and its ignore file, go.mod and the Slack app
// manifest. No Docker engine is needed.
func TestPackaging(t *testing.T) {
	t.Run("LICENSE is MIT", func(t *testing.T) {
		l := readRepoFile(t, "LICENSE")
		for _, want := range []string{"MIT License", "Copyright (c) 2026 The clockbot authors", "THE SOFTWARE IS PROVIDED \"AS IS\""} {
			if !strings.Contains(l, want) {
				t.Errorf("LICENSE lacks %q", want)
			}
		}
	})
	t.Run("Dockerfile", func(t *testing.T) {
		d := readRepoFile(t, "Dockerfile")
		from := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(d, -1)
		if len(from) < 2 {
			t.Fatalf("Dockerfile has %d FROM lines, want a build and a final stage", len(from))
		}
		for _, m := range from {
			// Podman needs the registry: its first path part has a dot.
			if host, _, ok := strings.Cut(m[1], "/"); !ok || !strings.Contains(host, ".") {
				t.Errorf("FROM %s is not fully qualified (registry/repository:tag)", m[1])
			}
		}
		for _, want := range []string{
			"ARG VERSION", "ARG REVISION", "-X main.version=${VERSION}", "-X main.revision=${REVISION}", "./cmd/clockbot",
			`org.opencontainers.image.title="clockbot"`, "org.opencontainers.image.description=",
			`org.opencontainers.image.licenses="MIT"`, "org.opencontainers.image.source=",
			`org.opencontainers.image.version="${VERSION}"`, `org.opencontainers.image.revision="${REVISION}"`,
			"USER 65532:65532",
		} {
			if !strings.Contains(d, want) {
				t.Errorf("Dockerfile lacks %q", want)
			}
		}
	})
	t.Run(".dockerignore", func(t *testing.T) {
		lines := strings.Split(readRepoFile(t, ".dockerignore"), "\n")
		for _, want := range []string{".git", "*.db", "**/*.db", "/wt"} {
			if !slices.Contains(lines, want) {
				t.Errorf(".dockerignore lacks the line %q", want)
			}
		}
	})
	t.Run("go.mod asks for a language version", func(t *testing.T) {
		m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(readRepoFile(t, "go.mod"))
		// go mod tidy writes 1.N.0 when a dependency declares it; any 1.N.x
		// toolchain satisfies both forms, a later patch release would not.
		if m == nil || !regexp.MustCompile(`^1\.\d+(\.0)?$`).MatchString(m[1]) {
			t.Errorf("go.mod go directive = %v, want 1.N or 1.N.0 so that no toolchain is downloaded", m)
		}
		if strings.Contains(readRepoFile(t, "go.mod"), "\ntoolchain ") {
			t.Errorf("go.mod has a toolchain line; it switches a newcomer's Go")
		}
	})
	t.Run("manifest", func(t *testing.T) {
		mf := readRepoFile(t, "slack-app-manifest.yaml")
		if !strings.Contains(mf, "\n    messages_tab_read_only_enabled: true\n") {
			t.Errorf("the Messages tab is not read-only (features.app_home.messages_tab_read_only_enabled: true)")
		}
		desc := foldedScalar(mf, "  long_description: >-")
		if n := len([]rune(desc)); n < 175 || n > 4000 {
			t.Errorf("long_description has %d characters, Slack wants 175-4000:\n%s", n, desc)
		}
	})
}

// foldedScalar returns the text of the YAML folded block scalar that
// follows the line key, lines joined by spaces and empty lines kept as
// line breaks; enough for the manifest, which has no other YAML needs.
func foldedScalar(doc, key string) string {
	_, rest, ok := strings.Cut(doc, "\n"+key+"\n")
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(rest, "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			b.WriteString("\n")
		case strings.HasPrefix(l, "    "):
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteString(" ")
			}
			b.WriteString(strings.TrimSpace(l))
		default:
			return strings.TrimSpace(b.String())
		}
	}
	return strings.TrimSpace(b.String())
}
