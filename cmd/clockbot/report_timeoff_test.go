package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestReportJSONWithoutTimeOffFeature checks `report --json` against a
// workspace without Clockify's paid Time off feature: the report is still
// made, says days off are unavailable, and knows every person's managers
// from the one users request.
func TestReportJSONWithoutTimeOffFeature(t *testing.T) {
	cf := clockifytest.NewTB(t, clockifytest.WithTimeOffDisabled())
	sl := slacktest.NewTB(t)
	reportWorkspace(t, cf, sl)
	fakeEnv(t, cf)
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"report", "--week", "2026-W46", "--json"}, &out, &errOut); err != nil {
		t.Fatalf("report: %v\nstderr: %s", err, errOut.String())
	}
	var rep struct {
		DaysOffUnavailable bool `json:"daysOffUnavailable"`
		Users              []struct {
			Email    string `json:"email"`
			Managers []struct {
				Email string `json:"email"`
			} `json:"managers"`
		} `json:"users"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not the report: %v\n%s", err, out.String())
	}
	if !rep.DaysOffUnavailable {
		t.Error("daysOffUnavailable = false, want true")
	}
	managed := map[string]bool{"ann@example.com": true, "bob@example.com": true, "dan@example.com": true}
	for _, u := range rep.Users {
		if managed[u.Email] && (len(u.Managers) != 1 || u.Managers[0].Email != "mia@example.com") {
			t.Errorf("managers of %s = %+v, want Mia", u.Email, u.Managers)
		}
	}
	for _, r := range cf.RequestLog() {
		if r.Method == "GET" && bytes.Contains([]byte(r.Path), []byte("/managers")) {
			t.Errorf("per-user managers request %s; managers come with the users list", r.Path)
		}
	}
}
