package main

import (
	"errors"
	"strings"
	"testing"
)

// TestLoadConfigRefusesNonFiniteNumbers: strconv.ParseFloat accepts NaN and
// Inf, which compare false with every bound and used to slip through as
// thresholds that flag nobody (or everybody).
func TestLoadConfigRefusesNonFiniteNumbers(t *testing.T) {
	tests := []struct {
		name, key, value, wantVar string
	}{
		{"min hours NaN", "REPORT_MIN_HOURS", "NaN", "REPORT_MIN_HOURS"},
		{"min hours Inf", "REPORT_MIN_HOURS", "+Inf", "REPORT_MIN_HOURS"},
		{"min hours negative", "REPORT_MIN_HOURS", "-1", "REPORT_MIN_HOURS"},
		{"hours per day NaN", "REPORT_HOURS_PER_DAY", "NaN", "REPORT_HOURS_PER_DAY"},
		{"hours per day -Inf", "REPORT_HOURS_PER_DAY", "-Inf", "REPORT_HOURS_PER_DAY"},
		{"hours per day zero", "REPORT_HOURS_PER_DAY", "0", "REPORT_HOURS_PER_DAY"},
		{"target NaN", "REPORT_TARGETS", "x@y=NaN", "REPORT_TARGETS"},
		{"target Inf", "REPORT_TARGETS", "a@b.c=10,x@y=inf", "REPORT_TARGETS"},
		{"max rps NaN", "CLOCKIFY_MAX_RPS", "NaN", "CLOCKIFY_MAX_RPS"},
		{"max rps Inf", "CLOCKIFY_MAX_RPS", "Inf", "CLOCKIFY_MAX_RPS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("CLOCKIFY_API_KEY", "k-123456")
			t.Setenv(tc.key, tc.value)
			_, err := loadConfig()
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Var != tc.wantVar || !strings.Contains(err.Error(), tc.wantVar) {
				t.Fatalf("loadConfig() with %s=%s = %v, want a configuration error naming %s", tc.key, tc.value, err, tc.wantVar)
			}
			if exitCode(err) != 2 {
				t.Errorf("exitCode = %d, want 2", exitCode(err))
			}
		})
	}
}

// TestLoadConfigReportsEveryProblemAtOnce: a start with several wrong
// variables names all of them, so they are fixed in one round.
func TestLoadConfigReportsEveryProblemAtOnce(t *testing.T) {
	clearEnv(t)
	env := map[string]string{
		"SYNC_INTERVAL":        "5s",
		"LOG_FORMAT":           "xml",
		"REPORT_MIN_HOURS":     "NaN",
		"REPORT_HOURS_PER_DAY": "NaN",
		"REPORT_TARGETS":       "x@y=NaN",
		"REPORT_TIMEZONE":      "Mars/Olympus",
		"REPORT_DELIVERY":      "pigeon",
		"REPORT_HEADSUP":       "3pm",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	_, err := loadConfig()
	if err == nil {
		t.Fatal("loadConfig() = nil, want every problem")
	}
	want := []string{"CLOCKIFY_API_KEY"}
	for k := range env {
		want = append(want, k)
	}
	for _, v := range want {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error %q does not name %s", err, v)
		}
	}
	var ce *ConfigError
	if !errors.As(err, &ce) || exitCode(err) != 2 {
		t.Errorf("error %v is not a configuration error (exit %d)", err, exitCode(err))
	}
}

// TestLoadConfigReportsEveryUnparsableVariable: values envconfig cannot
// parse are all named too, with the other problems, not one per start.
func TestLoadConfigReportsEveryUnparsableVariable(t *testing.T) {
	clearEnv(t)
	env := map[string]string{
		"CLOCKIFY_API_KEY":   "k-123456",
		"SYNC_INTERVAL":      "soon",
		"SYNC_BACKFILL_DAYS": "ten",
		"REPORT_MIN_HOURS":   "many",
		"LOG_FORMAT":         "xml",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	_, err := loadConfig()
	for _, v := range []string{"SYNC_INTERVAL", "SYNC_BACKFILL_DAYS", "REPORT_MIN_HOURS", "LOG_FORMAT"} {
		if err == nil || !strings.Contains(err.Error(), v) {
			t.Errorf("loadConfig() = %v; want it to name %s", err, v)
		}
	}
	if err != nil && strings.Count(err.Error(), "SYNC_INTERVAL") != 1 {
		t.Errorf("error %q names SYNC_INTERVAL more than once", err)
	}
	if exitCode(err) != 2 {
		t.Errorf("exitCode = %d, want 2", exitCode(err))
	}
}

// TestHeadsUpVariable: REPORT_HEADSUP is a time of day or off.
func TestHeadsUpVariable(t *testing.T) {
	for _, tc := range []struct{ value, want, wantErr string }{
		{"15:00", "15:00", ""},
		{"9:30", "09:30", ""},
		{"off", "off", ""},
		{"OFF", "off", ""},
		{"25:00", "", "REPORT_HEADSUP"},
		{"3pm", "", "REPORT_HEADSUP"},
	} {
		t.Run(tc.value, func(t *testing.T) {
			got, err := (&Config{ReportHeadsUp: tc.value}).headsUp()
			if got != tc.want || (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("headsUp(%q) = %q, %v; want %q, error naming %q", tc.value, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
