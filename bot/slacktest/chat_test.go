package slacktest

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestPostMessageAndHistoryWithMetadata(t *testing.T) {
	s := seeded(t, WithClock(fixedClock))
	api := newAPI(s)
	ctx := testCtx(t)
	meta := slack.SlackMetadata{EventType: "clockbot_report", EventPayload: map[string]any{"week": "2023-W46", "user": "U1"}}
	blocks := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*8h* logged", false, false), nil, nil)

	ch, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("report", false),
		slack.MsgOptionBlocks(blocks), slack.MsgOptionMetadata(meta))
	mustNoErr(t, "post", err)
	if !strings.HasPrefix(ch, "D") {
		t.Errorf("channel = %q, want the DM opened for the user ID", ch)
	}
	assertEqual(t, "ts", ts, "1700000000.000000")
	_, ts2, err := api.PostMessageContext(ctx, ch, slack.MsgOptionText("second", false))
	mustNoErr(t, "post second", err)
	assertEqual(t, "second ts", ts2, "1700000000.000100")

	for _, tc := range []struct {
		name     string
		withMeta bool
	}{{"with metadata", true}, {"without metadata", false}} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch, IncludeAllMetadata: tc.withMeta})
			mustNoErr(t, "history", err)
			if len(h.Messages) != 2 {
				t.Fatalf("got %d messages, want 2", len(h.Messages))
			}
			newest, oldest := h.Messages[0], h.Messages[1]
			assertEqual(t, "order", []string{newest.Text, oldest.Text}, []string{"second", "report"})
			assertEqual(t, "author", []string{oldest.User, oldest.BotID}, []string{"UBOT", "B1"})
			want := slack.SlackMetadata{}
			if tc.withMeta {
				want = meta
			}
			assertEqual(t, "metadata", oldest.Metadata, want)
			if len(oldest.Blocks.BlockSet) != 1 {
				t.Errorf("got %d blocks, want 1", len(oldest.Blocks.BlockSet))
			}
		})
	}

	msgs := s.Messages("U1")
	assertEqual(t, "stored", len(msgs), 2)
	assertJSON(t, "stored metadata", msgs[0].Metadata, `{"event_type":"clockbot_report","event_payload":{"week":"2023-W46","user":"U1"}}`)
	assertJSON(t, "stored blocks", msgs[0].Blocks, `[{"type":"section","text":{"type":"mrkdwn","text":"*8h* logged"}}]`)
}

func TestPostMessageErrors(t *testing.T) {
	s := seeded(t)
	s.AddChannel("COUT", "outside", false, "U1")
	s.AddChannel("CPRIV", "secret", true, "U1")
	api := newAPI(s)
	ctx := testCtx(t)
	for _, tc := range []struct {
		name, channel string
		opts          []slack.MsgOption
		want          string
	}{
		{"unknown channel", "CNOPE", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"unknown user", "UNOPE", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"public channel without the bot", "COUT", []slack.MsgOption{slack.MsgOptionText("x", false)}, "not_in_channel"},
		{"private channel without the bot", "CPRIV", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"no text", "CGEN", nil, "no_text"},
		{"bad metadata", "CGEN", []slack.MsgOption{slack.MsgOptionText("x", false), slack.MsgOptionMetadata(slack.SlackMetadata{})}, "invalid_metadata_format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := api.PostMessageContext(ctx, tc.channel, tc.opts...)
			wantSlackError(t, err, tc.want)
		})
	}
	_, _, err := api.PostMessageContext(ctx, "#general", slack.MsgOptionText("by name", false))
	mustNoErr(t, "post by name", err)
	assertEqual(t, "posted by name", s.Messages("CGEN")[0].Text, "by name")
}

