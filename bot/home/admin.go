package home

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// Audit actions of the admins' settings.
const (
	AuditAdminDefault  = "admin_default_target"
	AuditAdminTarget   = "admin_user_target"
	AuditAdminExclude  = "admin_exclude"
	AuditAdminManagers = "admin_managers"
	AuditAdminPreview  = "admin_preview"
	AuditAdminSync     = "admin_sync"
)

// Callback ids and inputs of the admins' modals.
const (
	callbackAdminDefault  = "admin_default_modal"
	callbackAdminTarget   = "admin_target_modal"
	callbackAdminExclude  = "admin_exclude_modal"
	callbackAdminManagers = "admin_managers_modal"

	blockAdminHours = "admin_hours"
	blockAdminUser  = "admin_user"
	blockAdminUsers = "admin_users"

	maxKeptEmailsShown = 20
)

// onlyAdminsText is the answer to anyone else.
const onlyAdminsText = "Only admins can change these settings."

// adminGate lets admins through; anyone else is audited and told.
func (h *Home) adminGate(ctx context.Context, actor, auditAction string) bool {
	if h.people.IsAdmin(actor) {
		return true
	}
	h.audit(actor, auditAction, "", "", store.AuditRefused+"not an admin")
	h.republish(ctx, actor, onlyAdminsText)
	return false
}

// adminAuditAction is the audit action of an admin button.
var adminAuditAction = map[string]string{
	actionAdminDefault:  AuditAdminDefault,
	actionAdminTarget:   AuditAdminTarget,
	actionAdminExclude:  AuditAdminExclude,
	actionAdminManagers: AuditAdminManagers,
}

// onAdminOpen opens the modal of an admin setting.
func (h *Home) onAdminOpen(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) error {
	actor := cb.User.ID
	auditAction := adminAuditAction[action.ActionID]
	if auditAction == "" {
		return fmt.Errorf("unknown admin action %q", action.ActionID)
	}
	if !h.adminGate(ctx, actor, auditAction) {
		return nil
	}
	minHours, exclude, _, err := h.reporter.Settings()
	if err != nil {
		return err
	}
	var view slack.ModalViewRequest
	switch action.ActionID {
	case actionAdminDefault:
		view = adminDefaultModal(minHours, h.reporter.Params().MinHours)
	case actionAdminTarget:
		view = adminTargetModal(minHours)
	case actionAdminExclude:
		var ids, kept []string
		for _, email := range slices.Sorted(maps.Keys(exclude)) {
			if id := h.cachedSlackID(email); id != "" {
				ids = append(ids, id)
			} else {
				kept = append(kept, email)
			}
		}
		view = adminExcludeModal(ids, kept)
	case actionAdminManagers:
		view = adminManagersModal()
	}
	if _, err := h.api.OpenViewContext(ctx, cb.TriggerID, view); err != nil {
		h.audit(actor, auditAction, "", "", "failed: "+err.Error())
		return fmt.Errorf("open admin modal: %w", err)
	}
	h.audit(actor, auditAction, "", "", "opened the form")
	return nil
}

// adminSubmitGate lets admins' submissions through; anyone else is
// audited and answered on the form.
func (h *Home) adminSubmitGate(actor, auditAction, block string) *slack.ViewSubmissionResponse {
	if h.people.IsAdmin(actor) {
		return nil
	}
	h.audit(actor, auditAction, "", "", store.AuditRefused+"not an admin")
	return slackui.FormError(block, onlyAdminsText)
}

// onAdminDefaultSubmit stores the default weekly target.
func (h *Home) onAdminDefaultSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	if r := h.adminSubmitGate(actor, AuditAdminDefault, blockAdminHours); r != nil {
		return r, nil
	}
	hours, set, problem := report.ParseHours(slackui.FormInput(cb, blockAdminHours).Value)
	if problem == "" && !set {
		problem = "Type a number of hours, such as 25."
	}
	if problem != "" {
		return slackui.FormError(blockAdminHours, problem), nil
	}
	before, after, err := h.reporter.EditSettings(func(e *report.InForce) { e.MinHours = hours })
	if err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("default target %s h → %s h", slackui.Hours(before.MinHours), slackui.Hours(after.MinHours))
	h.audit(actor, AuditAdminDefault, "", "", detail)
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "Saved: "+detail+".") })
	return nil, nil
}

