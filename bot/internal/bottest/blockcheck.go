package bottest

import (
	"encoding/json"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// BlockLimits are the Slack limits that depend on where blocks are shown.
type BlockLimits struct {
	MaxBlocks int
}

// Block limits of messages and of views (modals and App Home).
var (
	MessageLimits = BlockLimits{MaxBlocks: 50}
	ViewLimits    = BlockLimits{MaxBlocks: 100}
)

// CheckBlocks reports through t every Slack Block Kit limit that blocks
// break. It checks the JSON Slack would receive, walked generically, so it
// works for any block type slack-go can marshal.
func CheckBlocks(t testing.TB, blocks []slack.Block, limits BlockLimits) {
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
	CheckBlockList(t, generic, limits)
}

// CheckViewJSON reports through t every Slack limit that a marshalled view
// (slack.ModalViewRequest or slack.HomeTabViewRequest) breaks, its blocks
// included.
func CheckViewJSON(t testing.TB, raw []byte) {
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
	CheckBlockList(t, blocks, ViewLimits)
}

// CheckBlockList checks a list of blocks decoded from JSON.
func CheckBlockList(t testing.TB, blocks []any, limits BlockLimits) {
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
