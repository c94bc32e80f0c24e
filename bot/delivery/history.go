package delivery

import (
	"context"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/slack-go/slack"
)

// The search for a message an interrupted run may have posted already.

// findPosted looks for job's message in the recent history of ch and, when
// different, of old (the conversation an earlier run used). It returns the
// conversation and ts of the message, or empty strings when there is none.
func (d *Deliverer) findPosted(ctx context.Context, job sendJob, ch, old string) (string, string, error) {
	chans := []string{ch}
	if old != "" && old != ch {
		chans = append(chans, old)
	}
	for i, c := range chans {
		ts, err := d.searchHistory(ctx, job, c)
		if err != nil {
			if i > 0 && slackui.IsSlackError(err, "channel_not_found") {
				continue // the old conversation is gone, and so is any message in it
			}
			return "", "", err
		}
		if ts != "" {
			return c, ts, nil
		}
	}
	return "", "", nil
}

// searchHistory returns the ts of job's message among the newest
// historyScanLimit messages of ch, or "".
func (d *Deliverer) searchHistory(ctx context.Context, job sendJob, ch string) (string, error) {
	params := &slack.GetConversationHistoryParameters{ChannelID: ch, Limit: 100, IncludeAllMetadata: true}
	for seen := 0; seen < historyScanLimit; {
		var resp *slack.GetConversationHistoryResponse
		err := d.slackCall(ctx, "conversations.history", func() (err error) {
			resp, err = d.api.GetConversationHistoryContext(ctx, params)
			return err
		})
		if err != nil {
			return "", err
		}
		for _, m := range resp.Messages {
			if d.isJobMessage(m, job) {
				return m.Timestamp, nil
			}
		}
		seen += len(resp.Messages)
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			break
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	return "", nil
}

// isJobMessage reports whether m is the bot's message for job.
func (d *Deliverer) isJobMessage(m slack.Message, job sendJob) bool {
	if d.cfg.BotUserID != "" && m.User != d.cfg.BotUserID {
		return false
	}
	p := m.Metadata.EventPayload
	return m.Metadata.EventType == job.event && p["week"] == job.week && p["user"] == job.key
}
