package home

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// authRoles are the people who press the buttons of Ann's weekly message:
// Ann herself, her manager Mia, Max who manages someone else, the admin
// and Zed who manages nobody.
var authRoles = []struct{ role, user string }{
	{"self", "UANN"}, {"manager", "UMIA"}, {"other manager", "UMAX"}, {"admin", "UADM"}, {"stranger", "UZED"},
}

// authState is everything an action may change: the ledger record of
// Ann's week, the stored settings, and the Slack and Clockify calls that
// change something.
func (e *homeEnv) authState() string {
	e.T.Helper()
	rec, _, err := e.St.Delivery("2026-W46", "c-ann")
	if err != nil {
		e.T.Fatal(err)
	}
	o, err := people.LoadManagerOverrides(e.St)
	if err != nil {
		e.T.Fatal(err)
	}
	ledger, _ := json.Marshal(rec)
	overrides, _ := json.Marshal(o)
	return fmt.Sprintf("ledger %s\nsettings %s\noverrides %s\nchat.update %d\nviews.open %d\nviews.update %d\nchat.postMessage %d\nclockify %d",
		ledger, e.ReportSettings(), overrides, len(e.SL.Calls("chat.update")), len(e.SL.Calls("views.open")),
		len(e.SL.Calls("views.update")), len(e.SL.Calls("chat.postMessage")), e.CF.Requests())
}

func TestAdminActionsAuthorization(t *testing.T) {
	// pressThenSubmit presses the button, then submits the modal: the one
	// opened, or a forged one when the presser got none.
	adminSubmit := func(callback string, values map[string]map[string]slack.BlockAction) func(e *homeEnv, user string) error {
		return func(e *homeEnv, user string) error {
			_, err := e.Submit(user, callback, "", values)
			return err
		}
	}
	adminPress := func(actionID string) func(e *homeEnv, user string) error {
		return func(e *homeEnv, user string) error {
			return e.PressHome(user, &slack.BlockAction{ActionID: actionID, Value: "open"})
		}
	}
	cases := []struct {
		name    string
		audit   string
		allowed []string
		run     func(e *homeEnv, user string) error
	}{
		{name: "admin default target", audit: AuditAdminDefault, allowed: []string{"UADM"},
			run: adminSubmit(callbackAdminDefault, map[string]map[string]slack.BlockAction{blockAdminHours: {slackui.InputValue: {Value: "30"}}})},
		{name: "admin person target", audit: AuditAdminTarget, allowed: []string{"UADM"},
			run: adminSubmit(callbackAdminTarget, map[string]map[string]slack.BlockAction{blockAdminUser: {slackui.InputValue: {SelectedUser: "UANN"}}, blockAdminHours: {slackui.InputValue: {Value: "10"}}})},
		{name: "admin exception list", audit: AuditAdminExclude, allowed: []string{"UADM"},
			run: adminSubmit(callbackAdminExclude, map[string]map[string]slack.BlockAction{blockAdminUsers: {slackui.InputValue: {SelectedUsers: []string{"UANN"}}}})},
		{name: "admin manager override", audit: AuditAdminManagers, allowed: []string{"UADM"},
			run: adminSubmit(callbackAdminManagers, map[string]map[string]slack.BlockAction{blockAdminUser: {slackui.InputValue: {SelectedUser: "UANN"}}, blockAdminUsers: {slackui.InputValue: {SelectedUsers: []string{"UMAX"}}}})},
		{name: "admin opens a setting", audit: AuditAdminTarget, allowed: []string{"UADM"}, run: adminPress(actionAdminTarget)},
		{name: "admin preview", audit: AuditAdminPreview, allowed: []string{"UADM"}, run: adminPress(actionAdminPreview)},
		{name: "admin sync now", audit: AuditAdminSync, allowed: []string{"UADM"}, run: adminPress(actionAdminSync)},
	}
	for _, tc := range cases {
		for _, r := range authRoles {
			t.Run(tc.name+"/"+r.role, func(t *testing.T) {
				e := newHomeEnv(t)
				before, audits := e.authState(), e.AuditCount()
				if err := tc.run(e, r.user); err != nil {
					t.Fatalf("%s by %s: error %v", tc.name, r.user, err)
				}
				after := e.authState()
				allowed := slices.Contains(tc.allowed, r.user)
				switch {
				case allowed && after == before:
					t.Errorf("%s by the %s changed nothing", tc.name, r.role)
				case !allowed && after != before:
					t.Errorf("%s by the %s changed something:\nbefore:\n%s\nafter:\n%s", tc.name, r.role, before, after)
				}
				entries := e.AuditSince(audits)
				if len(entries) == 0 {
					t.Fatalf("%s by the %s was not audited", tc.name, r.role)
				}
				for _, a := range entries {
					if a.Actor != r.user || a.Action != tc.audit || !a.At.Equal(homeNow) {
						t.Errorf("audit entry %+v: want actor %s, action %s at %v", a, r.user, tc.audit, homeNow)
					}
					if refused := strings.HasPrefix(a.Detail, store.AuditRefused); refused == allowed {
						t.Errorf("audit entry %+v: refused = %v, want %v", a, refused, !allowed)
					}
				}
			})
		}
	}
}
