package slackui

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// ModalOpener is the part of the Slack client a modal that opens before
// its content is ready needs.
type ModalOpener interface {
	OpenViewContext(ctx context.Context, triggerID string, view slack.ModalViewRequest) (*slack.ViewResponse, error)
	UpdateViewContext(ctx context.Context, view slack.ModalViewRequest, externalID, hash, viewID string) (*slack.ViewResponse, error)
}

// LoadingModal is the modal shown while its content is looked up.
func LoadingModal(title string) slack.ModalViewRequest {
	return NoticeModal(title, ":hourglass_flowing_sand: One moment…")
}

// NoticeModal is a modal that only says text, with a Close button.
func NoticeModal(title, text string) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: Plain(title), Close: Plain("Close"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{Section(text)}},
	}
}

// Modal is a modal opened with a loading state; Show replaces it with its
// content.
type Modal struct {
	api      ModalOpener
	id, hash string
}

// OpenLoading opens a loading modal on triggerID at once: a trigger_id is
// valid for 3 seconds only, so nothing slow or retried (users.info,
// Clockify, reads of many weeks) may come before views.open. The caller
// then looks up what the modal shows and calls Show.
func OpenLoading(ctx context.Context, api ModalOpener, triggerID, title string) (*Modal, error) {
	resp, err := api.OpenViewContext(ctx, triggerID, LoadingModal(title))
	if err != nil {
		return nil, fmt.Errorf("open modal: %w", err)
	}
	return &Modal{api: api, id: resp.ID, hash: resp.Hash}, nil
}

// Show replaces the modal's content with view.
func (m *Modal) Show(ctx context.Context, view slack.ModalViewRequest) error {
	resp, err := m.api.UpdateViewContext(ctx, view, "", m.hash, m.id)
	if err != nil {
		return fmt.Errorf("update modal: %w", err)
	}
	m.hash = resp.Hash
	return nil
}
