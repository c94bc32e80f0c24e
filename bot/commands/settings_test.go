package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// channelTexts returns the texts posted to a channel.
func channelTexts(e *cmdEnv, ch string) []string {
	var out []string
	for _, m := range e.sl.Messages(ch) {
		out = append(out, m.Text)
	}
	return out
}

func TestCommandsNotify(t *testing.T) {
	e := newCmdEnv(t)
	steps := []struct{ user, text, want string }{
		{"UANN", "notify", "Your timer starts and stops are not posted. Turn that on with `/tt notify on`."},
		{"UANN", "notify ON", "Done: your timer starts and stops are posted to <#CNOTIFY>. Turn that off with `/tt notify off`."},
		{"UANN", "notify", "Done: your timer starts and stops are posted to <#CNOTIFY>. Turn that off with `/tt notify off`."},
		{"UANN", "notify maybe", "Use `/tt notify on` or `/tt notify off` (I got “maybe”)."},
		{"UANN", "start design", "Started *Design*."},
		{"UBOB", "start docs", "Started *Docs*."}, // Bob did not ask: nothing posted
	}
	for _, s := range steps {
		if got := e.text(t, s.user, s.text); got != s.want {
			t.Fatalf("%s /tt %s mismatch:\n got %q\nwant %q", s.user, s.text, got, s.want)
		}
	}
	e.clock.Advance(80 * time.Minute)
	e.text(t, "UANN", "start backend")
	e.clock.Advance(5 * time.Minute)
	e.text(t, "UANN", "stop")
	e.notices.Wait()
	want := []string{
		":stopwatch: *Ann Smith* started a timer\n*Project:* Design\n*Started at:* 15:05",
		":white_check_mark: *Ann Smith* stopped a timer\n*Project:* Design\n*Duration:* 1h 20m\n*Billable:* Yes",
		":stopwatch: *Ann Smith* started a timer\n*Project:* Backend\n*Started at:* 16:25",
		":white_check_mark: *Ann Smith* stopped a timer\n*Project:* Backend\n*Duration:* 5m\n*Billable:* No",
	}
	got := channelTexts(e, cmdNotifyChannel)
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("notifications mismatch (-want +got):\n-%q\n+%q", want, got)
	}

	if got, want := e.text(t, "UANN", "notify off"), "Done: your timer starts and stops won't be posted any more."; got != want {
		t.Errorf("notify off = %q, want %q", got, want)
	}
	e.text(t, "UANN", "start docs")
	e.notices.Wait()
	if n := len(channelTexts(e, cmdNotifyChannel)); n != len(want) {
		t.Errorf("%d notifications after notify off, want still %d", n, len(want))
	}
	if p, _ := people.LoadPrefs(e.st, "UANN"); p.Notify {
		t.Error("prefs still have Notify after notify off")
	}
}

func TestCommandsNotifyWithoutChannelOrFailing(t *testing.T) {
	e := newCmdEnvWith(t, cmdOptions{})
	if got, want := e.text(t, "UANN", "notify on"), "Notifications are on for you, but no channel is set up for them yet: an admin needs to set NOTIFY_CHANNEL."; got != want {
		t.Errorf("notify on = %q, want %q", got, want)
	}
	e.text(t, "UANN", "start design")
	e.notices.Wait()
	if n := len(e.sl.Calls("chat.postMessage")); n != 0 {
		t.Errorf("%d posts without NOTIFY_CHANNEL, want 0", n)
	}

	f := newCmdEnv(t)
	f.text(t, "UANN", "notify on")
	f.sl.FailMethod("chat.postMessage", "channel_not_found", 0)
	if got, want := f.text(t, "UANN", "start design"), "Started *Design*."; got != want {
		t.Errorf("start with failing notifications = %q, want %q", got, want)
	}
	f.notices.Wait()
	if n := len(f.sl.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d notification attempts, want 1", n)
	}
}

func TestCommandsSummarySetting(t *testing.T) {
	e := newCmdEnv(t)
	tests := []struct{ user, text, want, stored string }{
		{"UANN", "summary", "You get no daily summary. Ask for one with `/tt summary 18:00`.", ""},
		{"UANN", "summary 18:00", "Done: I'll send you a summary of your day at 18:00 every day (Europe/Berlin, your Slack time zone).", "18:00"},
		{"UANN", "summary", "You get a daily summary at 18:00 (Europe/Berlin). Stop it with `/tt summary off`.", "18:00"},
		{"UANN", "summary 9:30", "Done: I'll send you a summary of your day at 09:30 every day (Europe/Berlin, your Slack time zone).", "09:30"},
		{"UANN", "summary 24:00", "I need a time of day like `18:00` (24-hour clock), or `off` (I got “24:00”).", "09:30"},
		{"UANN", "summary 6pm", "I need a time of day like `18:00` (24-hour clock), or `off` (I got “6pm”).", "09:30"},
		{"UANN", "summary 18:0", "I need a time of day like `18:00` (24-hour clock), or `off` (I got “18:0”).", "09:30"},
		{"UANN", "summary OFF", "Done: no more daily summaries.", ""},
		{"UADA", "summary 18:00", "I couldn't find your Clockify account: your Slack email (ada@example.com) isn't a member of the Clockify workspace. Ask an admin to run `/tt admin map @you your-clockify-email`.", ""},
	}
	for _, tc := range tests {
		if got := e.text(t, tc.user, tc.text); got != tc.want {
			t.Errorf("/tt %s mismatch:\n got %q\nwant %q", tc.text, got, tc.want)
		}
		if p, _ := people.LoadPrefs(e.st, tc.user); p.SummaryAt != tc.stored {
			t.Errorf("after /tt %s SummaryAt = %q, want %q", tc.text, p.SummaryAt, tc.stored)
		}
	}
}

