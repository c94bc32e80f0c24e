package slacktest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestAuthTest(t *testing.T) {
	s := NewTB(t)
	s.RevokeToken("xoxb-revoked")
	for _, tc := range []struct {
		name, token, wantErr string
	}{
		{"bot token", s.BotToken, ""},
		{"wrong token", "xoxb-other", "invalid_auth"},
		{"app token", s.AppToken, "invalid_auth"},
		{"revoked token", "xoxb-revoked", "token_revoked"},
		{"no token", "", "not_authed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := slack.New(tc.token, slack.OptionAPIURL(s.APIURL))
			got, err := api.AuthTestContext(testCtx(t))
			if tc.wantErr != "" {
				wantSlackError(t, err, tc.wantErr)
				return
			}
			mustNoErr(t, "AuthTest", err)
			want := slack.AuthTestResponse{
				URL: "https://fake.slack.com/", Team: "Fake Team", User: "clockbot",
				TeamID: "T1", UserID: "UBOT", BotID: "B1",
			}
			got.Header = nil
			assertEqual(t, "AuthTest()", *got, want)
		})
	}
}

func TestOptions(t *testing.T) {
	s := NewTB(t, WithBotToken("xoxb-x"), WithAppToken("xapp-x"), WithBotUserID("UB"), WithTeamID("T9"))
	got, err := slack.New("xoxb-x", slack.OptionAPIURL(s.APIURL)).AuthTestContext(testCtx(t))
	mustNoErr(t, "AuthTest", err)
	assertEqual(t, "identity", []string{got.UserID, got.TeamID}, []string{"UB", "T9"})
	assertEqual(t, "APIURL", s.APIURL, s.URL+"/api/")
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Errorf("URL = %q, want a loopback address", s.URL)
	}
}

func TestUnknownMethodAndRecording(t *testing.T) {
	s := NewTB(t)
	resp, err := http.PostForm(s.APIURL+"admin.users.invite", url.Values{"token": {s.BotToken}, "email": {"x@y"}})
	mustNoErr(t, "post", err)
	var body struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	mustNoErr(t, "decode", decodeBody(resp, &body))
	assertEqual(t, "answer", body.Error, "unknown_method")

	api := newAPI(s)
	_, err = api.PublishViewContext(testCtx(t), slack.PublishViewContextRequest{UserID: "UBOT", View: slack.HomeTabViewRequest{Type: slack.VTHomeTab}})
	mustNoErr(t, "PublishView", err)

	calls := s.Calls("")
	if len(calls) != 2 {
		t.Fatalf("got %d calls, want 2", len(calls))
	}
	assertEqual(t, "form call", calls[0].Params.Get("email"), "x@y")
	if calls[0].JSON != nil {
		t.Errorf("form call JSON = %v, want nil", calls[0].JSON)
	}
	pub := s.Calls("views.publish")[0]
	assertEqual(t, "JSON user_id", pub.JSON["user_id"], any("UBOT"))
	assertEqual(t, "flattened user_id", pub.Params.Get("user_id"), "UBOT")
	assertJSON(t, "flattened view", []byte(pub.Params.Get("view")), `{"type":"home","blocks":null}`)
}

func decodeBody(resp *http.Response, v any) error {
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func TestFaults(t *testing.T) {
	t.Run("rate limit", func(t *testing.T) {
		s := NewTB(t)
		s.RateLimit("auth.test", 1, 7)
		api := newAPI(s)
		_, err := api.AuthTestContext(testCtx(t))
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) {
			t.Fatalf("error = %v, want *slack.RateLimitedError", err)
		}
		assertEqual(t, "RetryAfter", rl.RetryAfter, 7*time.Second)
		_, err = api.AuthTestContext(testCtx(t))
		mustNoErr(t, "second call", err)
		assertEqual(t, "recorded calls", len(s.Calls("auth.test")), 2)
	})
	t.Run("fail method", func(t *testing.T) {
		s := NewTB(t)
		s.FailMethod("auth.test", "internal_error", 2)
		api := newAPI(s)
		for range 2 {
			_, err := api.AuthTestContext(testCtx(t))
			wantSlackError(t, err, "internal_error")
		}
		_, err := api.AuthTestContext(testCtx(t))
		mustNoErr(t, "third call", err)
	})
	t.Run("fault on other method only", func(t *testing.T) {
		s := NewTB(t)
		s.FailMethod("users.info", "fatal_error", 0)
		_, err := newAPI(s).AuthTestContext(testCtx(t))
		mustNoErr(t, "auth.test", err)
	})
	t.Run("hang until the request is cancelled", func(t *testing.T) {
		s := NewTB(t)
		s.HangMethod("auth.test", 1)
		api := newAPI(s)
		ctx, cancel := context.WithCancel(testCtx(t))
		go func() {
			// Cancel once the hung call has been recorded.
			if _, err := s.WaitCalls(ctx, "auth.test", 1); err == nil {
				cancel()
			}
		}()
		_, err := api.AuthTestContext(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		_, err = api.AuthTestContext(testCtx(t))
		mustNoErr(t, "call after the hang", err)
	})
	t.Run("hang until the server closes", func(t *testing.T) {
		s := New()
		s.HangMethod("", 0)
		errc := make(chan error, 1)
		go func() {
			_, err := newAPI(s).AuthTestContext(testCtx(t))
			errc <- err
		}()
		_, err := s.WaitCalls(testCtx(t), "auth.test", 1)
		mustNoErr(t, "WaitCalls", err)
		s.Close()
		if err := <-errc; err == nil {
			t.Fatal("hung call succeeded, want a connection error")
		}
	})
}

func TestWaitCallsHonoursContext(t *testing.T) {
	s := NewTB(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	cancel()
	_, err := s.WaitCalls(ctx, "chat.postMessage", 1)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("WaitCalls error = %v, want context.Canceled", err)
	}
}
