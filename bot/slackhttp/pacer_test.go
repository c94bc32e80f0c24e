package slackhttp

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

// TestPacerKeepsEachMethodUnderItsTier makes more calls than a minute of
// each method's tier allows, back to back, against the fake Slack, which
// answers 429 past the tier on the same simulated clock: none is refused,
// so none is retried, and the calls take the tier's time: a full tier at
// once, then the next when the first has aged out of the minute.
func TestPacerKeepsEachMethodUnderItsTier(t *testing.T) {
	tests := []struct {
		name   string
		method string
		calls  int
		call   func(ctx context.Context, api *slack.Client, i int) error
		// want is the simulated time the calls take.
		want time.Duration
	}{
		{
			name: "users.lookupByEmail (Tier 3)", method: "users.lookupByEmail", calls: 120,
			call: func(ctx context.Context, api *slack.Client, i int) error {
				_, err := api.GetUserByEmailContext(ctx, fmt.Sprintf("p%d@example.com", i%3))
				return err
			},
			want: 2 * time.Minute, // 50, 50 a minute later, 20 a minute after that
		},
		{
			name: "conversations.open (Tier 3)", method: "conversations.open", calls: 60,
			call: func(ctx context.Context, api *slack.Client, i int) error {
				_, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{fmt.Sprintf("UP%d", i%3)}})
				return err
			},
			want: time.Minute, // 50 at once, 10 a minute later
		},
		{
			name: "users.info (Tier 4)", method: "users.info", calls: 150,
			call: func(ctx context.Context, api *slack.Client, i int) error {
				_, err := api.GetUserInfoContext(ctx, fmt.Sprintf("UP%d", i%3))
				return err
			},
			want: time.Minute, // 100 at once, 50 a minute later
		},
		{
			name: "chat.postMessage in one conversation (1 a second)", method: "chat.postMessage", calls: 10,
			call: func(ctx context.Context, api *slack.Client, i int) error {
				_, _, err := api.PostMessageContext(ctx, "UP0", slack.MsgOptionText("hi", false))
				return err
			},
			want: 9 * time.Second, // 3 at once, then 3 every 3 s
		},
		{
			name: "chat.postMessage in separate conversations (not held back)", method: "chat.postMessage", calls: 3,
			call: func(ctx context.Context, api *slack.Client, i int) error {
				_, _, err := api.PostMessageContext(ctx, fmt.Sprintf("UP%d", i), slack.MsgOptionText("hi", false))
				return err
			},
			want: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
			clk := bottest.NewClock(start)
			fake := slacktest.NewTB(t, slacktest.WithClock(clk.Now))
			for i := range 3 {
				fake.AddUser(slacktest.User{ID: fmt.Sprintf("UP%d", i), Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("p%d", i)})
			}
			rec := &bottest.WaitRecorder{Clock: clk}
			api := slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL),
				slack.OptionHTTPClient(New(Config{Timeout: time.Second, Sleep: rec.Sleep, Now: clk.Now})))
			for i := range tt.calls {
				if err := tt.call(t.Context(), api, i); err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
			}
			if got := len(fake.Calls(tt.method)); got != tt.calls {
				t.Errorf("%s reached Slack %d times, want %d (a 429 was retried)", tt.method, got, tt.calls)
			}
			if got := clk.Now().Sub(start); got != tt.want {
				t.Errorf("the calls took %s of simulated time, want %s", got, tt.want)
			}
		})
	}
}

// TestPacerSharedByClients: two clients on one Pacer share the method's
// minute, as two clients of one workspace share Slack's limit.
func TestPacerSharedByClients(t *testing.T) {
	start := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	clk := bottest.NewClock(start)
	fake := slacktest.NewTB(t, slacktest.WithClock(clk.Now))
	fake.AddUser(slacktest.User{ID: "UANN", Email: "ann@example.com", Name: "ann"})
	rec := &bottest.WaitRecorder{Clock: clk}
	p := NewPacer(clk.Now)
	var apis []*slack.Client
	for range 2 {
		apis = append(apis, slack.New(fake.BotToken, slack.OptionAPIURL(fake.APIURL),
			slack.OptionHTTPClient(New(Config{Sleep: rec.Sleep, Now: clk.Now, Pacer: p}))))
	}
	for i := range 100 {
		if _, err := apis[i%2].GetUserByEmailContext(t.Context(), "ann@example.com"); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if got := len(fake.Calls("users.lookupByEmail")); got != 100 {
		t.Errorf("users.lookupByEmail reached Slack %d times, want 100 (a 429 was retried)", got)
	}
	if got, want := clk.Now().Sub(start), time.Minute; got != want {
		t.Errorf("took %s, want %s", got, want)
	}
}
