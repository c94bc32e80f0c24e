package home

import (
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/slack-go/slack"
)

// hoursField is a number input of weekly hours.
func hoursField(label, hint string, initial *float64, optional bool) *slack.InputBlock {
	el := slack.NewNumberInputBlockElement(slackui.Plain("Hours"), slackui.InputValue, true)
	el.MinValue, el.MaxValue = "0", slackui.Hours(report.MaxWeekHours)
	if initial != nil {
		el.InitialValue = slackui.Hours(*initial)
	}
	var h *slack.TextBlockObject
	if hint != "" {
		h = slackui.Plain(hint)
	}
	in := slack.NewInputBlock(blockAdminHours, slackui.Plain(label), h, el)
	in.Optional = optional
	return in
}

// adminForm is a modal with a Save button.
func adminForm(callback, title string, blocks ...slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callback,
		Title: slackui.Plain(title), Submit: slackui.Plain("Save"), Close: slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

// adminDefaultModal sets the default weekly target.
func adminDefaultModal(current, envDefault float64) slack.ModalViewRequest {
	return adminForm(callbackAdminDefault, "Default weekly target",
		hoursField("Default weekly target in hours", fmt.Sprintf("Applies to everyone without a target of their own. The environment sets %s h.", slackui.Hours(envDefault)), &current, false))
}

// adminTargetModal sets one person's weekly target.
func adminTargetModal(minHours float64) slack.ModalViewRequest {
	user := slack.NewInputBlock(blockAdminUser, slackui.Plain("Person"), nil, slack.NewOptionsSelectBlockElement(slack.OptTypeUser, slackui.Plain("Choose a person"), slackui.InputValue))
	return adminForm(callbackAdminTarget, "Weekly target",
		user,
		hoursField("Weekly target in hours", fmt.Sprintf("Leave empty to remove their own target: the default of %s h applies.", slackui.Hours(minHours)), nil, true))
}

// adminExcludeModal edits the exception list: Slack users in a picker,
// emails without a Slack account listed (and kept).
func adminExcludeModal(slackIDs, kept []string) slack.ModalViewRequest {
	picker := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, slackui.Plain("Choose people"), slackui.InputValue)
	picker.InitialUsers = slackIDs
	in := slack.NewInputBlock(blockAdminUsers, slackui.Plain("Never flag these people"), nil, picker)
	in.Optional = true
	blocks := []slack.Block{slackui.Section("People on the exception list are in the weekly report but are never flagged."), in}
	if len(kept) > 0 {
		var list []string
		for _, e := range slackui.FirstN(kept, maxKeptEmailsShown) {
			list = append(list, slackui.EscapeMrkdwn(slackui.Clean(e, homeEmailRunes)))
		}
		s := "Also on the list, without a Slack account (kept): " + strings.Join(list, ", ")
		if n := len(kept) - maxKeptEmailsShown; n > 0 {
			s += fmt.Sprintf(" and %d more", n)
		}
		blocks = append(blocks, slack.NewContextBlock("admin_kept", slack.NewTextBlockObject(slack.MarkdownType, s+".", false, true)))
	}
	return adminForm(callbackAdminExclude, "Exception list", blocks...)
}

// adminManagersModal sets the managers of one person.
func adminManagersModal() slack.ModalViewRequest {
	user := slack.NewInputBlock(blockAdminUser, slackui.Plain("Person"), nil, slack.NewOptionsSelectBlockElement(slack.OptTypeUser, slackui.Plain("Choose a person"), slackui.InputValue))
	managers := slack.NewInputBlock(blockAdminUsers, slackui.Plain("Their managers"), slackui.Plain("Leave empty to use the managers from Clockify again."),
		slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, slackui.Plain("Choose managers"), slackui.InputValue))
	managers.Optional = true
	return adminForm(callbackAdminManagers, "Managers",
		slackui.Section("The managers set here get this person's weekly message and may use its buttons, instead of the managers found in Clockify."),
		user, managers)
}
