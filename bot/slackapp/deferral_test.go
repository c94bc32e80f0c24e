package slackapp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/slack-go/slack"
)

func TestSocketSlashDeferred(t *testing.T) {
	tests := []struct {
		name     string
		answer   slack.Msg
		err      error
		wantPost string
	}{
		{name: "success replaces the provisional message", answer: slack.Msg{Text: "Started *Design*."}, wantPost: "Started *Design*."},
		{name: "an error after deferring is told the same way", err: errors.New("boom"),
			wantPost: "Sorry, something went wrong: an unexpected error. It has been logged."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			deferred := make(chan [2]bool, 1)
			f := newSockFixture(t, Config{}, func(r *Router) {
				r.Command("/x", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
					first := Defer(ctx, slack.Msg{Text: "Starting… I'll confirm here."})
					second := Defer(ctx, slack.Msg{Text: "again"})
					deferred <- [2]bool{first, second}
					select {
					case <-release:
					case <-ctx.Done():
						return slack.Msg{}, ctx.Err()
					}
					return tc.answer, tc.err
				})
			})
			ack := bottest.DecodeAck(t, f.send(t, slacktest.SlashCommand("/x", "go", "UANN")))
			if ack.ResponseType != "ephemeral" || ack.Text != "Starting… I'll confirm here." {
				t.Errorf("ack = %+v, want the ephemeral provisional message", ack)
			}
			if got := <-deferred; got != [2]bool{true, false} {
				t.Errorf("Defer() first, second = %v, want [true false]", got)
			}
			if n := len(f.sl.ResponseURLPosts()); n != 0 {
				t.Fatalf("response_url posts before the handler finished = %d, want 0", n)
			}
			close(release)
			posts, err := f.sl.WaitResponse(bottest.Ctx(t), 1)
			if err != nil {
				t.Fatal(err)
			}
			got := posts[0].JSON
			if got["text"] != tc.wantPost || got["response_type"] != "ephemeral" || got["replace_original"] != true {
				t.Errorf("response_url post = %s, want the ephemeral %q replacing the original", posts[0].Body, tc.wantPost)
			}
			f.echo(t, "still here")
		})
	}
}

func TestDeferOutsideASlashCommand(t *testing.T) {
	if Defer(context.Background(), slack.Msg{Text: "later"}) {
		t.Error("Defer() outside a slash command = true, want false")
	}
}

func TestHTTPSlashDeferred(t *testing.T) {
	sl := bottest.NewSlackFake(t)
	release := make(chan struct{})
	r := NewRouter()
	r.Command("/x", func(ctx context.Context, cmd slack.SlashCommand) (slack.Msg, error) {
		Defer(ctx, slack.Msg{Text: "Stopping your timer…"})
		<-release
		return slack.Msg{Text: "Stopped."}, nil
	})
	app := New(nil, r, Config{}, nil)
	srv := httptest.NewServer(app.HTTPHandlers().Commands)
	t.Cleanup(srv.Close)
	responseURL, _ := sl.NewResponseURL()
	form := url.Values{"command": {"/x"}, "text": {"stop"}, "user_id": {"UANN"}, "team_id": {"T1"}, "response_url": {responseURL}}
	resp, err := http.PostForm(srv.URL, form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != `{"response_type":"ephemeral","text":"Stopping your timer…"}` {
		t.Errorf("HTTP response = %d %s, want 200 with the provisional message", resp.StatusCode, body)
	}
	close(release)
	posts, err := sl.WaitResponse(bottest.Ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := posts[0].JSON; got["text"] != "Stopped." || got["replace_original"] != true {
		t.Errorf("response_url post = %s, want the result replacing the provisional message", posts[0].Body)
	}
}
