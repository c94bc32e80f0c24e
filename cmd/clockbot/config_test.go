package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// clearEnv unsets every configuration variable for the test, so the
// developer's own environment cannot leak in.
func clearEnv(t *testing.T) {
	t.Helper()
	typ := reflect.TypeOf(Config{})
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Tag.Get("envconfig")
		for _, n := range []string{name, name + "_FILE"} {
			t.Setenv(n, "")
			os.Unsetenv(n)
		}
	}
}

func TestLoadConfigErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string
	}{
		{"missing key", map[string]string{}, "CLOCKIFY_API_KEY"},
		{"blank key", map[string]string{"CLOCKIFY_API_KEY": "   "}, "CLOCKIFY_API_KEY"},
		{"bad interval", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "SYNC_INTERVAL": "soon"}, "SYNC_INTERVAL"},
		{"tiny interval", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "SYNC_INTERVAL": "5s"}, "SYNC_INTERVAL"},
		{"backfill too long", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "SYNC_BACKFILL_DAYS": "366"}, "SYNC_BACKFILL_DAYS"},
		{"backfill not a number", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "SYNC_BACKFILL_DAYS": "ten"}, "SYNC_BACKFILL_DAYS"},
		{"rps zero", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_MAX_RPS": "0"}, "CLOCKIFY_MAX_RPS"},
		{"concurrency zero", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_CONCURRENCY": "0"}, "CLOCKIFY_CONCURRENCY"},
		{"concurrency too high", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_CONCURRENCY": "64"}, "CLOCKIFY_CONCURRENCY"},
		{"concurrency not a number", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_CONCURRENCY": "four"}, "CLOCKIFY_CONCURRENCY"},
		{"retention too short", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "RETENTION_DAYS": "7"}, "RETENTION_DAYS"},
		{"retention below the backfill", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "RETENTION_DAYS": "100", "SYNC_BACKFILL_DAYS": "200"}, "RETENTION_DAYS"},
		{"retention not a number", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "RETENTION_DAYS": "a year"}, "RETENTION_DAYS"},
		{"bad api url", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_API_URL": "ftp://x"}, "CLOCKIFY_API_URL"},
		{"bad reports url", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_REPORTS_URL": "not a url"}, "CLOCKIFY_REPORTS_URL"},
		{"bad level", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{"bad format", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{"key and key file", map[string]string{"CLOCKIFY_API_KEY": "k-123456", "CLOCKIFY_API_KEY_FILE": "/nonexistent"}, "CLOCKIFY_API_KEY_FILE"},
		{"missing key file", map[string]string{"CLOCKIFY_API_KEY_FILE": "/nonexistent/key"}, "CLOCKIFY_API_KEY_FILE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := loadConfig()
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("loadConfig() error = %v, want a *ConfigError", err)
			}
			if ce.Var != tc.wantVar || !strings.Contains(err.Error(), tc.wantVar) {
				t.Errorf("loadConfig() error = %q (var %s), want it to name %s", err, ce.Var, tc.wantVar)
			}
			if got := exitCode(err); got != 2 {
				t.Errorf("exitCode() = %d, want 2", got)
			}
		})
	}
}

func TestLoadConfigDefaultsAndSecretFile(t *testing.T) {
	clearEnv(t)
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("secret-from-file-123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CLOCKIFY_API_KEY_FILE", path)
	c, err := loadConfig()
	if err != nil {
		t.Fatalf("loadConfig() error: %v", err)
	}
	if c.ClockifyAPIKey.Reveal() != "secret-from-file-123" {
		t.Errorf("key from file = %q, want the file's trimmed content", c.ClockifyAPIKey.Reveal())
	}
	want := Config{
		ClockifyAPIKey:      c.ClockifyAPIKey,
		ClockifyAPIURL:      "https://api.clockify.me/api/v1",
		ClockifyReportsURL:  "https://reports.api.clockify.me/v1",
		ClockifyMaxRPS:      25,
		ClockifyConcurrency: 4,
		DB:                  "clockbot.db",
		SyncInterval:        c.SyncInterval,
		SyncBackfillDays:    30,
		RetentionDays:       400,
		LogLevel:            "info",
		LogFormat:           "text",
		SlackAPIURL:         "https://slack.com/api/",
		ReportSchedule:      "MON 09:00",
		ReportTimezone:      "UTC",
		ReportMinHours:      25,
		ReportWorkdays:      "Mon,Tue,Wed,Thu,Fri",
		ReportHoursPerDay:   8,
		ReportDelivery:      "group_dm",
		ReportChannelPrefix: "hours-",
		ReportHeadsUp:       "15:00",
		HTTPAddr:            ":8080",
	}
	if c.SyncInterval.String() != "15m0s" {
		t.Errorf("SyncInterval = %v, want 15m", c.SyncInterval)
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("loadConfig() mismatch:\n got %+v\nwant %+v", c, want)
	}
}

func TestSecretNeverPrintedInFull(t *testing.T) {
	c := Config{ClockifyAPIKey: "abcdefghijklmnop"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, c)
		if strings.Contains(out, "abcdefghijklmnop") || strings.Contains(out, "fghij") {
			t.Errorf("Sprintf(%q, config) = %q: leaks the key", format, out)
		}
	}
	if got := c.ClockifyAPIKey.String(); got != "abcde…" {
		t.Errorf("Secret.String() = %q, want %q", got, "abcde…")
	}
	if got := Secret("abc").String(); got != "…" {
		t.Errorf("short Secret.String() = %q, want only the ellipsis", got)
	}
}

