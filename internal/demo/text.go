package demo

import (
	"strings"
)

// BlocksText renders a message's blocks as plain text for a terminal:
// headers underlined, sections and fields on their lines, context
// indented, buttons in brackets. Without blocks it renders fallback.
func BlocksText(blocks any, fallback string, names Names) string {
	list := asList(blocks)
	if len(list) == 0 {
		return mrkdwnText(fallback, names) + "\n"
	}
	var b strings.Builder
	txt := func(o map[string]any) string { return mrkdwnText(str(o, "text"), names) }
	for _, bl := range list {
		bl := asMap(bl)
		switch str(bl, "type") {
		case "header":
			h := txt(asMap(bl["text"]))
			b.WriteString(h + "\n" + strings.Repeat("=", len([]rune(h))) + "\n")
		case "divider":
			b.WriteString("----\n")
		case "section":
			if t := asMap(bl["text"]); t != nil {
				b.WriteString(txt(t) + "\n")
			}
			for _, f := range asList(bl["fields"]) {
				b.WriteString("  " + strings.ReplaceAll(txt(asMap(f)), "\n", " ") + "\n")
			}
			if acc := asMap(bl["accessory"]); acc != nil {
				b.WriteString("  " + elementText(acc, names) + "\n")
			}
		case "context":
			var parts []string
			for _, e := range asList(bl["elements"]) {
				parts = append(parts, txt(asMap(e)))
			}
			b.WriteString("  " + strings.Join(parts, "  ") + "\n")
		case "actions":
			var parts []string
			for _, e := range asList(bl["elements"]) {
				parts = append(parts, elementText(asMap(e), names))
			}
			b.WriteString(strings.Join(parts, " ") + "\n")
		case "input":
			b.WriteString(txt(asMap(bl["label"])) + ": ____\n")
		case "rich_text":
			b.WriteString(richText(bl) + "\n")
		}
	}
	return b.String()
}

// elementText is an interactive element as text: [Button] or [Select ▾].
func elementText(e map[string]any, names Names) string {
	if str(e, "type") == "button" {
		return "[" + mrkdwnText(plainOf(asMap(e["text"])), names) + "]"
	}
	return "[" + placeholder(e, "Choose…") + " ▾]"
}