func TestUpdateDeleteEphemeral(t *testing.T) {
	s := seeded(t)
	api := newAPI(s)
	ctx := testCtx(t)
	_, ts, err := api.PostMessageContext(ctx, "CGEN", slack.MsgOptionText("draft", false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "e", EventPayload: map[string]any{"n": 1.0}}))
	mustNoErr(t, "post", err)

	_, _, text, err := api.UpdateMessageContext(ctx, "CGEN", ts, slack.MsgOptionText("final", false))
	mustNoErr(t, "update", err)
	assertEqual(t, "updated text", text, "final")
	m := s.Messages("CGEN")[0]
	assertEqual(t, "update count", m.Updated, 1)
	assertJSON(t, "metadata kept", m.Metadata, `{"event_type":"e","event_payload":{"n":1}}`)
	_, _, _, err = api.UpdateMessageContext(ctx, "CGEN", "1.000001", slack.MsgOptionText("x", false))
	wantSlackError(t, err, "message_not_found")

	_, err = api.PostEphemeralContext(ctx, "CGEN", "U1", slack.MsgOptionText("only you", false))
	mustNoErr(t, "ephemeral", err)
	_, err = api.PostEphemeralContext(ctx, "CGEN", "U2", slack.MsgOptionText("x", false))
	wantSlackError(t, err, "user_not_in_channel")
	eph := s.Ephemerals("CGEN")
	assertEqual(t, "ephemeral", []string{eph[0].Text, eph[0].Recipient}, []string{"only you", "U1"})

	_, _, err = api.DeleteMessageContext(ctx, "CGEN", ts)
	mustNoErr(t, "delete", err)
	assertEqual(t, "messages after delete", len(s.Messages("CGEN")), 0)
	_, _, err = api.DeleteMessageContext(ctx, "CGEN", ts)
	wantSlackError(t, err, "message_not_found")
}

func TestHistoryPagingAndRange(t *testing.T) {
	s := seeded(t, WithClock(tickingClock()))
	api := newAPI(s)
	ctx := testCtx(t)
	var ts []string
	for _, text := range []string{"a", "b", "c", "d"} {
		_, t1, err := api.PostMessageContext(ctx, "CGEN", slack.MsgOptionText(text, false))
		mustNoErr(t, "post", err)
		ts = append(ts, t1)
	}
	_, _, err := api.PostMessageContext(ctx, "CGEN", slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts[0]))
	mustNoErr(t, "reply", err)

	texts := func(p slack.GetConversationHistoryParameters) []string {
		var out []string
		p.ChannelID = "CGEN"
		for {
			h, err := api.GetConversationHistoryContext(ctx, &p)
			mustNoErr(t, "history", err)
			for _, m := range h.Messages {
				out = append(out, m.Text)
			}
			if h.ResponseMetaData.NextCursor == "" {
				if h.HasMore {
					t.Error("has_more without a cursor")
				}
				return out
			}
			p.Cursor = h.ResponseMetaData.NextCursor
		}
	}
	for _, tc := range []struct {
		name string
		p    slack.GetConversationHistoryParameters
		want []string
	}{
		{"all, replies left out", slack.GetConversationHistoryParameters{}, []string{"d", "c", "b", "a"}},
		{"paged", slack.GetConversationHistoryParameters{Limit: 3}, []string{"d", "c", "b", "a"}},
		{"oldest exclusive", slack.GetConversationHistoryParameters{Oldest: ts[1]}, []string{"d", "c"}},
		{"oldest inclusive", slack.GetConversationHistoryParameters{Oldest: ts[1], Inclusive: true}, []string{"d", "c", "b"}},
		{"latest", slack.GetConversationHistoryParameters{Latest: ts[2]}, []string{"b", "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertEqual(t, "texts", texts(tc.p), tc.want)
		})
	}
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "CGEN", Latest: ts[0], Inclusive: true})
	mustNoErr(t, "history", err)
	parent := h.Messages[0]
	assertEqual(t, "thread parent", []any{parent.Text, parent.ReplyCount, parent.ThreadTimestamp}, []any{"a", 1, ts[0]})
	assertEqual(t, "reply stored", s.Messages("CGEN")[4].ThreadTS, ts[0])
	_, err = api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "CGEN", Oldest: "yesterday"})
	wantSlackError(t, err, "invalid_ts_oldest")
}
