package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"context"

	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacksig"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

const testSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// postSlack POSTs body to path of the bot as Slack does in HTTP mode,
// signed with secret at ts, and returns the status and the response body.
func (rb *runningBot) postSlack(path, contentType, body, secret string, ts time.Time) (int, string) {
	rb.t.Helper()
	req, err := http.NewRequest(http.MethodPost, rb.url(path), strings.NewReader(body))
	if err != nil {
		rb.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set(slacksig.TimestampHeader, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(slacksig.SignatureHeader, slacksig.Sign(secret, ts.Unix(), []byte(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		rb.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// slashForm is the form Slack posts for /tt text by userID.
func slashForm(text, userID, responseURL string) string {
	return url.Values{
		"token": {"legacy"}, "team_id": {"T1"}, "channel_id": {"D1"}, "user_id": {userID}, "user_name": {"ann"},
		"command": {"/tt"}, "text": {text}, "response_url": {responseURL}, "trigger_id": {"1.2.3"},
	}.Encode()
}

// TestRunSlackHTTPMode: with SLACK_SIGNING_SECRET and no app token, `run`
// serves /tt, the buttons and the Events API over HTTP through the same
// handlers as Socket Mode, only for correctly signed, fresh requests.
func TestRunSlackHTTPMode(t *testing.T) {
	cf, sl := socketEnv(t)
	t.Setenv("SLACK_APP_TOKEN", "")
	t.Setenv("SLACK_SIGNING_SECRET", testSigningSecret)
	testSlackRuntime = slackapp.Config{AckBudget: 200 * time.Millisecond}
	t.Cleanup(func() { testSlackRuntime = slackapp.Config{} })
	rb := startRun(t)
	rb.waitFor("/readyz to answer 200 in HTTP mode", func() bool { code, _ := rb.get("/readyz"); return code == http.StatusOK })
	form := "application/x-www-form-urlencoded"
	now := time.Now()

	t.Run("url_verification", func(t *testing.T) {
		code, body := rb.postSlack("/slack/events", "application/json", `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, testSigningSecret, now)
		if code != http.StatusOK || !strings.Contains(body, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P") {
			t.Errorf("url_verification = %d %s, want the challenge", code, body)
		}
	})
	refused := []struct {
		name   string
		secret string
		ts     time.Time
	}{
		{"bad signature", "not-the-signing-secret-000000000", now},
		{"timestamp older than 5 minutes", testSigningSecret, now.Add(-6 * time.Minute)},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			ru, _ := sl.NewResponseURL()
			code, body := rb.postSlack("/slack/commands", form, slashForm("notify on", "UANN", ru), tc.secret, tc.ts)
			if code != http.StatusUnauthorized {
				t.Errorf("POST /slack/commands = %d %s, want 401", code, body)
			}
			if strings.Contains(body, "notify") || strings.Contains(body, testSigningSecret) {
				t.Errorf("refusal body %q says too much", body)
			}
		})
	}
	t.Run("/tt status answered in the response", func(t *testing.T) {
		ru, _ := sl.NewResponseURL()
		code, body := rb.postSlack("/slack/commands", form, slashForm("status", "UANN", ru), testSigningSecret, time.Now())
		var msg struct {
			Text string `json:"text"`
		}
		if code != http.StatusOK || json.Unmarshal([]byte(body), &msg) != nil || !strings.Contains(msg.Text, "yesterday's work") && !strings.Contains(msg.Text, "No timer") {
			t.Errorf("/tt status = %d %s, want the status in the response", code, body)
		}
	})
	t.Run("slow /tt start answered through response_url", func(t *testing.T) {
		cf.InjectFault(clockifytest.Fault{Method: http.MethodPost, PathContains: "/time-entries", Delay: 2 * time.Second, Times: 1})
		ru, n := sl.NewResponseURL()
		code, body := rb.postSlack("/slack/commands", form, slashForm("start -- http work", "UANN", ru), testSigningSecret, time.Now())
		if code != http.StatusOK || !strings.Contains(body, "Working on it") {
			t.Errorf("slow /tt start = %d %s, want the working note", code, body)
		}
		wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
		defer stop()
		posts, err := sl.WaitResponse(wait, 1)
		if err != nil {
			t.Fatalf("no response_url post: %v", err)
		}
		found := false
		for _, p := range posts {
			if p.N == n && strings.Contains(string(p.Body), "http work") {
				found = true
			}
		}
		if !found {
			t.Errorf("response_url %d never got the answer; posts: %+v", n, posts)
		}
	})
	t.Run("button press", func(t *testing.T) {
		payload, _ := json.Marshal(map[string]any{
			"type": "block_actions", "user": map[string]any{"id": "UANN"}, "team": map[string]any{"id": "T1"},
			"container": map[string]any{"type": "view"}, "trigger_id": "1.2.4",
			"actions": []any{map[string]any{"type": "button", "action_id": "home_notify", "block_id": "home_notify", "value": "on"}},
		})
		code, body := rb.postSlack("/slack/interactions", form, url.Values{"payload": {string(payload)}}.Encode(), testSigningSecret, time.Now())
		if code != http.StatusOK {
			t.Fatalf("button press = %d %s, want 200", code, body)
		}
		wait, stop := context.WithTimeout(t.Context(), 20*time.Second)
		defer stop()
		if _, err := sl.WaitCall(wait, "views.publish", func(c slacktest.Call) bool { return c.Params.Get("user_id") == "UANN" }); err != nil {
			t.Errorf("the button's Home tab was not published: %v", err)
		}
	})
	if len(sl.Calls("apps.connections.open")) != 0 {
		t.Error("HTTP mode without an app token opened a Socket Mode connection")
	}
}

// TestRunHTTPModeNeedsTheListener: Slack's HTTP mode without a listener
// is a configuration error naming HTTP_ADDR, before anything starts.
func TestRunHTTPModeNeedsTheListener(t *testing.T) {
	socketEnv(t)
	t.Setenv("SLACK_APP_TOKEN", "")
	t.Setenv("SLACK_SIGNING_SECRET", testSigningSecret)
	t.Setenv("HTTP_ADDR", "")
	err := run(t.Context(), []string{"run"}, io.Discard, io.Discard)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "HTTP_ADDR") || strings.Contains(err.Error(), testSigningSecret[:8]) {
		t.Fatalf("run = %v, want a configuration error naming HTTP_ADDR without the secret", err)
	}
}
