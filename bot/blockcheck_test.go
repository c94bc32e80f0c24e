package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// blockLimits are the Slack limits that depend on where blocks are shown.
type blockLimits struct {
	MaxBlocks int
}

// Block limits of messages and of views (modals and App Home).
var (
	messageLimits = blockLimits{MaxBlocks: 50}
	viewLimits    = blockLimits{MaxBlocks: 100}
)

// checkBlocks reports through t every Slack Block Kit limit that blocks
// break. It checks the JSON Slack would receive, walked generically, so it
// works for any block type slack-go can marshal.
func checkBlocks(t testing.TB, blocks []slack.Block, limits blockLimits) {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Errorf("marshal blocks: %v", err)
		return
	}
	var generic []any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Errorf("unmarshal blocks: %v", err)
		return
	}
	checkBlockList(t, generic, limits)
}

// checkViewJSON reports through t every Slack limit that a marshalled view
// (slack.ModalViewRequest or slack.HomeTabViewRequest) breaks, its blocks
// included.
func checkViewJSON(t testing.TB, raw []byte) {
	t.Helper()
	var view map[string]any
	if err := json.Unmarshal(raw, &view); err != nil {
		t.Errorf("unmarshal view: %v", err)
		return
	}
	for _, key := range []string{"title", "submit", "close"} {
		if obj, ok := view[key].(map[string]any); ok {
			checkText(t, "view "+key, obj, "plain_text", 24)
		}
	}
	checkLen(t, "view private_metadata", view["private_metadata"], 3000)
	checkLen(t, "view callback_id", view["callback_id"], 255)
	checkLen(t, "view external_id", view["external_id"], 255)
	blocks, _ := view["blocks"].([]any)
	checkBlockList(t, blocks, viewLimits)
}

// checkBlockList checks a list of blocks decoded from JSON.
func checkBlockList(t testing.TB, blocks []any, limits blockLimits) {
	t.Helper()
	if len(blocks) > limits.MaxBlocks {
		t.Errorf("got %d blocks, want at most %d", len(blocks), limits.MaxBlocks)
	}
	ids := map[string]int{}
	for i, b := range blocks {
		block, ok := b.(map[string]any)
		if !ok {
			t.Errorf("block %d is %T, want an object", i, b)
			continue
		}
		where := fmt.Sprintf("block %d (%v)", i, block["type"])
		if id, _ := block["block_id"].(string); id != "" {
			checkLen(t, where+" block_id", id, 255)
			if j, dup := ids[id]; dup {
				t.Errorf("%s: block_id %q already used by block %d", where, id, j)
			}
			ids[id] = i
		}
		checkBlock(t, where, block)
		walkElements(t, where, block)
	}
}

// checkBlock checks the limits of one block's own fields.
func checkBlock(t testing.TB, where string, block map[string]any) {
	t.Helper()
	switch block["type"] {
	case "header":
		text, _ := block["text"].(map[string]any)
		checkText(t, where+" text", text, "plain_text", 150)
	case "section":
		if text, ok := block["text"].(map[string]any); ok {
			checkText(t, where+" text", text, "", 3000)
		}
		fields, _ := block["fields"].([]any)
		if len(fields) > 10 {
			t.Errorf("%s: got %d fields, want at most 10", where, len(fields))
		}
		for i, f := range fields {
			field, _ := f.(map[string]any)
			checkText(t, fmt.Sprintf("%s field %d", where, i), field, "", 2000)
		}
		if _, hasText := block["text"]; !hasText && len(fields) == 0 {
			t.Errorf("%s: has neither text nor fields", where)
		}
	case "context":
		elems, _ := block["elements"].([]any)
		if len(elems) == 0 || len(elems) > 10 {
			t.Errorf("%s: got %d elements, want 1 to 10", where, len(elems))
		}
		for i, e := range elems {
			if el, _ := e.(map[string]any); el["type"] != "image" {
				checkText(t, fmt.Sprintf("%s element %d", where, i), el, "", 2000)
			}
		}
	case "actions":
		elems, _ := block["elements"].([]any)
		if len(elems) == 0 || len(elems) > 25 {
			t.Errorf("%s: got %d elements, want 1 to 25", where, len(elems))
		}
		actionIDs := map[string]bool{}
		for _, e := range elems {
			el, _ := e.(map[string]any)
			if id, _ := el["action_id"].(string); id != "" {
				if actionIDs[id] {
					t.Errorf("%s: action_id %q used twice", where, id)
				}
				actionIDs[id] = true
			}
		}
	case "input":
		label, _ := block["label"].(map[string]any)
		checkText(t, where+" label", label, "plain_text", 2000)
		if hint, ok := block["hint"].(map[string]any); ok {
			checkText(t, where+" hint", hint, "plain_text", 2000)
		}
	}
}

// walkElements finds every object nested in v and checks buttons and
// action ids wherever they are (actions blocks, accessories, inputs).
func walkElements(t testing.TB, where string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		if v["type"] == "button" {
			text, _ := v["text"].(map[string]any)
			checkText(t, where+" button text", text, "plain_text", 75)
			checkLen(t, where+" button value", v["value"], 2000)
			checkLen(t, where+" button url", v["url"], 3000)
		}
		if id, ok := v["action_id"]; ok {
			checkLen(t, where+" action_id", id, 255)
		}
		for _, child := range v {
			walkElements(t, where, child)
		}
	case []any:
		for _, child := range v {
			walkElements(t, where, child)
		}
	}
}

