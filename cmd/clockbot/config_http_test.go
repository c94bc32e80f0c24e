package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestHTTPConfig(t *testing.T) {
	const shared = "s3cr3t-shared-with-the-clock"
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string // "" for valid
	}{
		{"defaults", map[string]string{}, ""},
		{"listener off", map[string]string{"HTTP_ADDR": ""}, ""},
		{"host and port", map[string]string{"HTTP_ADDR": "127.0.0.1:9090"}, ""},
		{"port only", map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{"port out of range", map[string]string{"HTTP_ADDR": ":70000"}, "HTTP_ADDR"},
		{"port not a number", map[string]string{"HTTP_ADDR": ":http"}, "HTTP_ADDR"},
		{"tokens", map[string]string{"CLOCKIFY_WEBHOOK_TOKENS": "tok-a,tok-b"}, ""},
		{"empty token", map[string]string{"CLOCKIFY_WEBHOOK_TOKENS": "tok-a,,tok-b"}, "CLOCKIFY_WEBHOOK_TOKENS"},
		{"shared secret", map[string]string{"TIMECLOCK_WEBHOOK_SECRET": shared}, ""},
		{"short shared secret", map[string]string{"TIMECLOCK_WEBHOOK_SECRET": "short-secret"}, "TIMECLOCK_WEBHOOK_SECRET"},
		{"signing secret with a space", map[string]string{"SLACK_SIGNING_SECRET": "8f742231b10e 8888abcd"}, "SLACK_SIGNING_SECRET"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("CLOCKIFY_API_KEY", "k-123456")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := loadConfig()
			if tc.wantVar == "" {
				if err != nil {
					t.Fatalf("loadConfig() error: %v", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Var != tc.wantVar {
				t.Fatalf("loadConfig() error = %v, want one naming %s", err, tc.wantVar)
			}
			for _, v := range tc.env {
				if len(v) > 5 && tc.wantVar != "HTTP_ADDR" && strings.Contains(err.Error(), v[:6]) {
					t.Errorf("the error shows the secret: %v", err)
				}
			}
		})
	}
}

func TestWebhookSecretsFromFiles(t *testing.T) {
	clearEnv(t)
	t.Setenv("CLOCKIFY_API_KEY", "k-123456")
	dir := t.TempDir()
	for name, v := range map[string]string{
		"CLOCKIFY_WEBHOOK_TOKENS":  "tok-a, tok-b\n",
		"TIMECLOCK_WEBHOOK_SECRET": "a-long-shared-secret-42\n",
		"SLACK_SIGNING_SECRET":     "8f742231b10e8888abcd99yyyzzz85a5\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(v), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv(name+"_FILE", p)
	}
	c, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.WebhookTokens(); !slices.Equal(got, []string{"tok-a", "tok-b"}) {
		t.Errorf("WebhookTokens() = %v", got)
	}
	if c.TimeclockWebhookSecret.Reveal() != "a-long-shared-secret-42" || c.SlackSigningSecret.Reveal() != "8f742231b10e8888abcd99yyyzzz85a5" {
		t.Error("secrets from files not read")
	}
}
