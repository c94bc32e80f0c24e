package slackui

import "github.com/slack-go/slack"

// Rendering limits of names, shared by every feature.
const (
	MaxNameRunes  = 80 // person and project names
	MaxLabelRunes = 40 // holiday and time-off policy names
)

// MaxSectionRunes is the longest text a section block is given, well inside
// Slack's 3,000 character limit.
const MaxSectionRunes = 3000

// Section is a section block of verbatim mrkdwn text, so that "@here" or
// bare URLs in names are not turned into pings or links.
func Section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, ClampMrkdwn(text, MaxSectionRunes), false, true), nil, nil)
}

// Plain is a plain_text object with emoji.
func Plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

// Mrkdwn is a verbatim mrkdwn text object.
func Mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

// Button is a button with a label cut to Slack's 75 characters.
func Button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, Plain(Clean(label, 75)))
}
