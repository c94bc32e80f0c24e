package delivery

import (
	"context"

	"github.com/clockbot/clockbot/bot/report"
)

// SlackResolver looks up the Slack accounts of one person of a report and
// of their managers (*report.Resolver).
type SlackResolver interface {
	// Resolve fills u's and their managers' Slack ids and SlackPending,
	// asking Slack (through its cache) for a flagged person.
	Resolve(ctx context.Context, u *report.UserReport)
	// Cached fills them from the cache only.
	Cached(u *report.UserReport)
}

// lookups looks up each flagged person's Slack account as a delivery run
// reaches them, once per run.
type lookups struct {
	res   SlackResolver // nil: the report's accounts were looked up before
	asked map[*report.UserReport]bool
}

func newLookups(res SlackResolver) *lookups {
	return &lookups{res: res, asked: map[*report.UserReport]bool{}}
}

// resolve looks u up unless this run already did.
func (l *lookups) resolve(ctx context.Context, u *report.UserReport) {
	if l.res == nil || l.asked[u] {
		return
	}
	l.asked[u] = true
	l.res.Resolve(ctx, u)
}

// settle fills the Slack ids of the people the run did not look up (held
// back by Slack) from the cache, so the team digests still count them.
func (l *lookups) settle(people []*report.UserReport) {
	if l.res == nil {
		return
	}
	for _, u := range people {
		if !l.asked[u] {
			l.res.Cached(u)
		}
	}
}
