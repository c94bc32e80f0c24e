package home

import (
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/slack-go/slack"
)

// TestAdminTimeClockMapping: the admins' Home tab maps a person to their
// time-clock user with a small form; bad ids and people without a
// Clockify account are answered on the form; others are refused.
func TestAdminTimeClockMapping(t *testing.T) {
	e := newHomeEnv(t)
	values := func(user, id string) map[string]map[string]slack.BlockAction {
		return map[string]map[string]slack.BlockAction{blockAdminUser: {slackui.InputValue: {SelectedUser: user}}, blockAdminTimeClockID: {slackui.InputValue: {Value: id}}}
	}
	refused := []struct {
		name, actor, user, id, block string
	}{
		{"not an admin", "UANN", "UANN", "145", blockAdminUser},
		{"not a number", "UADM", "UANN", "abc", blockAdminTimeClockID},
		{"zero", "UADM", "UANN", "0", blockAdminTimeClockID},
		{"no Clockify account", "UADM", "UNEW", "145", blockAdminUser},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := e.Submit(tc.actor, callbackAdminTimeClock, "", values(tc.user, tc.id))
			if err != nil || resp == nil || resp.Errors[tc.block] == "" {
				t.Errorf("submission = %+v, %v; want an error on %s", resp, err, tc.block)
			}
		})
	}
	if users, _ := e.St.TimeClockUsers(); len(users) != 0 {
		t.Fatalf("refused submissions mapped %v", users)
	}
	if resp, err := e.Submit("UADM", callbackAdminTimeClock, "", values("UANN", "145")); err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	users, err := e.St.TimeClockUsers()
	if err != nil || len(users) != 1 || users[145] == "" {
		t.Fatalf("time-clock users = %v, %v; want 145 mapped", users, err)
	}
	text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM")))
	for _, w := range []string{"Saved: time-clock user 145 → ann@example.com.", "*Time clock:* 145 → Ann", "admin_timeclock"} {
		if !strings.Contains(text, w) {
			t.Errorf("Home tab lacks %q:\n%s", w, text)
		}
	}
}
