package slacktest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testCtx is a context that fails a hanging test after 10 seconds.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// fixedClock is a clock standing still at 2023-11-14T22:13:20Z
// (1700000000).
func fixedClock() time.Time { return time.Unix(1700000000, 0).UTC() }

// tickingClock starts at fixedClock's time and moves one second at each
// reading, so that no rate limit is reached.
func tickingClock() func() time.Time {
	var mu sync.Mutex
	t := fixedClock()
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

// newAPI is the real slack-go client pointed at s.
func newAPI(s *Server) *slack.Client {
	return slack.New(s.BotToken, slack.OptionAppLevelToken(s.AppToken), slack.OptionAPIURL(s.APIURL))
}

// seeded is a fake with a few users and a channel the bot is in.
func seeded(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := NewTB(t, opts...)
	for _, u := range []User{
		{ID: "U1", Email: "ann@example.com", Name: "ann", RealName: "Ann Lee", TZ: "Europe/Berlin"},
		{ID: "U2", Email: "bob@example.com", Name: "bob", RealName: "Bob Roy"},
		{ID: "U3", Email: "cy@example.com", Name: "cy", RealName: "Cy Park"},
		{ID: "UGONE", Email: "gone@example.com", Name: "gone", Deleted: true},
	} {
		s.AddUser(u)
	}
	s.AddChannel("CGEN", "general", false, s.BotUserID, "U1")
	return s
}

// wantSlackError fails unless err is the Slack API error code.
func wantSlackError(t *testing.T, err error, code string) {
	t.Helper()
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != code {
		t.Fatalf("error = %v, want Slack error %q", err, code)
	}
}

// mustNoErr fails the test on err.
func mustNoErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// assertEqual compares got and want deeply.
func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", what, got, want)
	}
}

// assertJSON compares two JSON documents semantically.
func assertJSON(t *testing.T, what string, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: got invalid JSON %q: %v", what, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want invalid JSON %q: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: got %s, want %s", what, got, want)
	}
}

// golden compares got, indented JSON, with testdata/name, or rewrites the
// file with -update.
func golden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	mustNoErr(t, "marshal golden", err)
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		mustNoErr(t, "mkdir testdata", os.MkdirAll("testdata", 0o755))
		mustNoErr(t, "write golden", os.WriteFile(path, b, 0o644))
	}
	want, err := os.ReadFile(path)
	mustNoErr(t, "read golden (run with -update to create)", err)
	if string(want) != string(b) {
		t.Errorf("%s mismatch (-want +got):\n-%s\n+%s", path, want, b)
	}
}
