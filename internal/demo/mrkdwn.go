package demo

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
)

// emoji maps the shortcodes the bot uses to their characters.
var emoji = map[string]string{
	"arrows_counterclockwise": "🔄", "bar_chart": "📊", "calendar": "📆", "envelope": "✉️",
	"eyes": "👀", "hourglass": "⌛", "hourglass_flowing_sand": "⏳", "i": "ℹ️",
	"information_source": "ℹ️", "no_entry_sign": "🚫", "ok_hand": "👌", "palm_tree": "🌴",
	"rotating_light": "🚨", "stopwatch": "⏱️", "tada": "🎉", "warning": "⚠️", "wave": "👋",
	"white_check_mark": "✅", "x": "❌", "zzz": "💤", "clock": "🕐", "heavy_check_mark": "✔️",
	"chart_with_downwards_trend": "📉", "busts_in_silhouette": "👥", "speech_balloon": "💬",
}

var (
	reSpecial = regexp.MustCompile(`<([^<>\n]+)>`)
	reCode    = regexp.MustCompile("`([^`\n]+)`")
	rePre     = regexp.MustCompile("(?s)```(.+?)```")
	reBold    = regexp.MustCompile(`(^|[\s(>\x00])\*([^*\n]+)\*`)
	reItalic  = regexp.MustCompile(`(^|[\s(>\x00])_([^_\n]+)_`)
	reStrike  = regexp.MustCompile(`(^|[\s(>\x00])~([^~\n]+)~`)
	reEmoji   = regexp.MustCompile(`:([a-z0-9_+-]+):`)
	reQuote   = regexp.MustCompile(`(?m)^&gt; ?(.*)$`)
)

// Names resolves the IDs in mentions to names.
type Names func(id string) string

// mrkdwnHTML renders Slack mrkdwn as HTML: *bold*, _italic_, ~strike~,
// `code`, ```blocks```, <url|links>, <@U…> mentions, <!here>, emoji
// shortcodes and line breaks. Everything else is escaped.
func mrkdwnHTML(s string, names Names) template.HTML {
	// The <…> specials become placeholders so that escaping and the
	// formatting rules leave them alone.
	var specials []string
	s = reSpecial.ReplaceAllStringFunc(s, func(m string) string {
		specials = append(specials, special(m[1:len(m)-1], names))
		return fmt.Sprintf("\x00%d\x01", len(specials)-1)
	})
	s = html.EscapeString(html.UnescapeString(s))
	var codes []string
	keep := func(h string) string {
		codes = append(codes, h)
		return fmt.Sprintf("\x02%d\x03", len(codes)-1)
	}
	s = rePre.ReplaceAllStringFunc(s, func(m string) string { return keep("<pre>" + m[3:len(m)-3] + "</pre>") })
	s = reCode.ReplaceAllStringFunc(s, func(m string) string { return keep("<code>" + m[1:len(m)-1] + "</code>") })
	s = reBold.ReplaceAllString(s, "$1<b>$2</b>")
	s = reItalic.ReplaceAllString(s, "$1<i>$2</i>")
	s = reStrike.ReplaceAllString(s, "$1<s>$2</s>")
	s = emojiText(s)
	s = reQuote.ReplaceAllString(s, `<span class="quote">$1</span>`)
	s = strings.ReplaceAll(s, "\n", "<br>")
	for i, c := range codes {
		s = strings.Replace(s, fmt.Sprintf("\x02%d\x03", i), c, 1)
	}
	for i, sp := range specials {
		s = strings.Replace(s, fmt.Sprintf("\x00%d\x01", i), sp, 1)
	}
	return template.HTML(s)
}

// special renders the inside of a <…>: a mention, a channel, a special
// mention or a link, as HTML.
func special(in string, names Names) string {
	target, label, _ := strings.Cut(in, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		return `<span class="mention">@` + html.EscapeString(names(target[1:])) + `</span>`
	case strings.HasPrefix(target, "#"):
		if label == "" {
			label = target[1:]
		}
		return `<span class="mention">#` + html.EscapeString(label) + `</span>`
	case strings.HasPrefix(target, "!"):
		if label == "" {
			label, _, _ = strings.Cut(target[1:], "^")
		}
		return `<span class="mention">@` + html.EscapeString(label) + `</span>`
	}
	if label == "" {
		label = target
	}
	href := html.UnescapeString(target)
	if !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "mailto:") {
		return html.EscapeString(label)
	}
	return `<a href="` + html.EscapeString(href) + `" target="_blank" rel="noopener">` + html.EscapeString(html.UnescapeString(label)) + `</a>`
}

// emojiText replaces the known shortcodes by their characters.
func emojiText(s string) string {
	return reEmoji.ReplaceAllStringFunc(s, func(m string) string {
		if e, ok := emoji[m[1:len(m)-1]]; ok {
			return e
		}
		return m
	})
}

// plainHTML renders plain_text (with emoji) as HTML.
func plainHTML(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(emojiText(html.EscapeString(s)), "\n", "<br>"))
}

// mrkdwnText renders mrkdwn as plain text for a terminal: mentions as
// @name, links as "label (url)", emoji as characters, formatting kept.
func mrkdwnText(s string, names Names) string {
	s = reSpecial.ReplaceAllStringFunc(s, func(m string) string {
		target, label, _ := strings.Cut(m[1:len(m)-1], "|")
		switch {
		case strings.HasPrefix(target, "@"):
			return "@" + names(target[1:])
		case strings.HasPrefix(target, "#"), strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			return target[1:]
		case label != "" && label != target:
			return label + " (" + target + ")"
		}
		return target
	})
	return emojiText(html.UnescapeString(s))
}
