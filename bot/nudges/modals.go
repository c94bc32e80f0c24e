package nudges

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/slack-go/slack"
)

// logTimeModal is the Log time modal for date: date, start time (optional),
// duration, project (matched like /tt start) and description.
func logTimeModal(date string) slack.ModalViewRequest {
	dp := slack.NewDatePickerBlockElement(slackui.InputValue)
	dp.InitialDate = date
	start := slack.NewPlainTextInputBlockElement(slackui.Plain("09:30"), slackui.InputValue)
	dur := slack.NewPlainTextInputBlockElement(slackui.Plain("2h30m"), slackui.InputValue)
	project := slack.NewPlainTextInputBlockElement(slackui.Plain("website"), slackui.InputValue)
	desc := slack.NewPlainTextInputBlockElement(nil, slackui.InputValue)
	desc.Multiline, desc.MaxLength = true, maxDescriptionRunes
	optional := func(b *slack.InputBlock) *slack.InputBlock { b.Optional = true; return b }
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: CallbackLogTime, PrivateMetadata: date,
		Title:  slackui.Plain("Log time"),
		Submit: slackui.Plain("Log"),
		Close:  slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(fieldDate, slackui.Plain("Date"), nil, dp),
			slack.NewInputBlock(fieldDuration, slackui.Plain("Duration"), slackui.Plain("For example 2h30m, 90m or 1.5"), dur),
			optional(slack.NewInputBlock(fieldStart, slackui.Plain("Start time"), slackui.Plain("HH:MM in your time zone; empty: 09:00, or up to now for today"), start)),
			optional(slack.NewInputBlock(fieldProject, slackui.Plain("Project"), slackui.Plain("Matched like /tt start: a part of the name is enough"), project)),
			optional(slack.NewInputBlock(fieldDesc, slackui.Plain("Description"), nil, desc)),
		}},
	}
}

// resultModal replaces a modal with a sentence.
func resultModal(title, text string) *slack.ModalViewRequest {
	return &slack.ModalViewRequest{
		Type: slack.VTModal, Title: slackui.Plain(title), Close: slackui.Plain("Done"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slackui.Section(text)}},
	}
}

// logTimeAction opens the Log time modal for the day of the button.
func (n *Nudges) logTimeAction(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) error {
	date := a.Value
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		date = ""
	}
	if n.api == nil {
		return errors.New("open the log time modal: no Slack client")
	}
	if _, err := n.api.OpenViewContext(ctx, cb.TriggerID, logTimeModal(date)); err != nil {
		return fmt.Errorf("open the log time modal: %w", err)
	}
	return nil
}

// logTimeSubmit logs the time of the modal and shows what was logged, or
// shows the refusal under the field it is about.
func (n *Nudges) logTimeSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, submitTimeout)
	defer cancel()
	u, answer, err := n.userFor(ctx, cb.User.ID)
	if err != nil {
		return nil, err
	}
	if answer != "" {
		return slackui.FormError(fieldDate, answer), nil
	}
	req := logRequest{
		date:    slackui.FormInput(cb, fieldDate).SelectedDate,
		start:   strings.TrimSpace(slackui.FormInput(cb, fieldStart).Value),
		project: strings.TrimSpace(slackui.FormInput(cb, fieldProject).Value),
		desc:    strings.TrimSpace(slackui.FormInput(cb, fieldDesc).Value),
	}
	var ok bool
	if req.dur, ok = ParseDuration(slackui.FormInput(cb, fieldDuration).Value); !ok {
		return slackui.FormError(fieldDuration, "Use a duration such as 2h30m, 90m or 1.5."), nil
	}
	text, err := n.logTime(ctx, cb.User.ID, u, req)
	var r *refusal
	if errors.As(err, &r) {
		return slackui.FormError(r.field, strings.ReplaceAll(r.text, "*", "")), nil
	}
	if err != nil {
		return nil, err
	}
	return slack.NewUpdateViewSubmissionResponse(resultModal("Time logged", text)), nil
}

// snoozeAction snoozes the presser's nudge for a week and says so in place
// of the nudge.
func (n *Nudges) snoozeAction(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) error {
	u, answer, err := n.userFor(ctx, cb.User.ID)
	if err != nil || answer != "" {
		return err
	}
	_, today := day(n.now().In(n.weeks.Location(u)), 0)
	until, _ := day(n.now().In(n.weeks.Location(u)), 6)
	if err := UpdatePrefs(n.store, cb.User.ID, func(p *Prefs) { p.SnoozedUntil = until.Format(time.DateOnly) }); err != nil {
		return err
	}
	text := fmt.Sprintf(":zzz: Snoozed: no nudge until %s. (`/tt nudge off` turns it off.)", dayLabel(until.AddDate(0, 0, 1)))
	n.log.Info("nudge snoozed", "user", cb.User.ID, "from", today)
	if n.api == nil || cb.Channel.ID == "" || cb.Message.Timestamp == "" {
		return nil
	}
	if _, _, _, err := n.api.UpdateMessageContext(ctx, cb.Channel.ID, cb.Message.Timestamp, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(slackui.Section(text))); err != nil {
		return fmt.Errorf("slack chat.update: %w", err)
	}
	return nil
}

// reasonAction opens the reason modal for the week of the heads-up.
func (n *Nudges) reasonAction(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) error {
	in := slack.NewPlainTextInputBlockElement(slackui.Plain("On leave Thursday afternoon, agreed with Mia"), slackui.InputValue)
	in.Multiline, in.MaxLength = true, maxReasonRunes
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: CallbackReason, PrivateMetadata: a.Value,
		Title: slackui.Plain("A reason for your manager"), Submit: slackui.Plain("Save"), Close: slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("reason", slackui.Plain("Why is this week short?"), slackui.Plain("Your manager sees it with Monday's message."), in),
		}},
	}
	if n.api == nil {
		return errors.New("open the reason modal: no Slack client")
	}
	if _, err := n.api.OpenViewContext(ctx, cb.TriggerID, view); err != nil {
		return fmt.Errorf("open the reason modal: %w", err)
	}
	return nil
}

// reasonSubmit stores the reason for the week, for the Monday message.
func (n *Nudges) reasonSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	u, answer, err := n.userFor(ctx, cb.User.ID)
	if err != nil {
		return nil, err
	}
	if answer != "" {
		return slackui.FormError("reason", answer), nil
	}
	week := cb.View.PrivateMetadata
	text := strings.TrimSpace(slackui.FormInput(cb, "reason").Value)
	switch {
	case len(week) != len("2026-W47") || week[4:6] != "-W":
		return slackui.FormError("reason", "This form is out of date; use the button of your latest heads-up."), nil
	case text == "":
		return slackui.FormError("reason", "Write a reason, or press Cancel."), nil
	case utf8.RuneCountInString(text) > maxReasonRunes:
		return slackui.FormError("reason", fmt.Sprintf("Keep it under %d characters.", maxReasonRunes)), nil
	}
	if err := report.SavePersonReason(n.store, week, u.ID, text, n.now()); err != nil {
		return nil, err
	}
	return slack.NewUpdateViewSubmissionResponse(resultModal("Reason saved", "Thanks. Your manager will see your reason with Monday's message.")), nil
}
