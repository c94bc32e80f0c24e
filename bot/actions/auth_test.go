package actions

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
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
	return fmt.Sprintf("ledger %s\nsettings %s\noverrides %s\nchat.update %d\nforms shown %d\nchat.postMessage %d\nclockify %d",
		ledger, e.ReportSettings(), overrides, len(e.SL.Calls("chat.update")), e.formsShown(),
		len(e.SL.Calls("chat.postMessage")), e.CF.Requests())
}

// formsShown counts the views opened or updated that show something: a
// form or the details (a modal opens loading before the press is checked,
// and a refused press ends it with a notice, which shows nothing).
func (e *homeEnv) formsShown() int {
	n := 0
	for _, m := range []string{"views.open", "views.update"} {
		for _, c := range e.SL.Calls(m) {
			var v slack.ModalViewRequest
			if json.Unmarshal([]byte(c.Params.Get("view")), &v) == nil && len(v.Blocks.BlockSet) > 1 {
				n++
			}
		}
	}
	return n
}

func TestManagerActionsAuthorization(t *testing.T) {
	annRef := func(e *homeEnv) string {
		m := e.WeeklyMessage("c-ann")
		return modalMeta{Week: "2026-W46", User: "c-ann", Channel: m.Channel, TS: m.TS}.String()
	}
	press := func(action string) func(e *homeEnv, user string) error {
		return func(e *homeEnv, user string) error {
			return e.PressOn(user, action, annValue, e.WeeklyMessage("c-ann"))
		}
	}
	// pressThenSubmit presses the button, then submits the modal: the one
	// opened, or a forged one when the presser got none.
	pressThenSubmit := func(action, callback string, values map[string]map[string]slack.BlockAction) func(e *homeEnv, user string) error {
		return func(e *homeEnv, user string) error {
			if err := press(action)(e, user); err != nil {
				return err
			}
			_, err := e.Submit(user, callback, annRef(e), values)
			return err
		}
	}
	cases := []struct {
		name    string
		audit   string
		allowed []string
		run     func(e *homeEnv, user string) error
		message bool // refusals are answered on the message
	}{
		{name: "acknowledge", audit: AuditAcknowledge, allowed: []string{"UMIA", "UADM"}, run: press(report.ActionAcknowledge), message: true},
		{name: "excuse", audit: AuditExcuse, allowed: []string{"UMIA", "UADM"}, message: true,
			run: pressThenSubmit(report.ActionExcuse, callbackExcuse, map[string]map[string]slack.BlockAction{blockExcuseReason: {slackui.InputValue: {Value: "ok"}}})},
		{name: "details", audit: AuditDetails, allowed: []string{"UANN", "UMIA", "UADM"}, run: press(report.ActionDetails), message: true},
		{name: "refresh", audit: AuditRefresh, allowed: []string{"UANN", "UMIA", "UADM"}, run: press(report.ActionRefresh), message: true},
		{name: "adjust target", audit: AuditAdjustTarget, allowed: []string{"UMIA", "UADM"}, message: true,
			run: pressThenSubmit(report.ActionAdjustTarget, CallbackTarget, map[string]map[string]slack.BlockAction{BlockTargetHours: {slackui.InputValue: {Value: "12"}}})},
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
				if !allowed && tc.message {
					if got := e.EphemeralsTo(r.user); len(got) == 0 || got[0] != "Only managers of <@UANN> can do this." {
						t.Errorf("%s told %q, want \"Only managers of <@UANN> can do this.\"", r.user, got)
					}
				}
			})
		}
	}
}
