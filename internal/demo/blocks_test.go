package demo

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

const sampleBlocks = `[
 {"type":"header","text":{"type":"plain_text","text":":wave: Your week"}},
 {"type":"section","block_id":"s1","text":{"type":"mrkdwn","text":"Hi <@UANN>"},
  "fields":[{"type":"mrkdwn","text":"*Hours*\n12"},{"type":"plain_text","text":"Target 35"}],
  "accessory":{"type":"button","action_id":"more","value":"v1","text":{"type":"plain_text","text":"More"}}},
 {"type":"context","elements":[{"type":"mrkdwn","text":"_small print_"}]},
 {"type":"divider"},
 {"type":"actions","block_id":"a1","elements":[
  {"type":"button","action_id":"ack","value":"w|u","style":"primary","text":{"type":"plain_text","text":"Acknowledge"},
   "confirm":{"title":{"type":"plain_text","text":"Sure?"},"text":{"type":"plain_text","text":"Really"}}},
  {"type":"static_select","action_id":"pick","placeholder":{"type":"plain_text","text":"Project"},
   "options":[{"text":{"type":"plain_text","text":"Web"},"value":"p1"}]}]},
 {"type":"input","block_id":"i1","label":{"type":"plain_text","text":"Hours"},"optional":true,
  "element":{"type":"number_input","action_id":"h","is_decimal_allowed":true}}
]`

func TestRenderBlocks(t *testing.T) {
	names := func(string) string { return "Ann Lee" }
	got := string(renderBlocks(json.RawMessage(sampleBlocks), names, target{User: "UADA", Where: "message", Channel: "G1", TS: "1.2", ModalForm: "modal-submit", Errors: map[string]string{"i1": "Not a number"}}))
	for _, want := range []string{
		`<div class="bk-header">👋 Your week</div>`,
		`<span class="mention">@Ann Lee</span>`,
		`<div class="bk-field"><b>Hours</b><br>12</div>`, `<div class="bk-field">Target 35</div>`,
		`<div class="bk-accessory">`, `data-action="more"`,
		`<div class="bk-context"><span><i>small print</i></span></div>`,
		`<hr class="bk-divider">`,
		`<button class="btn primary" data-action="ack">Acknowledge</button>`,
		`onsubmit="return confirm(`,
		`name="channel" value="G1"`, `name="ts" value="1.2"`, `name="block_id" value="a1"`, `name="value" value="w|u"`,
		`<option value="p1` + "\n" + `Web">Web</option>`,
		`<input type="number" step="any" name="v|i1|h|number_input" form="modal-submit"`,
		`<span class="bk-optional">(optional)</span>`,
		`<div class="bk-error">Not a number</div>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered blocks lack %s\n%s", want, got)
		}
	}
}

func TestStateValues(t *testing.T) {
	form := url.Values{
		"k|b1|h|number_input":       {""},
		"v|b1|h|number_input":       {"7.5"},
		"k|b2|p|static_select":      {""},
		"v|b2|p|static_select":      {"p1\nWeb"},
		"k|b3|x|checkboxes":         {""},
		"k|b4|u|multi_users_select": {""},
		"v|b4|u|multi_users_select": {"U1", "U2"},
		"as":                        {"UADA"},
	}
	want := map[string]map[string]any{
		"b1": {"h": map[string]any{"type": "number_input", "value": "7.5"}},
		"b2": {"p": map[string]any{"type": "static_select", "selected_option": map[string]any{
			"text": map[string]any{"type": "plain_text", "text": "Web", "emoji": true}, "value": "p1"}}},
		"b3": {"x": map[string]any{"type": "checkboxes", "selected_options": []any{}}},
		"b4": {"u": map[string]any{"type": "multi_users_select", "selected_users": []any{"U1", "U2"}}},
	}
	if got := stateValues(form); !reflect.DeepEqual(got, want) {
		t.Errorf("stateValues =\n%#v\nwant\n%#v", got, want)
	}
}
