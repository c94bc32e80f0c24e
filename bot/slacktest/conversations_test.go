package slacktest

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestConversationsOpen(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)
	open := func(users ...string) (*slack.Channel, bool, error) {
		ch, _, already, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: users})
		return ch, already, err
	}

	t.Run("IM is stable", func(t *testing.T) {
		first, already, err := open("U1")
		mustNoErr(t, "open", err)
		if !strings.HasPrefix(first.ID, "D") || already {
			t.Fatalf("first open = %q (already open %v), want a new D... channel", first.ID, already)
		}
		second, already, err := open("U1")
		mustNoErr(t, "reopen", err)
		assertEqual(t, "IM ID", second.ID, first.ID)
		assertEqual(t, "already_open", already, true)
		c, _ := s.Conversation(first.ID)
		assertEqual(t, "IM", c, Conversation{ID: first.ID, Kind: KindIM, Private: true, User: "U1",
			Members: []string{"U1", "UBOT"}, Creator: "UBOT", Created: c.Created})
	})
	t.Run("MPIM is the same for the same set of users", func(t *testing.T) {
		first, _, err := open("U1", "U2", "U3")
		mustNoErr(t, "open", err)
		if !strings.HasPrefix(first.ID, "G") || !first.IsMpIM {
			t.Fatalf("open = %+v, want an MPIM G...", first)
		}
		again, already, err := open("U3", "U1", "U2", "U1")
		mustNoErr(t, "reopen", err)
		assertEqual(t, "MPIM ID", again.ID, first.ID)
		assertEqual(t, "already_open", already, true)
		other, _, err := open("U1", "U2")
		mustNoErr(t, "open subset", err)
		if other.ID == first.ID {
			t.Errorf("subset got the same MPIM %s", other.ID)
		}
		c, _ := s.Conversation(first.ID)
		assertEqual(t, "members", c.Members, []string{"U1", "U2", "U3", "UBOT"})
		assertEqual(t, "name", c.Name, "mpdm-ann--bob--cy--clockbot-1")
		got, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{ChannelID: first.ID})
		mustNoErr(t, "resume by channel", err)
		assertEqual(t, "resumed", got.ID, first.ID)
	})
	t.Run("errors", func(t *testing.T) {
		for i := range 9 {
			s.AddUser(User{ID: "UX" + string(rune('A'+i)), Name: "x"})
		}
		nine := []string{"UXA", "UXB", "UXC", "UXD", "UXE", "UXF", "UXG", "UXH", "UXI"}
		for _, tc := range []struct {
			name  string
			users []string
			want  string
		}{
			{"nine users", nine, "too_many_users"},
			{"unknown user", []string{"U1", "UNOPE"}, "user_not_found"},
			{"deleted user", []string{"UGONE"}, "user_disabled"},
			{"no users", []string{}, "users_list_not_supplied"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, _, err := open(tc.users...)
				wantSlackError(t, err, tc.want)
			})
		}
		_, _, err := open(nine[:8]...)
		mustNoErr(t, "eight users", err)
	})
}

func TestConversationsCreate(t *testing.T) {
	s := seeded(t, WithScopes(publicChannelScopes...)) // public channels need channels:manage
	api := newAPI(s)
	ctx := testCtx(t)
	ch, err := api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: "clockbot-managers_2", IsPrivate: true})
	mustNoErr(t, "create", err)
	if !strings.HasPrefix(ch.ID, "C") || !ch.IsPrivate || ch.Name != "clockbot-managers_2" || !ch.IsMember {
		t.Errorf("created %+v, want a private channel the bot is in", ch)
	}
	c, _ := s.Conversation(ch.ID)
	assertEqual(t, "members", c.Members, []string{"UBOT"})

	for _, tc := range []struct{ name, want string }{
		{"clockbot-managers_2", "name_taken"},
		{"general", "name_taken"},
		{"", "invalid_name_required"},
		{"Managers", "invalid_name_specials"},
		{"time off", "invalid_name_specials"},
		{"a.b", "invalid_name_specials"},
		{"--_", "invalid_name_punctuation"},
		{strings.Repeat("a", 81), "invalid_name_maxlength"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: tc.name})
			wantSlackError(t, err, tc.want)
		})
	}
}

