package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// projectChoices offers the matching projects as buttons.
func projectChoices(query, desc string, choices []store.Project) slack.Msg {
	text := "Several projects match “" + echoInput(query) + "”. Which one?"
	if n := len(choices); n > maxProjectButtons {
		text = fmt.Sprintf("%d projects match “%s”. Here are the first %d; type more of the name to narrow it down.", n, echoInput(query), maxProjectButtons)
	}
	var buttons []slack.BlockElement
	for i, p := range slackui.FirstN(choices, maxProjectButtons) {
		label := slackui.Clean(p.Name, 50)
		if p.ClientName != "" {
			label += " (" + slackui.Clean(p.ClientName, 20) + ")"
		}
		value := p.ID + "|" + slackui.TruncateBytes(desc, maxButtonValueBytes-len(p.ID)-1)
		buttons = append(buttons, slack.NewButtonBlockElement(
			fmt.Sprintf("%s:%d", ActionStartProject, i), value,
			slack.NewTextBlockObject(slack.PlainTextType, slackui.TruncateRunes(label, 75), false, false)))
	}
	msg := cmdReply(text)
	msg.Blocks = slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, true), nil, nil),
		slack.NewActionBlock("tt_start_choices", buttons...),
	}}
	return msg
}

// StartProjectAction handles a click on one of the project buttons: it
// starts that project's timer and replaces the buttons with the outcome
// through the action's response_url.
func (c *Commands) StartProjectAction(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	value, _ := slackui.SanitizeInput(action.Value)
	projectID, desc, _ := strings.Cut(value, "|")
	var text string
	u, answer, err := c.userFor(ctx, cb.User.ID)
	switch {
	case err != nil:
		return err
	case answer != "":
		text = answer
	case strings.TrimSpace(projectID) == "":
		text = "That button has no project; please run `/tt start` again."
	default:
		if text, err = c.startTimer(ctx, cb.User.ID, u, strings.TrimSpace(projectID), desc); err != nil {
			c.log.Error("start from button", "user", cb.User.ID, "err", err)
			text = "Sorry, something went wrong on my side. Please try again in a minute."
		}
	}
	if cb.ResponseURL == "" {
		return fmt.Errorf("project button of %s: no response_url to answer", cb.User.ID)
	}
	msg := &slack.WebhookMessage{Text: text, ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: true}
	if err := c.respond(ctx, cb.ResponseURL, msg); err != nil {
		return fmt.Errorf("answer project button: %w", err)
	}
	return nil
}
