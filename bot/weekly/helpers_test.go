package weekly

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones must not depend on the host's zoneinfo
)

// diff returns "" when want and got marshal to the same JSON, else a line
// diff of the two, "-" for want and "+" for got.
func diff(t *testing.T, want, got any) string {
	t.Helper()
	a, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatalf("marshal want: %v", err)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatalf("marshal got: %v", err)
	}
	if string(a) == string(b) {
		return ""
	}
	x, y := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	// Longest common subsequence of lines.
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			fmt.Fprintf(&sb, "  %s\n", x[i])
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] > lcs[i+1][j]):
			fmt.Fprintf(&sb, "+ %s\n", y[j])
			j++
		default:
			fmt.Fprintf(&sb, "- %s\n", x[i])
			i++
		}
	}
	return sb.String()
}

// mustZone loads an IANA zone or fails the test.
func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// at returns a UTC time in November 2026 (week 2026-W46 runs from Monday
// the 9th to Sunday the 15th).
func at(day, hour, min int) time.Time {
	return time.Date(2026, time.November, day, hour, min, 0, 0, time.UTC)
}

func ptr[T any](v T) *T { return &v }