func TestConversationsMembership(t *testing.T) {
	s := seeded(t)
	s.AddChannel("CPRIV", "secret", true, "U1")
	api := newAPI(s)
	ctx := testCtx(t)
	ch, err := api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: "team", IsPrivate: true})
	mustNoErr(t, "create", err)

	_, err = api.InviteUsersToConversationContext(ctx, ch.ID, "U1", "U2")
	mustNoErr(t, "invite", err)
	for _, tc := range []struct {
		name, channel string
		users         []string
		want          string
	}{
		{"already in channel", ch.ID, []string{"U1"}, "already_in_channel"},
		{"mixed fails as a whole", ch.ID, []string{"U3", "U2"}, "already_in_channel"},
		{"self", ch.ID, []string{"UBOT"}, "cant_invite_self"},
		{"unknown user", ch.ID, []string{"UNOPE"}, "user_not_found"},
		{"private channel without the bot", "CPRIV", []string{"U2"}, "channel_not_found"},
		{"unknown channel", "CNOPE", []string{"U2"}, "channel_not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := api.InviteUsersToConversationContext(ctx, tc.channel, tc.users...)
			wantSlackError(t, err, tc.want)
		})
	}
	c, _ := s.Conversation(ch.ID)
	assertEqual(t, "members after failed invites", c.Members, []string{"UBOT", "U1", "U2"})

	_, err = api.ForceInviteUsersToConversationContext(ctx, ch.ID, "U3", "U2")
	mustNoErr(t, "force invite", err)

	mustNoErr(t, "kick", api.KickUserFromConversationContext(ctx, ch.ID, "U1"))
	wantSlackError(t, api.KickUserFromConversationContext(ctx, ch.ID, "U1"), "not_in_channel")
	wantSlackError(t, api.KickUserFromConversationContext(ctx, ch.ID, "UBOT"), "cant_kick_self")

	var members []string
	cursor := ""
	for pages := 1; ; pages++ {
		page, next, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: ch.ID, Cursor: cursor, Limit: 2})
		mustNoErr(t, "members", err)
		members = append(members, page...)
		if cursor = next; cursor == "" {
			assertEqual(t, "pages", pages, 2)
			break
		}
	}
	assertEqual(t, "members", members, []string{"UBOT", "U2", "U3"})
	_, _, err = api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: ch.ID, Cursor: "bogus"})
	wantSlackError(t, err, "invalid_cursor")
}

func TestConversationsListAndInfo(t *testing.T) {
	s := seeded(t, WithScopes(publicChannelScopes...)) // public channels need channels:read
	s.AddChannel("CPUB", "random", false, "U1")
	s.AddChannel("CPRIV", "secret", true, "U1")
	s.AddChannel("CMINE", "mine", true, "UBOT")
	api := newAPI(s)
	ctx := testCtx(t)
	_, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U1", "U2"}})
	mustNoErr(t, "open MPIM", err)

	list := func(types ...string) []string {
		var ids []string
		cursor := ""
		for {
			chs, next, err := api.GetConversationsContext(ctx, &slack.GetConversationsParameters{Types: types, Cursor: cursor, Limit: 1})
			mustNoErr(t, "list", err)
			for _, c := range chs {
				ids = append(ids, c.ID)
			}
			if cursor = next; cursor == "" {
				return ids
			}
		}
	}
	assertEqual(t, "default types", list(), []string{"CGEN", "CPUB"})
	assertEqual(t, "private", list("private_channel"), []string{"CMINE"})
	assertEqual(t, "mpim", len(list("mpim")), 1)

	info, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "CGEN"})
	mustNoErr(t, "info", err)
	assertEqual(t, "info", []any{info.Name, info.IsChannel, info.IsPrivate, info.NumMembers}, []any{"general", true, false, 2})
	_, err = api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "CPRIV"})
	wantSlackError(t, err, "channel_not_found")
	if _, ok := s.Conversation("CNOPE"); ok {
		t.Error("Conversation(unknown) reported ok")
	}
}
