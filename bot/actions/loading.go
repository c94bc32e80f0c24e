package actions

import (
	"context"
	"fmt"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/slack-go/slack"
)

// pressModal is the modal a button opens, opened in a loading state
// before the press is checked: the check may ask Slack (users.info, with
// retries) and outlast the trigger_id's 3 s.
type pressModal struct {
	modal *slackui.Modal
	title string
	shown bool
}

// openPressModal opens the loading modal of a press on cb's trigger_id.
// An error is audited under auditAction.
func (ac *Actions) openPressModal(ctx context.Context, cb slack.InteractionCallback, auditAction, title string) (*pressModal, error) {
	m, err := slackui.OpenLoading(ctx, ac.api, cb.TriggerID, title)
	if err != nil {
		ac.audit(cb.User.ID, auditAction, "", "", "failed: "+err.Error())
		return nil, fmt.Errorf("%s modal: %w", auditAction, err)
	}
	return &pressModal{modal: m, title: title}, nil
}

// show replaces the loading state with view.
func (p *pressModal) show(ctx context.Context, view slack.ModalViewRequest) error {
	p.shown = true
	return p.modal.Show(ctx, view)
}

// close ends a press that showed nothing (refused, or failed on our side:
// the presser was told why in the conversation), so the modal does not
// stay loading.
func (p *pressModal) close(ctx context.Context) {
	if !p.shown {
		_ = p.show(ctx, slackui.NoticeModal(p.title, "Nothing to show here: my reply in the conversation says why."))
	}
}