// checkText checks a text object: its type (wantType, or either text type
// when "") and a non-empty text of at most max characters.
func checkText(t testing.TB, where string, obj map[string]any, wantType string, max int) {
	t.Helper()
	if obj == nil {
		t.Errorf("%s: missing text object", where)
		return
	}
	typ, _ := obj["type"].(string)
	switch {
	case wantType != "" && typ != wantType:
		t.Errorf("%s: got type %q, want %q", where, typ, wantType)
	case wantType == "" && typ != "plain_text" && typ != "mrkdwn":
		t.Errorf("%s: got type %q, want plain_text or mrkdwn", where, typ)
	}
	if typ == "mrkdwn" {
		if _, ok := obj["emoji"]; ok {
			t.Errorf("%s: mrkdwn text must not set emoji", where)
		}
	}
	text, _ := obj["text"].(string)
	if text == "" {
		t.Errorf("%s: empty text", where)
	}
	checkLen(t, where, text, max)
}

// checkLen checks that v, when it is a string, has at most max characters.
func checkLen(t testing.TB, where string, v any, max int) {
	t.Helper()
	if s, ok := v.(string); ok {
		if n := utf8.RuneCountInString(s); n > max {
			t.Errorf("%s: got %d characters, want at most %d", where, n, max)
		}
	}
}

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
		limits  blockLimits
		wantErr string // "" for no error
	}{
		{name: "valid", limits: messageLimits, blocks: []slack.Block{
			slack.NewHeaderBlock(plain(strings.Repeat("h", 150))),
			section(strings.Repeat("s", 3000)),
			slack.NewContextBlock("c", md(strings.Repeat("c", 2000))),
			slack.NewActionBlock("a", button("x", strings.Repeat("b", 75)), button("y", "b")),
		}},
		{name: "50 blocks", limits: messageLimits, blocks: many(50, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "51 blocks", limits: messageLimits, wantErr: "got 51 blocks, want at most 50",
			blocks: many(51, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "51 blocks in a view", limits: viewLimits, blocks: many(51, func(int) slack.Block { return slack.NewDividerBlock() })},
		{name: "long header", limits: messageLimits, wantErr: "got 151 characters, want at most 150",
			blocks: []slack.Block{slack.NewHeaderBlock(plain(strings.Repeat("é", 151)))}},
		{name: "mrkdwn header", limits: messageLimits, wantErr: `got type "mrkdwn", want "plain_text"`,
			blocks: []slack.Block{slack.NewHeaderBlock(md("h"))}},
		{name: "duplicate block_id", limits: messageLimits, wantErr: `block_id "x" already used by block 0`,
			blocks: []slack.Block{slack.NewContextBlock("x", md("a")), slack.NewActionBlock("x", button("b", "b"))}},
		{name: "long block_id", limits: messageLimits, wantErr: "block_id: got 256 characters",
			blocks: []slack.Block{slack.NewActionBlock(strings.Repeat("x", 256), button("b", "b"))}},
		{name: "long section", limits: messageLimits, wantErr: "got 3001 characters, want at most 3000",
			blocks: []slack.Block{section(strings.Repeat("s", 3001))}},
		{name: "long context element", limits: messageLimits, wantErr: "got 2001 characters, want at most 2000",
			blocks: []slack.Block{slack.NewContextBlock("", md(strings.Repeat("c", 2001)))}},
		{name: "11 fields", limits: messageLimits, wantErr: "got 11 fields, want at most 10",
			blocks: []slack.Block{slack.NewSectionBlock(nil, fields, nil)}},
		{name: "long button", limits: messageLimits, wantErr: "button text: got 76 characters",
			blocks: []slack.Block{slack.NewActionBlock("", button("b", strings.Repeat("b", 76)))}},
		{name: "long button in accessory", limits: messageLimits, wantErr: "button text: got 76 characters",
			blocks: []slack.Block{slack.NewSectionBlock(md("s"), nil, slack.NewAccessory(button("b", strings.Repeat("b", 76))))}},
		{name: "long button value", limits: messageLimits, wantErr: "button value: got 2001 characters",
			blocks: []slack.Block{slack.NewActionBlock("", slack.NewButtonBlockElement("b", strings.Repeat("v", 2001), plain("b")))}},
		{name: "long action_id", limits: messageLimits, wantErr: "action_id: got 256 characters",
			blocks: []slack.Block{slack.NewActionBlock("", button(strings.Repeat("a", 256), "b"))}},
		{name: "duplicate action_id", limits: messageLimits, wantErr: `action_id "b" used twice`,
			blocks: []slack.Block{slack.NewActionBlock("", button("b", "1"), button("b", "2"))}},
		{name: "26 actions", limits: messageLimits, wantErr: "got 26 elements, want 1 to 25",
			blocks: []slack.Block{slack.NewActionBlock("", buttons...)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordTB{TB: t}
			checkBlocks(rec, tt.blocks, tt.limits)
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
			checkViewJSON(rec, raw)
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