// onAdminTargetSubmit stores one person's weekly target.
func (h *Home) onAdminTargetSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	if r := h.adminSubmitGate(actor, AuditAdminTarget, blockAdminUser); r != nil {
		return r, nil
	}
	hours, set, problem := report.ParseHours(slackui.FormInput(cb, blockAdminHours).Value)
	if problem != "" {
		return slackui.FormError(blockAdminHours, problem), nil
	}
	u, err := h.people.ClockifyUser(ctx, slackui.FormInput(cb, blockAdminUser).SelectedUser)
	if err != nil {
		return slackui.FormError(blockAdminUser, "This person has no Clockify account that I know of."), nil
	}
	detail, err := h.reporter.SetPerson(u.Email, report.PersonSettings{Hours: hours, HasTarget: set})
	if err != nil {
		return nil, err
	}
	h.audit(actor, AuditAdminTarget, "", u.ID, detail)
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "Saved: "+detail+".") })
	return nil, nil
}

// onAdminExcludeSubmit stores the exception list: the emails of the
// people picked plus the emails without a Slack account.
func (h *Home) onAdminExcludeSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	if r := h.adminSubmitGate(actor, AuditAdminExclude, blockAdminUsers); r != nil {
		return r, nil
	}
	picked := map[string]bool{}
	for _, id := range slackui.FormInput(cb, blockAdminUsers).SelectedUsers {
		p, err := h.people.Profile(ctx, id)
		if err != nil || p.Email == "" {
			return slackui.FormError(blockAdminUsers, "I cannot see the email of "+slackui.Clean(id, 20)+", so I cannot put them on the list."), nil
		}
		picked[strings.ToLower(p.Email)] = true
	}
	before, after, err := h.reporter.EditSettings(func(e *report.InForce) {
		next := map[string]bool{}
		for email := range e.Exclude {
			if h.cachedSlackID(email) == "" {
				next[email] = true // not on Slack: not in the picker, kept
			}
		}
		maps.Copy(next, picked)
		e.Exclude = next
	})
	if err != nil {
		return nil, err
	}
	var added, removed []string
	for email := range after.Exclude {
		if !before.Exclude[email] {
			added = append(added, email)
		}
	}
	for email := range before.Exclude {
		if !after.Exclude[email] {
			removed = append(removed, email)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	detail := "exception list unchanged"
	if len(added)+len(removed) > 0 {
		detail = fmt.Sprintf("exception list: added [%s], removed [%s]", strings.Join(added, ", "), strings.Join(removed, ", "))
	}
	h.audit(actor, AuditAdminExclude, "", "", detail)
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "Saved: "+detail+".") })
	return nil, nil
}

// onAdminManagersSubmit stores (or removes) the managers of one person.
func (h *Home) onAdminManagersSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	if r := h.adminSubmitGate(actor, AuditAdminManagers, blockAdminUser); r != nil {
		return r, nil
	}
	person := slackui.FormInput(cb, blockAdminUser).SelectedUser
	u, err := h.people.ClockifyUser(ctx, person)
	if err != nil {
		return slackui.FormError(blockAdminUser, "This person has no Clockify account that I know of."), nil
	}
	var managers []string
	for _, id := range slackui.FormInput(cb, blockAdminUsers).SelectedUsers {
		if id != person && slackui.Mention(id) != "" && !slices.Contains(managers, id) {
			managers = append(managers, id)
		}
	}
	if err := h.people.SetManagers(u.ID, managers); err != nil {
		return nil, err
	}
	detail := "managers of " + u.Email + " come from Clockify again"
	if len(managers) > 0 {
		detail = "managers of " + u.Email + " set to " + strings.Join(managers, ", ")
	}
	h.audit(actor, AuditAdminManagers, "", u.ID, detail)
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "Saved: "+detail+".") })
	return nil, nil
}
