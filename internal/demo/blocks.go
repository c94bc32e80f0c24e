package demo

import (
	"encoding/json"
	"html"
	"html/template"
	"strings"
)

// target says where rendered buttons and selects send their clicks: the
// hidden fields of the /action form.
type target struct {
	User, Where, Channel, TS, Item, Back string
	Ephemeral                            bool
	// ModalForm is the id of the modal's submit form that input elements
	// belong to ("" outside modals); Errors are the bot's errors by block.
	ModalForm string
	Errors    map[string]string
	// Users are the choices of users_select elements.
	Users []userChoice
}

type userChoice struct{ ID, Name string }

// blockRenderer renders Block Kit JSON as HTML that looks like Slack's.
type blockRenderer struct {
	names Names
	t     target
	b     strings.Builder
}

// renderBlocks renders a blocks array (raw JSON or decoded) as HTML.
func renderBlocks(blocks any, names Names, t target) template.HTML {
	list := asList(blocks)
	r := &blockRenderer{names: names, t: t}
	for _, b := range list {
		r.block(asMap(b))
	}
	return template.HTML(r.b.String())
}

// asList decodes raw JSON arrays and passes decoded ones through.
func asList(v any) []any {
	switch v := v.(type) {
	case json.RawMessage:
		var out []any
		_ = json.Unmarshal(v, &out)
		return out
	case []byte:
		var out []any
		_ = json.Unmarshal(v, &out)
		return out
	case []any:
		return v
	}
	return nil
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

func str(m map[string]any, k string) string { s, _ := m[k].(string); return s }

// text renders a text object (plain_text or mrkdwn).
func (r *blockRenderer) text(o map[string]any) template.HTML {
	if o == nil {
		return ""
	}
	if str(o, "type") == "mrkdwn" {
		return mrkdwnHTML(str(o, "text"), r.names)
	}
	return plainHTML(str(o, "text"))
}

func (r *blockRenderer) w(parts ...string) {
	for _, p := range parts {
		r.b.WriteString(p)
	}
}

func (r *blockRenderer) block(b map[string]any) {
	if b == nil {
		return
	}
	id := str(b, "block_id")
	switch str(b, "type") {
	case "header":
		r.w(`<div class="bk-header">`, string(r.text(asMap(b["text"]))), `</div>`)
	case "divider":
		r.w(`<hr class="bk-divider">`)
	case "section":
		r.w(`<div class="bk-section"><div class="bk-section-main">`)
		if t := asMap(b["text"]); t != nil {
			r.w(`<div class="bk-text">`, string(r.text(t)), `</div>`)
		}
		if fields := asList(b["fields"]); len(fields) > 0 {
			r.w(`<div class="bk-fields">`)
			for _, f := range fields {
				r.w(`<div class="bk-field">`, string(r.text(asMap(f))), `</div>`)
			}
			r.w(`</div>`)
		}
		r.w(`</div>`)
		if acc := asMap(b["accessory"]); acc != nil {
			r.w(`<div class="bk-accessory">`)
			r.element(id, acc)
			r.w(`</div>`)
		}
		r.w(`</div>`)
	case "context":
		r.w(`<div class="bk-context">`)
		for _, e := range asList(b["elements"]) {
			e := asMap(e)
			if str(e, "type") == "image" {
				r.w(`<span class="bk-img" title="`, html.EscapeString(str(e, "alt_text")), `">▪</span>`)
				continue
			}
			r.w(`<span>`, string(r.text(e)), `</span>`)
		}
		r.w(`</div>`)
	case "actions":
		r.w(`<div class="bk-actions">`)
		for _, e := range asList(b["elements"]) {
			r.element(id, asMap(e))
		}
		r.w(`</div>`)
	case "input":
		r.input(id, b)
	case "image":
		r.w(`<div class="bk-context">[image: `, html.EscapeString(str(b, "alt_text")), `]</div>`)
	case "rich_text":
		r.w(`<div class="bk-text">`, html.EscapeString(richText(b)), `</div>`)
	default:
		r.w(`<div class="bk-context">[`, html.EscapeString(str(b, "type")), ` block]</div>`)
	}
}

// hidden writes the /action form's fields for an element.
func (r *blockRenderer) hidden(blockID, actionID string) {
	t := r.t
	f := func(k, v string) {
		r.w(`<input type="hidden" name="`, k, `" value="`, html.EscapeString(v), `">`)
	}
	f("as", t.User)
	f("where", t.Where)
	f("channel", t.Channel)
	f("ts", t.TS)
	f("item", t.Item)
	f("back", t.Back)
	if t.Ephemeral {
		f("ephemeral", "1")
	}
	f("block_id", blockID)
	f("action_id", actionID)
}

// element renders an interactive element outside input blocks: a button
// or a select that sends block_actions.
func (r *blockRenderer) element(blockID string, e map[string]any) {
	aid := str(e, "action_id")
	switch typ := str(e, "type"); typ {
	case "button":
		onsubmit := ""
		if c := asMap(e["confirm"]); c != nil {
			q := strings.TrimSpace(plainOf(asMap(c["title"])) + "\n\n" + plainOf(asMap(c["text"])))
			js, _ := json.Marshal(q)
			onsubmit = ` onsubmit="return confirm(` + html.EscapeString(string(js)) + `)"`
		}
		r.w(`<form class="bk-inline" method="post" action="/action"`, onsubmit, `>`)
		r.hidden(blockID, aid)
		r.w(`<input type="hidden" name="value" value="`, html.EscapeString(str(e, "value")), `">`)
		if u := str(e, "url"); u != "" {
			r.w(`<a class="btn" href="`, html.EscapeString(u), `" target="_blank" rel="noopener">`, string(r.text(asMap(e["text"]))), `</a></form>`)
			return
		}
		r.w(`<button class="btn `, html.EscapeString(str(e, "style")), `" data-action="`, html.EscapeString(aid), `">`, string(r.text(asMap(e["text"]))), `</button></form>`)
	case "static_select", "overflow":
		r.w(`<form class="bk-inline" method="post" action="/action">`)
		r.hidden(blockID, aid)
		r.w(`<input type="hidden" name="type" value="static_select">`)
		r.w(`<select name="value" onchange="this.form.submit()"><option value="">`, string(plainHTML(placeholder(e, "Choose…"))), `</option>`)
		r.options(e, false)
		r.w(`</select><noscript><button class="btn">Go</button></noscript></form>`)
	default:
		r.w(`<span class="bk-context">[`, html.EscapeString(typ), `]</span>`)
	}
}

// options writes the <option>s of a select element; the values carry the
// option's text after a newline so that the submission can send both.
func (r *blockRenderer) options(e map[string]any, multi bool) {
	selected := map[string]bool{}
	if o := asMap(e["initial_option"]); o != nil {
		selected[str(o, "value")] = true
	}
	for _, o := range asList(e["initial_options"]) {
		selected[str(asMap(o), "value")] = true
	}
	opt := func(o map[string]any) {
		v, t := str(o, "value"), plainOf(asMap(o["text"]))
		sel := ""
		if selected[v] {
			sel = " selected"
		}
		r.w(`<option value="`, html.EscapeString(v+"\n"+t), `"`, sel, `>`, string(plainHTML(t)), `</option>`)
	}
	for _, o := range asList(e["options"]) {
		opt(asMap(o))
	}
	for _, g := range asList(e["option_groups"]) {
		g := asMap(g)
		r.w(`<optgroup label="`, html.EscapeString(plainOf(asMap(g["label"]))), `">`)
		for _, o := range asList(g["options"]) {
			opt(asMap(o))
		}
		r.w(`</optgroup>`)
	}
}

func placeholder(e map[string]any, def string) string {
	if p := plainOf(asMap(e["placeholder"])); p != "" {
		return p
	}
	return def
}

// plainOf returns a text object's text.
func plainOf(o map[string]any) string { return str(o, "text") }

// richText flattens a rich_text block to its text.
func richText(b map[string]any) string {
	var sb strings.Builder
	var walk func(v any)
	walk = func(v any) {
		m := asMap(v)
		if t := str(m, "text"); t != "" {
			sb.WriteString(t)
		}
		for _, e := range asList(m["elements"]) {
			walk(e)
		}
	}
	walk(b)
	return sb.String()
}
