package slacktest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// TestClientView covers what a front end over the fake uses: the modal
// stack as the user closes it, handed-out response_urls, activity and the
// conversations a user is in.
func TestClientView(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)
	user := s.Users()[1].ID
	before := s.Activity()

	modal := func(title string) slack.ModalViewRequest {
		return slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject("plain_text", title, false, false)}
	}
	first, err := api.OpenViewContext(ctx, s.NewTriggerID(user), modal("First"))
	mustNoErr(t, "views.open", err)
	_, err = api.PushViewContext(ctx, s.NewTriggerID(user), modal("Second"))
	mustNoErr(t, "views.push", err)
	if n, err := s.WaitActivity(ctx, before); err != nil || n <= before {
		t.Errorf("activity after two calls = %d, %v; want more than %d", n, err, before)
	}

	s.CloseModal(user, false)
	id, raw, ok := s.ModalView(user)
	if !ok || id != first.ID || !strings.Contains(string(raw), "First") {
		t.Errorf("after closing the pushed modal the top is %s %s %v; want %s", id, raw, ok, first.ID)
	}
	_, err = api.PushViewContext(ctx, s.NewTriggerID(user), modal("Again"))
	mustNoErr(t, "views.push", err)
	s.CloseModal(user, true)
	if _, _, ok := s.ModalView(user); ok {
		t.Errorf("a modal is open after closing them all")
	}

	url, n := s.NewResponseURL()
	resp, err := http.Post(url, "application/json", strings.NewReader(`{"text":"hi"}`))
	mustNoErr(t, "post to response_url", err)
	resp.Body.Close()
	posts := s.ResponseURLPosts()
	if len(posts) != 1 || posts[0].N != n || posts[0].JSON["text"] != "hi" {
		t.Errorf("response_url posts = %+v; want one to number %d", posts, n)
	}

	_, _, err = api.PostMessageContext(ctx, user, slack.MsgOptionText("hello", false))
	mustNoErr(t, "chat.postMessage", err)
	var ims int
	for _, c := range s.Conversations(user) {
		if c.Kind == KindIM && c.User == user {
			ims++
		}
	}
	assertEqual(t, "the user's DMs with the bot", ims, 1)
}
