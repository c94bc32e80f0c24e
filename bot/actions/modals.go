package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Callback ids of the weekly messages' modals, and their inputs.
const (
	callbackExcuse = "weekly_excuse_modal"
	CallbackTarget = "weekly_target_modal"

	blockExcuseReason  = "excuse_reason"
	BlockTargetHours   = "target_hours"
	blockTargetExclude = "target_exclude"
	optionExclude      = "exclude"

	maxExcuseInput = 500 // characters of an excuse's reason
)

// modalMeta is the private_metadata of the weekly messages' modals: the
// week, the Clockify user and the message the button was pressed on.
type modalMeta struct {
	Week    string `json:"w"`
	User    string `json:"u"`
	Channel string `json:"c,omitempty"`
	TS      string `json:"t,omitempty"`
}

func (m modalMeta) String() string {
	b, _ := json.Marshal(m)
	return string(b)
}

// parseModalMeta reads a modal's private_metadata back into a weeklyRef.
func parseModalMeta(s string) (weeklyRef, error) {
	var m modalMeta
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return weeklyRef{}, fmt.Errorf("read modal metadata: %w", err)
	}
	w, user, err := parseWeeklyValue(m.Week + "|" + m.User)
	if err != nil {
		return weeklyRef{}, err
	}
	return weeklyRef{week: w, userID: user, pressed: msgRef{m.Channel, m.TS}}, nil
}

// modalMetaOf is the modal metadata of ref.
func modalMetaOf(ref weeklyRef) string {
	return modalMeta{Week: ref.week.String(), User: ref.userID, Channel: ref.pressed.Channel, TS: ref.pressed.TS}.String()
}

// onExcuse opens the excuse modal, or shows the excuse already recorded.
func (ac *Actions) onExcuse(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	modal, err := ac.openPressModal(ctx, cb, AuditExcuse, "Excuse this week")
	if err != nil {
		return err
	}
	defer modal.close(ctx)
	ref, ok := ac.weeklyPress(ctx, cb, action, AuditExcuse, false)
	if !ok {
		return nil
	}
	actor, week := cb.User.ID, ref.week.String()
	rec, _, err := ac.store.Delivery(week, ref.userID)
	if err != nil {
		ac.fail(ctx, ref, actor, AuditExcuse, err)
		return nil
	}
	view, detail := excuseModal(ref, ac.personMention(ref.userID)), "opened the excuse form"
	if rec.ExcusedBy != "" {
		view, detail = excusedModal(statusText(rec, ac.loc())), "already excused by "+rec.ExcusedBy
	}
	if err := modal.show(ctx, view); err != nil {
		ac.audit(actor, AuditExcuse, week, ref.userID, "failed: "+err.Error())
		return fmt.Errorf("excuse modal: %w", err)
	}
	ac.audit(actor, AuditExcuse, week, ref.userID, detail)
	return nil
}

// excuseModal asks for the optional reason of an excuse.
func excuseModal(ref weeklyRef, who string) slack.ModalViewRequest {
	reason := slack.NewPlainTextInputBlockElement(slackui.Plain("For example: on a conference, agreed with me"), slackui.InputValue)
	reason.Multiline, reason.MaxLength = true, maxExcuseInput
	input := slack.NewInputBlock(blockExcuseReason, slackui.Plain("Reason (optional)"), nil, reason)
	input.Optional = true
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callbackExcuse, PrivateMetadata: modalMetaOf(ref),
		Title: slackui.Plain("Excuse this week"), Submit: slackui.Plain("Excuse"), Close: slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slackui.Section(fmt.Sprintf("Excuse the week *%s* of %s? The message will say so and the admins' digest counts it.", ref.week, who)),
			input,
		}},
	}
}

// excusedModal shows an excuse already recorded.
func excusedModal(status string) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: slackui.Plain("Already excused"), Close: slackui.Plain("Close"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slackui.Section(status + "\nNothing was changed.")}},
	}
}

// onExcuseSubmit records an excuse. The first excuse of a week stays.
func (ac *Actions) onExcuseSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	ref, refusal, err := ac.modalSubmitter(ctx, cb, AuditExcuse, blockExcuseReason)
	if refusal != nil || err != nil {
		return refusal, err
	}
	actor, week := cb.User.ID, ref.week.String()
	note := slackui.CleanFormText(slackui.FormInput(cb, blockExcuseReason).Value, maxExcuseInput)

	already := false
	rec, err := ac.store.UpdateDelivery(week, ref.userID, func(d *store.Delivery, _ bool) (bool, error) {
		ac.markPressed(d, ref)
		if d.ExcusedBy != "" {
			already = true
			return false, nil
		}
		d.ExcusedBy, d.ExcusedAt, d.ExcuseNote = actor, ac.now().UTC(), note
		return true, nil
	})
	if err == nil && already {
		ac.audit(actor, AuditExcuse, week, ref.userID, "already excused by "+rec.ExcusedBy)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockExcuseReason: "This week is already excused: " + slackui.Clean(statusText(rec, ac.loc()), 150)}), nil
	}
	if err != nil {
		ac.audit(actor, AuditExcuse, week, ref.userID, "failed: "+err.Error())
		return nil, err
	}
	ac.audit(actor, AuditExcuse, week, ref.userID, "excused: "+note)
	ac.followUp(ctx, func(ctx context.Context) {
		ac.restatus(ctx, ref, rec, nil)
		ac.updateDigests(ctx, week)
		ac.republish(ctx, actor, "")
	})
	return nil, nil
}

