package home

import (
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/slack-go/slack"
)

// homePagedList renders lines under title in pages of homePageSize: a section
// (with acc as its accessory when given) and, when there is more than one
// page, Previous/Next buttons carrying "<list>:<page>" and the page count.
func homePagedList(pages homePages, list, title string, lines []string, empty, noun string, acc slack.BlockElement) []slack.Block {
	n := (len(lines) + homePageSize - 1) / homePageSize
	page := min(max(pages[list], 0), max(n-1, 0))
	body := empty
	if len(lines) > 0 {
		part := lines[page*homePageSize : min(len(lines), (page+1)*homePageSize)]
		cut := make([]string, len(part))
		for i, l := range part {
			cut[i] = slackui.CutMrkdwn(l, homeLineRunes)
		}
		body = strings.Join(cut, "\n")
	}
	if title != "" {
		body = title + "\n" + body
	}
	bs := []slack.Block{homeSection(body, acc)}
	if n <= 1 {
		return bs
	}
	var nav []slack.BlockElement
	if page > 0 {
		nav = append(nav, homeButton(actionHomePage+"_prev", fmt.Sprintf("%s:%d", list, page-1), "◀ Previous"))
	}
	if page < n-1 {
		nav = append(nav, homeButton(actionHomePage+"_next", fmt.Sprintf("%s:%d", list, page+1), "Next ▶"))
	}
	info := fmt.Sprintf("Page %d of %d · %d %s", page+1, n, len(lines), noun)
	return append(bs,
		slack.NewActionBlock("page_"+list, nav...),
		slack.NewContextBlock("page_info_"+list, slack.NewTextBlockObject(slack.MarkdownType, info, false, true)),
	)
}