func TestCommandsAdminMap(t *testing.T) {
	e := newCmdEnv(t)
	usage := "To map a Slack user to their Clockify account: `/tt admin map @user email@example.com`; to their time-clock user: `/tt admin timeclock @user 145`."
	tests := []struct{ user, text, want string }{
		{"UBOB", "admin map <@UNORA|nora> <mailto:nora@work.example|nora@work.example>", "Sorry, only clockbot admins can do that. You could ask <@UADA>."},
		{"UADA", "admin", usage},
		{"UADA", "admin map <@UNORA|nora>", usage},
		{"UADA", "admin map nora nora@work.example", "The first argument should mention a Slack user, like `@ann` (I got “nora”). " + usage},
		{"UADA", "admin map <@UNORA|nora> <!channel>", "“&lt;!channel&gt;” doesn't look like an email address. " + usage},
		{"UADA", "admin map <@UNORA|nora> nobody@work.example", "No member of the Clockify workspace has the email nobody@work.example (as of the last sync)."},
		{"UNORA", "start docs", "I couldn't find your Clockify account: your Slack email (nora@home.example) isn't a member of the Clockify workspace. Ask an admin to run `/tt admin map @you your-clockify-email`."},
		{"UADA", "Admin MAP <@UNORA|nora> <mailto:Nora@Work.example|Nora@Work.example>", "Done: <@UNORA> is now mapped to *Nora Field* (nora@work.example) in Clockify."},
		{"UNORA", "start docs", "Started *Docs*."},
	}
	for _, tc := range tests {
		if got := e.text(t, tc.user, tc.text); got != tc.want {
			t.Errorf("%s /tt %s mismatch:\n got %q\nwant %q", tc.user, tc.text, got, tc.want)
		}
	}
	if run, ok := e.cf.Running("u-nora"); !ok || run.ProjectID != "p-docs" {
		t.Errorf("Nora's Clockify timer = %+v, %v; want Docs", run, ok)
	}
	audit, err := e.st.RecentAudit(5)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 1 || audit[0].Actor != "UADA" || audit[0].Action != "map_user" || audit[0].UserID != "u-nora" {
		t.Errorf("audit = %+v, want one map_user by UADA for u-nora", audit)
	}
}

func TestCommandsClockifyRateLimitedOrHanging(t *testing.T) {
	e := newCmdEnv(t)
	e.cf.InjectFault(clockifytest.Fault{PathContains: "time-entries", Method: "PATCH", Status: 429, Times: 1})
	if got, want := e.text(t, "UANN", "stop"), "Clockify is busy right now, so I couldn't stop your running timer. Please try again in a minute."; got != want {
		t.Errorf("stop while rate limited = %q, want %q", got, want)
	}

	e.cf.InjectFault(clockifytest.Fault{PathContains: "time-entries", Method: "PATCH", Hang: true})
	f, _ := e.router.CommandFor("/tt")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	msg, err := f(ctx, slack.SlashCommand{Command: "/tt", Text: "start design", UserID: "UANN"})
	if err != nil {
		t.Fatalf("start error: %v", err)
	}
	if want := "Clockify didn't answer in time, so I'm not sure I could stop your running timer. Please check in Clockify or try again in a minute."; msg.Text != want {
		t.Errorf("start while Clockify hangs = %q, want %q", msg.Text, want)
	}
}

func TestNotifyTimerChangeFromElsewhere(t *testing.T) {
	e := newCmdEnv(t)
	e.text(t, "UBOB", "notify on")
	stopped := &store.Entry{ProjectID: "p-docs", Start: cmdNow.Add(-time.Hour), End: cmdNow}
	started := &store.Entry{Start: cmdNow}
	e.notices.TimerChanged(timer.Change{SlackID: "UBOB", User: store.User{Name: "Bob Jones"}, Stopped: stopped, Started: started, Origin: timer.FromHome})
	e.notices.TimerChanged(timer.Change{SlackID: "UANN", User: store.User{Name: "Ann Smith"}, Started: started, Origin: timer.FromHome}) // Ann did not ask
	e.notices.Wait()
	want := []string{
		":white_check_mark: *Bob Jones* stopped a timer\n*Project:* Docs\n*Duration:* 1h 00m\n*Billable:* No",
		":stopwatch: *Bob Jones* started a timer\n*Project:* No project\n*Started at:* 14:05",
	}
	if got := channelTexts(e, cmdNotifyChannel); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("notifications mismatch (-want +got):\n-%q\n+%q", want, got)
	}
}