// onAdjustTarget opens the modal that sets the person's weekly target or
// puts them on the exception list.
func (ac *Actions) onAdjustTarget(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	modal, err := ac.openPressModal(ctx, cb, AuditAdjustTarget, "Adjust target")
	if err != nil {
		return err
	}
	defer modal.close(ctx)
	ref, ok := ac.weeklyPress(ctx, cb, action, AuditAdjustTarget, false)
	if !ok {
		return nil
	}
	actor, week := cb.User.ID, ref.week.String()
	u, found, err := ac.store.User(ref.userID)
	if err != nil {
		ac.fail(ctx, ref, actor, AuditAdjustTarget, err)
		return nil
	}
	if !found {
		ac.audit(actor, AuditAdjustTarget, week, ref.userID, "failed: unknown user")
		ac.tell(ctx, ref.pressed.Channel, actor, "I no longer know this person in Clockify.")
		return nil
	}
	minHours, exclude, targets, err := ac.reporter.Settings()
	if err != nil {
		ac.fail(ctx, ref, actor, AuditAdjustTarget, err)
		return nil
	}
	email := strings.ToLower(u.Email)
	var current *float64
	if t, ok := targets[email]; ok {
		current = &t
	}
	view := targetModal(modalMetaOf(ref), storeUserName(u), u.Email, minHours, current, exclude[email])
	if err := modal.show(ctx, view); err != nil {
		ac.audit(actor, AuditAdjustTarget, week, ref.userID, "failed: "+err.Error())
		return fmt.Errorf("target modal: %w", err)
	}
	ac.audit(actor, AuditAdjustTarget, week, ref.userID, "opened the target form")
	return nil
}

// targetModal sets one person's weekly target and exception.
func targetModal(meta, name, email string, minHours float64, current *float64, excluded bool) slack.ModalViewRequest {
	hours := slack.NewNumberInputBlockElement(slackui.Plain(fmt.Sprintf("Default: %s", slackui.Hours(minHours))), slackui.InputValue, true)
	hours.MinValue, hours.MaxValue = "0", slackui.Hours(report.MaxWeekHours)
	if current != nil {
		hours.InitialValue = slackui.Hours(*current)
	}
	hoursField := slack.NewInputBlock(BlockTargetHours, slackui.Plain("Weekly target in hours"),
		slackui.Plain(fmt.Sprintf("Leave empty for the default of %s h.", slackui.Hours(minHours))), hours)
	hoursField.Optional = true
	opt := slack.NewOptionBlockObject(optionExclude, slackui.Plain("Leave out of the weekly report (exception list)"), nil)
	box := slack.NewCheckboxGroupsBlockElement(slackui.InputValue, opt)
	if excluded {
		box.InitialOptions = []*slack.OptionBlockObject{opt}
	}
	boxInput := slack.NewInputBlock(blockTargetExclude, slackui.Plain("Exception"), nil, box)
	boxInput.Optional = true
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: CallbackTarget, PrivateMetadata: meta,
		Title: slackui.Plain("Adjust target"), Submit: slackui.Plain("Save"), Close: slackui.Plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slackui.Section(fmt.Sprintf("Weekly target of *%s* (%s). It applies from the next report on.", name, slackui.EscapeMrkdwn(slackui.Clean(email, slackui.MaxNameRunes)))),
			hoursField,
			boxInput,
		}},
	}
}

// onTargetSubmit stores a person's target and exception.
func (ac *Actions) onTargetSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	ref, refusal, err := ac.modalSubmitter(ctx, cb, AuditAdjustTarget, BlockTargetHours)
	if refusal != nil || err != nil {
		return refusal, err
	}
	actor, week := cb.User.ID, ref.week.String()
	hours, set, problem := report.ParseHours(slackui.FormInput(cb, BlockTargetHours).Value)
	if problem != "" {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{BlockTargetHours: problem}), nil
	}
	excluded := false
	for _, o := range slackui.FormInput(cb, blockTargetExclude).SelectedOptions {
		excluded = excluded || o.Value == optionExclude
	}
	u, found, err := ac.store.User(ref.userID)
	if err != nil {
		return nil, err
	}
	if !found {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{BlockTargetHours: "I no longer know this person in Clockify."}), nil
	}
	detail, err := ac.reporter.SetPerson(u.Email, report.PersonSettings{Hours: hours, HasTarget: set, Excluded: excluded, SetExcluded: true})
	if err != nil {
		ac.audit(actor, AuditAdjustTarget, week, ref.userID, "failed: "+err.Error())
		return nil, err
	}
	ac.audit(actor, AuditAdjustTarget, week, ref.userID, detail)
	ac.followUp(ctx, func(ctx context.Context) {
		ac.tell(ctx, ref.pressed.Channel, actor, "Saved for "+ac.personMention(ref.userID)+": "+slackui.EscapeMrkdwn(detail)+". It applies from the next report on.")
		ac.republish(ctx, actor, "")
	})
	return nil, nil
}

// modalSubmitter reads a manager modal's metadata and checks that its
// submitter may act for that person. A refusal is audited and comes back
// as an inline error on field, leaving everything unchanged.
func (ac *Actions) modalSubmitter(ctx context.Context, cb slack.InteractionCallback, action, field string) (weeklyRef, *slack.ViewSubmissionResponse, error) {
	ref, err := parseModalMeta(cb.View.PrivateMetadata)
	if err != nil {
		ac.audit(cb.User.ID, action, "", "", store.AuditRefused+err.Error())
		return ref, nil, err
	}
	ok, err := ac.mayAct(ctx, cb.User.ID, ref.userID, false)
	if err != nil {
		return ref, nil, err
	}
	if !ok {
		ac.audit(cb.User.ID, action, ref.week.String(), ref.userID, store.AuditRefused+"not a manager of this user or an admin")
		return ref, slack.NewErrorsViewSubmissionResponse(map[string]string{field: "Only managers of this person can do this."}), nil
	}
	return ref, nil, nil
}
