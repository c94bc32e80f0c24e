package home

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/slack-go/slack"
)

// The admins' time-clock mapping form.
const (
	actionAdminTimeClock   = "admin_timeclock"
	callbackAdminTimeClock = "admin_timeclock_modal"
	blockAdminTimeClockID  = "admin_timeclock_id"
	// AuditAdminTimeClock is the audit action of a time-clock mapping (the
	// same as `/tt admin timeclock`).
	AuditAdminTimeClock = "map_timeclock"
	maxTimeClockShown   = 20
)

// adminTimeClockModal maps a person to their time-clock user.
func adminTimeClockModal() slack.ModalViewRequest {
	user := slack.NewInputBlock(blockAdminUser, slackui.Plain("Person"), nil, slack.NewOptionsSelectBlockElement(slack.OptTypeUser, slackui.Plain("Choose a person"), slackui.InputValue))
	el := slack.NewNumberInputBlockElement(slackui.Plain("145"), slackui.InputValue, false)
	el.MinValue = "1"
	id := slack.NewInputBlock(blockAdminTimeClockID, slackui.Plain("Time-clock user id"), slackui.Plain("The number the time clock gives this person; mapping a number again moves it."), el)
	return adminForm(callbackAdminTimeClock, "Time-clock user", user, id)
}

// onAdminTimeClockOpen opens the time-clock mapping form.
func (h *Home) onAdminTimeClockOpen(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) error {
	actor := cb.User.ID
	if !h.adminGate(ctx, actor, AuditAdminTimeClock) {
		return nil
	}
	if _, err := h.api.OpenViewContext(ctx, cb.TriggerID, adminTimeClockModal()); err != nil {
		return fmt.Errorf("open time-clock modal: %w", err)
	}
	return nil
}

// onAdminTimeClockSubmit stores the mapping: the time clock's user id is
// the picked person's Clockify account.
func (h *Home) onAdminTimeClockSubmit(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, error) {
	actor := cb.User.ID
	if r := h.adminSubmitGate(actor, AuditAdminTimeClock, blockAdminUser); r != nil {
		return r, nil
	}
	raw := strings.TrimSpace(slackui.FormInput(cb, blockAdminTimeClockID).Value)
	tcUser, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || tcUser <= 0 {
		return slackui.FormError(blockAdminTimeClockID, "Type the time clock's user id, a whole number such as 145."), nil
	}
	u, err := h.people.ClockifyUser(ctx, slackui.FormInput(cb, blockAdminUser).SelectedUser)
	if err != nil {
		return slackui.FormError(blockAdminUser, "This person has no Clockify account that I know of."), nil
	}
	if err := h.store.MapTimeClockUser(tcUser, u.ID); err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("time-clock user %d → %s", tcUser, u.Email)
	h.audit(actor, AuditAdminTimeClock, "", u.ID, detail)
	h.followUp(ctx, func(ctx context.Context) { h.republish(ctx, actor, "Saved: "+detail+".") })
	return nil, nil
}

// adminTimeClockBlock lists the time-clock mappings with the form's button.
func adminTimeClockBlock(a *adminData) slack.Block {
	users := a.timeClock
	text := "*Time clock:* no one mapped yet; time-clock webhooks count once their user id is mapped."
	if len(users) > 0 {
		ids := slices.Sorted(func(yield func(int64) bool) {
			for id := range users {
				if !yield(id) {
					return
				}
			}
		})
		var lines []string
		for _, id := range slackui.FirstN(ids, maxTimeClockShown) {
			name := users[id]
			if u, ok := a.userByID[users[id]]; ok {
				name = u.Name
			}
			lines = append(lines, fmt.Sprintf("%d → %s", id, slackui.EscapeMrkdwn(slackui.Clean(name, slackui.MaxNameRunes))))
		}
		text = "*Time clock:* " + strings.Join(lines, ", ")
		if len(ids) > maxTimeClockShown {
			text += fmt.Sprintf(" and %d more", len(ids)-maxTimeClockShown)
		}
	}
	return homeSection(text, homeButton(actionAdminTimeClock, "open", "Map a time-clock user"))
}