func TestHelpListsEveryVariable(t *testing.T) {
	var buf bytes.Buffer
	if err := run(t.Context(), []string{"help"}, &buf, &buf); err != nil {
		t.Fatalf("help: %v", err)
	}
	typ := reflect.TypeOf(Config{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name := f.Tag.Get("envconfig")
		line := lineWith(buf.String(), name)
		if line == "" {
			t.Errorf("help does not list %s", name)
			continue
		}
		if d := f.Tag.Get("default"); d != "" && !strings.Contains(line, d) {
			t.Errorf("help line %q lacks the default %q", line, d)
		}
		if d := f.Tag.Get("desc"); d == "" || !strings.Contains(line, d) {
			t.Errorf("help line %q lacks the meaning of %s", line, name)
		}
	}
}

func lineWith(s, word string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, word+" ") {
			return l
		}
	}
	return ""
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"sync", "--days", "x"}, {"sync", "--days", "400"}, {"sync", "extra"}} {
		err := run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || exitCode(err) != 2 {
			t.Errorf("run(%q) = %v, want a usage error with exit status 2", args, err)
		}
	}
}

// TestReportsURLFollowsTheRegion checks that a regional CLOCKIFY_API_URL
// alone gives the same region's reports URL (the document's "API URLs"), an
// explicit CLOCKIFY_REPORTS_URL wins, and an API URL elsewhere without a
// reports URL names CLOCKIFY_REPORTS_URL.
func TestReportsURLFollowsTheRegion(t *testing.T) {
	for _, tc := range []struct {
		name, api, reports string
		want, wantVar      string
	}{
		{"global", "", "", "https://reports.api.clockify.me/v1", ""},
		{"EU region", "https://euc1.clockify.me/api/v1", "", "https://euc1.clockify.me/report/v1", ""},
		{"AU region", "https://apse2.clockify.me/api/v1", "", "https://apse2.clockify.me/report/v1", ""},
		{"developer", "https://developer.clockify.me/api/v1", "", "https://developer.clockify.me/report/v1", ""},
		{"explicit reports URL wins", "https://euc1.clockify.me/api/v1", "https://yourname.clockify.me/report/v1", "https://yourname.clockify.me/report/v1", ""},
		{"unknown host needs the variable", "https://clockify.example.com/api/v1", "", "", "CLOCKIFY_REPORTS_URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("CLOCKIFY_API_KEY", "k-123456")
			if tc.api != "" {
				t.Setenv("CLOCKIFY_API_URL", tc.api)
			}
			if tc.reports != "" {
				t.Setenv("CLOCKIFY_REPORTS_URL", tc.reports)
			}
			c, err := loadConfig()
			if tc.wantVar != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || ce.Var != tc.wantVar {
					t.Fatalf("loadConfig() error = %v, want one naming %s", err, tc.wantVar)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadConfig() error: %v", err)
			}
			if c.ClockifyReportsURL != tc.want {
				t.Errorf("reports URL = %q, want %q", c.ClockifyReportsURL, tc.want)
			}
		})
	}
}
