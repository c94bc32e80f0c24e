package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestTruncatedWorkspaceListIsNotAConfigError makes Clockify answer a
// truncated list of workspaces: once, the next answer is believed; every
// time, the error says Clockify's list is incomplete and to retry, not that
// the configuration is wrong.
func TestTruncatedWorkspaceListIsNotAConfigError(t *testing.T) {
	tests := []struct {
		name        string
		workspaceID string
		shortTimes  int    // truncated answers in a row; 0 = none
		want        string // "" = sync succeeds
		wantCode    int
	}{
		{"truncated once, workspace set", clockifytest.DefaultWorkspaceID, 1, "", 0},
		{"truncated once, workspace unset", "", 1, "", 0},
		{"truncated every time, workspace set", clockifytest.DefaultWorkspaceID, 5, "incomplete list of workspaces", 1},
		{"truncated every time, workspace unset", "", 5, "incomplete list of workspaces", 1},
		{"a workspace the key does not see", "ws-nope", 0, `"ws-nope" is not a workspace of this key; it sees: ws-1 (Acme)`, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cf := clockifytest.NewTB(t)
			if tc.shortTimes > 0 {
				cf.InjectFault(clockifytest.Fault{Method: "GET", PathContains: "/workspaces", ShortPage: true, Times: tc.shortTimes})
			}
			fakeEnv(t, cf)
			t.Setenv("CLOCKIFY_WORKSPACE_ID", tc.workspaceID)
			var stderr bytes.Buffer
			err := run(t.Context(), []string{"sync", "--days", "1"}, &bytes.Buffer{}, &stderr)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("sync = %v, want success\nstderr: %s", err, stderr.String())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("sync = %v, want an error saying %q", err, tc.want)
			}
			if got := exitCode(err); got != tc.wantCode {
				t.Errorf("exit code %d, want %d (error %v)", got, tc.wantCode, err)
			}
		})
	}
}
