package bot

import (
	"context"
	"sync"
	"time"

	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// announce posts a timer stop (stopped) and then a timer start (started),
// either may be nil, to the notify channel when the user asked for it
// (`/tt notify on`). It does not wait: the posts run in the background with
// their own timeout and failures are only logged. One user's
// notifications are posted one after the other in the order they were
// announced, so a quick start and stop never read "stopped" before
// "started". Wait blocks until the posts in flight are done.
func (c *Commands) announce(slackID string, u store.User, stopped, started *store.Entry) {
	if c.cfg.NotifyChannel == "" || c.poster == nil || (stopped == nil && started == nil) {
		return
	}
	p, err := LoadPrefs(c.store, slackID)
	if err != nil {
		c.log.Warn("notify: read prefs", "user", slackID, "err", err)
		return
	}
	if !p.Notify {
		return
	}
	c.notices.push(slackID, &c.inflight, func() {
		ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
		defer cancel()
		var texts []string
		if stopped != nil {
			texts = append(texts, stopNotice(u, c.noticeProject(stopped.ProjectID), stopped.End.Sub(stopped.Start), stopped.Billable))
		}
		if started != nil {
			loc := c.people.Location(ctx, slackID, c.cfg.Params.DefaultLocation)
			texts = append(texts, startNotice(u, c.noticeProject(started.ProjectID), started.Start.In(loc)))
		}
		for _, text := range texts {
			if _, _, err := c.poster.PostMessageContext(ctx, c.cfg.NotifyChannel, slack.MsgOptionText(text, false)); err != nil {
				c.log.Warn("post timer notification", "user", slackID, "channel", c.cfg.NotifyChannel, "err", err)
			}
		}
	})
}

// noticeQueue runs jobs one at a time per key, in the order they were
// pushed; different keys run concurrently. The zero value is ready.
type noticeQueue struct {
	mu      sync.Mutex
	pending map[string][]func() // a key is present while its worker runs
}

// push queues job under key and starts the key's worker on wg unless it
// is already running.
func (q *noticeQueue) push(key string, wg *sync.WaitGroup, job func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending == nil {
		q.pending = map[string][]func(){}
	}
	jobs, running := q.pending[key]
	q.pending[key] = append(jobs, job)
	if !running {
		wg.Go(func() { q.drain(key) })
	}
}

// drain runs key's jobs until none is left, then retires the worker.
func (q *noticeQueue) drain(key string) {
	for {
		q.mu.Lock()
		jobs := q.pending[key]
		if len(jobs) == 0 {
			delete(q.pending, key)
			q.mu.Unlock()
			return
		}
		q.pending[key] = jobs[1:]
		q.mu.Unlock()
		jobs[0]()
	}
}

// timerChanged tells the hook (the Home tab) and the notify channel about a
// timer /tt stopped and/or started.
func (c *Commands) timerChanged(slackID string, u store.User, stopped, started *store.Entry) {
	if c.timerHook != nil && (stopped != nil || started != nil) {
		c.timerHook(slackID, u, stopped, started)
	}
	c.announce(slackID, u, stopped, started)
}

// NotifyTimerChange posts a timer stop and start made elsewhere (the App
// Home tab) to the notify channel, like `/tt start` and `/tt stop` do; its
// signature matches Home's TimerHook. It does not wait.
func (c *Commands) NotifyTimerChange(slackID string, u store.User, stopped, started *store.Entry) {
	c.announce(slackID, u, stopped, started)
}

// noticeProject names a project in a notification.
func (c *Commands) noticeProject(projectID string) string {
	if name, ok := c.projectLabel(projectID); ok {
		return name
	}
	return "No project"
}

// noticeName is the escaped name of a user in a notification.
func noticeName(u store.User) string {
	name := clean(u.Name, maxNameRunes)
	if name == "" {
		name = clean(u.Email, maxNameRunes)
	}
	return escapeMrkdwn(name)
}

// startNotice is the notification of a started timer; project is already
// escaped.
func startNotice(u store.User, project string, at time.Time) string {
	return ":stopwatch: *" + noticeName(u) + "* started a timer\n*Project:* " + project + "\n*Started at:* " + at.Format("15:04")
}

// stopNotice is the notification of a stopped timer; project is already
// escaped.
func stopNotice(u store.User, project string, d time.Duration, billable bool) string {
	yes := "No"
	if billable {
		yes = "Yes"
	}
	return ":white_check_mark: *" + noticeName(u) + "* stopped a timer\n*Project:* " + project + "\n*Duration:* " + fmtElapsed(d) + "\n*Billable:* " + yes
}
