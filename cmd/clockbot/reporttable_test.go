package main

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestReportTable checks the readable forms of `clockbot report` against
// golden files: flagged people first, hours as h:mm, reasons in words, a
// shortfall column and totals; --flagged-only and --csv; and, without
// Slack, no warning about the Slack ids the table does not show.
func TestReportTable(t *testing.T) {
	for _, tc := range []struct {
		name, golden string
		args         []string
	}{
		{"table", "report_w46_table.golden", nil},
		{"flagged only", "report_w46_flagged.golden", []string{"--flagged-only"}},
		{"csv", "report_w46.golden.csv", []string{"--csv"}},
		{"csv flagged only", "report_w46_flagged.golden.csv", []string{"--csv", "--flagged-only"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cf := clockifytest.NewTB(t)
			reportWorkspace(t, cf, slacktest.NewTB(t))
			fakeEnv(t, cf)
			t.Setenv("REPORT_EXCLUDE", "cat@example.com")
			t.Setenv("REPORT_TARGETS", "dan@example.com=32")
			var out, errOut bytes.Buffer
			args := append([]string{"report", "--week", "2026-W46"}, tc.args...)
			if err := run(t.Context(), args, &out, &errOut); err != nil {
				t.Fatalf("report %q: %v\nstderr: %s", tc.args, err, errOut.String())
			}
			golden(t, filepath.Join("testdata", tc.golden), out.Bytes())
			if strings.Contains(errOut.String(), "warning") {
				t.Errorf("stderr warns although the output shows no Slack ids:\n%s", errOut.String())
			}
			if strings.HasSuffix(tc.golden, ".csv") {
				recs, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
				if err != nil || len(recs) < 2 {
					t.Fatalf("--csv output is not CSV with rows: %v, %d records", err, len(recs))
				}
			}
		})
	}
}

// TestReportEmptyDatabase checks that a report from a database that was
// never synced says to sync first instead of printing an empty table.
func TestReportEmptyDatabase(t *testing.T) {
	cf := clockifytest.NewTB(t)
	fakeEnv(t, cf)
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"report", "--week", "2026-W46", "--offline"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "clockbot sync") {
		t.Fatalf("report --offline on an empty database = %v, want it to say to run clockbot sync first\nstdout: %s", err, out.String())
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out.String())
	}
}
