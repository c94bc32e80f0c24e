package bottest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// recordTB is a testing.TB that records errors instead of failing.
type recordTB struct {
	testing.TB
	errs []string
}

func (r *recordTB) Helper() {}

func (r *recordTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckBlocks(t *testing.T) {
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	md := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
	}
	section := func(s string) slack.Block { return slack.NewSectionBlock(md(s), nil, nil) }
	button := func(id, text string) slack.BlockElement { return slack.NewButtonBlockElement(id, "v", plain(text)) }
	many := func(n int, mk func(i int) slack.Block) []slack.Block {
		var bs []slack.Block
		for i := range n {
			bs = append(bs, mk(i))
		}
		return bs
	}
	var fields []*slack.TextBlockObject
	for range 11 {
		fields = append(fields, md("f"))
	}
	var buttons []slack.BlockElement
	for i := range 26 {
		buttons = append(buttons, button(fmt.Sprint("a", i), "b"))
	}
	tests := []struct {
		name    string
		blocks  []slack.Block
		limits  BlockLimits
		wantErr string // "" for no error
	}{
		{name: "valid", limits: MessageLimits, blocks: []slack.Block{
			slack.NewHeaderBlock(plain(strings.Repeat("h", 150))),
			section(strings.Repeat("s", 3000)),
			slack.NewContextBlock("c", md(strings.Repeat("c", 2000))),
			slack.NewActionBlock("a", button("x", strings.Repeat("b", 75)), button("y", "b")),
		}},
		{name: "50 blocks", limits: MessageLimits, blocks: many(50, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "51 blocks", limits: MessageLimits, wantErr: "got 51 blocks, want at most 50",
			blocks: many(51, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "51 blocks in a view", limits: ViewLimits, blocks: many(51, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "long header", limits: MessageLimits, wantErr: "got 151 characters, want at most 150",
			blocks: []slack.Block{slack.NewHeaderBlock(plain(strings.Repeat("é", 151)))}},
		{name: "mrkdwn header", limits: MessageLimits, wantErr: `got type "mrkdwn", want "plain_text"`,
			blocks: []slack.Block{slack.NewHeaderBlock(md("h"))}},
		{name: "duplicate block_id", limits: MessageLimits, wantErr: `block_id "x" already used by block 0`,
			blocks: []slack.Block{slack.NewContextBlock("x", md("a")), slack.NewActionBlock("x", button("b", "b"))}},
		{name: "long block_id", limits: MessageLimits, wantErr: "block_id: got 256 characters",
			blocks: []slack.Block{slack.NewActionBlock(strings.Repeat("x", 256), button("b", "b"))}},
		{name: "long section", limits: MessageLimits, wantErr: "got 3001 characters, want at most 3000",
			blocks: []slack.Block{section(strings.Repeat("s", 3001))}},
		{name: "long context element", limits: MessageLimits, wantErr: "got 2001 characters, want at most 2000",
			blocks: []slack.Block{slack.NewContextBlock("", md(strings.Repeat("c", 2001)))}},
		{name: "11 fields", limits: MessageLimits, wantErr: "got 11 fields, want at most 10",
			blocks: []slack.Block{slack.NewSectionBlock(nil, fields, nil)}},
		{name: "long button", limits: MessageLimits, wantErr: "button text: got 76 characters",
			blocks: []slack.Block{slack.NewActionBlock("", button("b", strings.Repeat("b", 76)))}},
		{name: "long button in accessory", limits: MessageLimits, wantErr: "button text: got 76 characters",
			blocks: []slack.Block{slack.NewSectionBlock(md("s"), nil, slack.NewAccessory(button("b", strings.Repeat("b", 76))))}},
		{name: "long button value", limits: MessageLimits, wantErr: "button value: got 2001 characters",
			blocks: []slack.Block{slack.NewActionBlock("", slack.NewButtonBlockElement("b", strings.Repeat("v", 2001), plain("b")))}},
		{name: "long action_id", limits: MessageLimits, wantErr: "action_id: got 256 characters",
			blocks: []slack.Block{slack.NewActionBlock("", button(strings.Repeat("a", 256), "b"))}},
		{name: "duplicate action_id", limits: MessageLimits, wantErr: `action_id "b" used twice`,
			blocks: []slack.Block{slack.NewActionBlock("", button("b", "1"), button("b", "2"))}},
		{name: "26 actions", limits: MessageLimits, wantErr: "got 26 elements, want 1 to 25",
			blocks: []slack.Block{slack.NewActionBlock("", buttons...)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordTB{TB: t}
			CheckBlocks(rec, tt.blocks, tt.limits)
			assertRecorded(t, rec.errs, tt.wantErr)
		})
	}
}

func TestCheckViewJSON(t *testing.T) {
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	modal := func(edit func(v *slack.ModalViewRequest)) slack.ModalViewRequest {
		v := slack.ModalViewRequest{Type: slack.VTModal, Title: plain("Weekly target"), Submit: plain("Save"),
			CallbackID: "target", PrivateMetadata: "2026-W46|u1",
			Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(plain("hi"), nil, nil)}}}
		if edit != nil {
			edit(&v)
		}
		return v
	}
	var dividers []slack.Block
	for range 101 {
		dividers = append(dividers, slack.NewDividerBlock())
	}
	tests := []struct {
		name    string
		view    any
		wantErr string
	}{
		{name: "valid modal", view: modal(nil)},
		{name: "valid home", view: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: dividers[:100]}}},
		{name: "long title", view: modal(func(v *slack.ModalViewRequest) { v.Title = plain(strings.Repeat("t", 25)) }),
			wantErr: "view title: got 25 characters, want at most 24"},
		{name: "long private_metadata", view: modal(func(v *slack.ModalViewRequest) { v.PrivateMetadata = strings.Repeat("m", 3001) }),
			wantErr: "private_metadata: got 3001 characters"},
		{name: "long callback_id", view: modal(func(v *slack.ModalViewRequest) { v.CallbackID = strings.Repeat("c", 256) }),
			wantErr: "callback_id: got 256 characters"},
		{name: "101 blocks", view: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: dividers}},
			wantErr: "got 101 blocks, want at most 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := json.Marshal(tt.view)
			if err != nil {
				t.Fatal(err)
			}
			rec := &recordTB{TB: t}
			CheckViewJSON(rec, raw)
			assertRecorded(t, rec.errs, tt.wantErr)
		})
	}
}

// assertRecorded checks that errs is empty when want is "", else that it
// holds an error containing want.
func assertRecorded(t *testing.T, errs []string, want string) {
	t.Helper()
	if want == "" {
		if len(errs) > 0 {
			t.Errorf("got errors %q, want none", errs)
		}
		return
	}
	for _, e := range errs {
		if strings.Contains(e, want) {
			return
		}
	}
	t.Errorf("got errors %q, want one containing %q", errs, want)
}
