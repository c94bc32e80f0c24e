package slackhttp

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

func TestSlackHTTPClientDefaults(t *testing.T) {
	c := New(Config{})
	if c.cfg.Timeout != 10*time.Second || c.cfg.Attempts != DefaultAttempts {
		t.Errorf("defaults: timeout %s, attempts %d; want 10s, %d", c.cfg.Timeout, c.cfg.Attempts, DefaultAttempts)
	}
}

func TestSlackHTTPClientRetries(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		fault     func(s *slacktest.Server)
		call      func(ctx context.Context, api *slack.Client) error
		wantCalls int
		wantWaits []time.Duration
		wantErr   bool
	}{
		{
			name: "429 three times waits Retry-After", method: "users.lookupByEmail",
			fault: func(s *slacktest.Server) { s.RateLimit("users.lookupByEmail", 3, 4) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, err := api.GetUserByEmailContext(ctx, "ann@example.com")
				return err
			},
			wantCalls: 4, wantWaits: []time.Duration{4 * time.Second, 4 * time.Second, 4 * time.Second},
		},
		{
			name: "500 then success", method: "conversations.open",
			fault: func(s *slacktest.Server) { s.ServerError("conversations.open", 500, 1) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"UANN"}})
				return err
			},
			wantCalls: 2, wantWaits: []time.Duration{time.Second},
		},
		{
			name: "hung call is cut by the timeout and retried", method: "users.info",
			fault: func(s *slacktest.Server) { s.HangMethod("users.info", 1) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, err := api.GetUserInfoContext(ctx, "UANN")
				return err
			},
			wantCalls: 2, wantWaits: []time.Duration{time.Second},
		},
		{
			name: "backoff grows while Slack keeps failing", method: "users.info",
			fault: func(s *slacktest.Server) { s.ServerError("users.info", 503, 0) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, err := api.GetUserInfoContext(ctx, "UANN")
				return err
			},
			wantCalls: DefaultAttempts, wantErr: true,
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second},
		},
		{
			name: "a post answered 500 is not repeated blindly", method: "chat.postMessage",
			fault: func(s *slacktest.Server) { s.ServerError("chat.postMessage", 500, 1) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, _, err := api.PostMessageContext(ctx, "UANN", slack.MsgOptionText("hi", false))
				return err
			},
			wantCalls: 1, wantErr: true,
		},
		{
			name: "a rate-limited post is retried", method: "chat.postMessage",
			fault: func(s *slacktest.Server) { s.RateLimit("chat.postMessage", 1, 2) },
			call: func(ctx context.Context, api *slack.Client) error {
				_, _, err := api.PostMessageContext(ctx, "UANN", slack.MsgOptionText("hi", false))
				return err
			},
			wantCalls: 2, wantWaits: []time.Duration{2 * time.Second},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := bottest.NewClock(time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC))
			fake := slacktest.NewTB(t, slacktest.WithClock(clk.Now))
			fake.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
			tt.fault(fake)
			rec := &bottest.WaitRecorder{Clock: clk}
			api := slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL),
				slack.OptionHTTPClient(New(Config{Timeout: time.Second, Sleep: rec.Sleep, Now: clk.Now})))
			err := tt.call(t.Context(), api)
			if (err != nil) != tt.wantErr {
				t.Fatalf("call error = %v, want error %v", err, tt.wantErr)
			}
			if got := len(fake.Calls(tt.method)); got != tt.wantCalls {
				t.Errorf("%s calls = %d, want %d", tt.method, got, tt.wantCalls)
			}
			if !slices.Equal(rec.Waits(), tt.wantWaits) {
				t.Errorf("waits %v, want %v", rec.Waits(), tt.wantWaits)
			}
		})
	}
}

func TestSlackHTTPClientStopsWithContext(t *testing.T) {
	fake := slacktest.NewTB(t)
	fake.ServerError("users.info", 500, 0)
	ctx, cancel := context.WithCancel(t.Context())
	sleep := func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	api := slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL),
		slack.OptionHTTPClient(New(Config{Sleep: sleep})))
	_, err := api.GetUserInfoContext(ctx, "UANN")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if got := len(fake.Calls("users.info")); got != 1 {
		t.Errorf("users.info calls = %d, want 1", got)
	}
}
