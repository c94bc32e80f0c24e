package notices

import (
	"context"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/timer"
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
func (n *Notices) announce(slackID string, u store.User, stopped, started *store.Entry) {
	if n.cfg.NotifyChannel == "" || n.poster == nil || (stopped == nil && started == nil) {
		return
	}
	p, err := people.LoadPrefs(n.store, slackID)
	if err != nil {
		n.log.Warn("notify: read prefs", "user", slackID, "err", err)
		return
	}
	if !p.Notify {
		return
	}
	n.queue.push(slackID, &n.inflight, func() {
		ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
		defer cancel()
		var texts []string
		if stopped != nil {
			texts = append(texts, stopNotice(u, n.noticeProject(stopped.ProjectID), stopped.End.Sub(stopped.Start), stopped.Billable))
		}
		if started != nil {
			loc := n.people.Location(ctx, slackID, n.cfg.DefaultLocation)
			texts = append(texts, startNotice(u, n.noticeProject(started.ProjectID), started.Start.In(loc)))
		}
		for _, text := range texts {
			if _, _, err := n.poster.PostMessageContext(ctx, n.cfg.NotifyChannel, slack.MsgOptionText(text, false)); err != nil {
				n.log.Warn("post timer notification", "user", slackID, "channel", n.cfg.NotifyChannel, "err", err)
			}
		}
	})
}

// TimerChanged posts a timer stop and start, from /tt or the Home
// tab, to the notify channel; it is a timer.Listener. It does not wait.
func (n *Notices) TimerChanged(ch timer.Change) {
	n.announce(ch.SlackID, ch.User, ch.Stopped, ch.Started)
}

// noticeProject names a project in a notification.
func (n *Notices) noticeProject(projectID string) string {
	if name, ok := report.ProjectLabel(n.store, projectID); ok {
		return name
	}
	return "No project"
}

// noticeName is the escaped name of a user in a notification.
func noticeName(u store.User) string {
	name := slackui.Clean(u.Name, slackui.MaxNameRunes)
	if name == "" {
		name = slackui.Clean(u.Email, slackui.MaxNameRunes)
	}
	return slackui.EscapeMrkdwn(name)
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
	return ":white_check_mark: *" + noticeName(u) + "* stopped a timer\n*Project:* " + project + "\n*Duration:* " + slackui.Duration(d) + "\n*Billable:* " + yes
}
