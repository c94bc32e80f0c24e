package demo

import (
	"html"
	"net/url"
	"strings"
)

// Input elements are form fields of the modal's submit form, named
// "v|BLOCK|ACTION|TYPE" so that the submission can rebuild Slack's
// view.state.values.

func (r *blockRenderer) input(blockID string, b map[string]any) {
	e := asMap(b["element"])
	aid, typ := str(e, "action_id"), str(e, "type")
	name := html.EscapeString("v|" + blockID + "|" + aid + "|" + typ)
	form := ` form="` + html.EscapeString(r.t.ModalForm) + `"`
	optional := ""
	if b["optional"] == true {
		optional = ` <span class="bk-optional">(optional)</span>`
	}
	r.w(`<div class="bk-input"><label>`, string(r.text(asMap(b["label"]))), optional, `</label>`)
	// The marker sends the block when nothing in it is chosen, as Slack does.
	r.w(`<input type="hidden" name="k`, name[1:], `"`, form, ` value="">`)
	switch typ {
	case "plain_text_input", "number_input", "email_text_input", "url_text_input":
		iv := html.EscapeString(str(e, "initial_value"))
		ph := html.EscapeString(placeholder(e, ""))
		switch {
		case e["multiline"] == true:
			r.w(`<textarea name="`, name, `"`, form, ` placeholder="`, ph, `">`, iv, `</textarea>`)
		case typ == "number_input":
			r.w(`<input type="number" step="any" name="`, name, `"`, form, ` value="`, iv, `" placeholder="`, ph, `">`)
		default:
			r.w(`<input type="text" name="`, name, `"`, form, ` value="`, iv, `" placeholder="`, ph, `">`)
		}
	case "checkboxes", "radio_buttons":
		kind := "checkbox"
		if typ == "radio_buttons" {
			kind = "radio"
		}
		r.choices(e, kind, name, form)
	case "static_select", "multi_static_select":
		multi := typ != "static_select"
		m := ""
		if multi {
			m = " multiple"
		}
		r.w(`<select name="`, name, `"`, form, m, `>`)
		if !multi {
			r.w(`<option value="">`, string(plainHTML(placeholder(e, "Choose…"))), `</option>`)
		}
		r.options(e, multi)
		r.w(`</select>`)
	case "users_select", "multi_users_select":
		m := ""
		if typ == "multi_users_select" {
			m = " multiple"
		}
		initial := map[string]bool{str(e, "initial_user"): true}
		for _, u := range asList(e["initial_users"]) {
			s, _ := u.(string)
			initial[s] = true
		}
		r.w(`<select name="`, name, `"`, form, m, `>`)
		if m == "" {
			r.w(`<option value="">`, string(plainHTML(placeholder(e, "Choose a person…"))), `</option>`)
		}
		for _, u := range r.t.Users {
			sel := ""
			if initial[u.ID] {
				sel = " selected"
			}
			r.w(`<option value="`, html.EscapeString(u.ID), `"`, sel, `>`, html.EscapeString(u.Name), `</option>`)
		}
		r.w(`</select>`)
	case "datepicker":
		r.w(`<input type="date" name="`, name, `"`, form, ` value="`, html.EscapeString(str(e, "initial_date")), `">`)
	case "timepicker":
		r.w(`<input type="time" name="`, name, `"`, form, ` value="`, html.EscapeString(str(e, "initial_time")), `">`)
	default:
		r.w(`<input type="text" name="`, name, `"`, form, `>`)
	}
	if h := asMap(b["hint"]); h != nil {
		r.w(`<div class="bk-hint">`, string(r.text(h)), `</div>`)
	}
	if msg := r.t.Errors[blockID]; msg != "" {
		r.w(`<div class="bk-error">`, html.EscapeString(msg), `</div>`)
	}
	r.w(`</div>`)
}

// stateValues rebuilds view.state.values from a submitted form.
func stateValues(form url.Values) map[string]map[string]any {
	out := map[string]map[string]any{}
	for key := range form {
		parts := strings.Split(key, "|")
		if len(parts) != 4 || parts[0] != "k" {
			continue
		}
		vals := form["v"+key[1:]]
		block, action, typ := parts[1], parts[2], parts[3]
		if out[block] == nil {
			out[block] = map[string]any{}
		}
		st := map[string]any{"type": typ}
		first := ""
		if len(vals) > 0 {
			first = vals[0]
		}
		option := func(v string) map[string]any {
			value, text := splitOption(v)
			return map[string]any{"text": map[string]any{"type": "plain_text", "text": text, "emoji": true}, "value": value}
		}
		switch typ {
		case "static_select", "radio_buttons", "external_select":
			if first != "" {
				st["selected_option"] = option(first)
			} else {
				st["selected_option"] = nil
			}
		case "multi_static_select", "checkboxes":
			opts := []any{}
			for _, v := range vals {
				if v != "" {
					opts = append(opts, option(v))
				}
			}
			st["selected_options"] = opts
		case "users_select":
			st["selected_user"] = first
		case "multi_users_select":
			users := []any{}
			for _, v := range vals {
				if v != "" {
					users = append(users, v)
				}
			}
			st["selected_users"] = users
		case "datepicker":
			st["selected_date"] = first
		case "timepicker":
			st["selected_time"] = first
		default:
			st["value"] = first
		}
		out[block][action] = st
	}
	return out
}

// choices writes checkboxes or radio buttons, one per option.
func (r *blockRenderer) choices(e map[string]any, kind, name, form string) {
	selected := map[string]bool{}
	if o := asMap(e["initial_option"]); o != nil {
		selected[str(o, "value")] = true
	}
	for _, o := range asList(e["initial_options"]) {
		selected[str(asMap(o), "value")] = true
	}
	for _, o := range asList(e["options"]) {
		o := asMap(o)
		v, t := str(o, "value"), plainOf(asMap(o["text"]))
		checked := ""
		if selected[v] {
			checked = " checked"
		}
		r.w(`<label class="bk-check"><input type="`, kind, `" name="`, name, `"`, form, ` value="`, html.EscapeString(v+"\n"+t), `"`, checked, `> `, string(r.text(asMap(o["text"]))), `</label>`)
		if d := asMap(o["description"]); d != nil {
			r.w(`<div class="bk-hint">`, string(r.text(d)), `</div>`)
		}
	}
}

// splitOption splits an option's form value, "value\ntext", back; forms
// send the line break as CRLF.
func splitOption(v string) (value, text string) {
	value, text, _ = strings.Cut(v, "\n")
	return strings.TrimSuffix(value, "\r"), text
}
