package delivery

import (
	"log/slog"
	"time"
)

// Progress logging of a delivery run: a line every progressEvery people or
// every progressInterval, whichever comes first, so a run of thousands of
// paced messages (about a minute per 50 people at Slack's Tier 3) shows
// how far it got.
const (
	progressEvery    = 100
	progressInterval = 10 * time.Second
)

// progress counts the people a delivery run has handled and logs how far
// it is.
type progress struct {
	log          *slog.Logger
	now          func() time.Time
	week         string
	total        int
	start, shown time.Time
	done, sinceN int
}

func newProgress(log *slog.Logger, now func() time.Time, week string, total int) *progress {
	t := now()
	return &progress{log: log, now: now, week: week, total: total, start: t, shown: t}
}

// step counts one person handled and logs when a line is due.
func (p *progress) step(sum *Summary) {
	p.done++
	p.sinceN++
	now := p.now()
	if p.sinceN < progressEvery && now.Sub(p.shown) < progressInterval && p.done < p.total {
		return
	}
	p.sinceN, p.shown = 0, now
	p.log.Info("weekly delivery progress", "week", p.week, "done", p.done, "of", p.total,
		"delivered", sum.Delivered, "already_sent", sum.AlreadySent, "failed", len(sum.Failed),
		"elapsed", now.Sub(p.start).Round(time.Second))
}

// elapsed is the time since the run started.
func (p *progress) elapsed() time.Duration { return p.now().Sub(p.start) }
