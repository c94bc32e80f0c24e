package home

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

func TestAdminModals(t *testing.T) {
	e := newHomeEnv(t)
	if err := e.St.PutSetting(store.ReportSettingsKey(), report.Settings{Exclude: []string{"ghost@example.com", "max@example.com"}, ExcludeSet: true}); err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{actionAdminDefault, actionAdminTarget, actionAdminExclude, actionAdminManagers} {
		t.Run(action, func(t *testing.T) {
			if err := e.PressHome("UADM", &slack.BlockAction{ActionID: action, Value: "open"}); err != nil {
				t.Fatal(err)
			}
			raw, ok := e.SL.Modal("UADM")
			if !ok {
				t.Fatal("no modal opened")
			}
			bottest.CheckViewJSON(t, raw)
			bottest.CheckGolden(t, "home", action+"_modal", raw)
		})
	}
	if err := e.PressHome("UADM", &slack.BlockAction{ActionID: actionAdminExclude}); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UADM")
	if s := string(raw); !strings.Contains(s, `"initial_users":["UMAX"]`) || !strings.Contains(s, "without a Slack account (kept): ghost@example.com") {
		t.Errorf("exception list modal: want Max in the picker and ghost@ kept, got %s", s)
	}
}

func TestAdminDefaultTarget(t *testing.T) {
	e := newHomeEnv(t)
	for _, bad := range []string{"", "x", "200"} {
		resp, err := e.Submit("UADM", callbackAdminDefault, "", map[string]map[string]slack.BlockAction{blockAdminHours: {slackui.InputValue: {Value: bad}}})
		if err != nil || resp == nil || resp.Errors[blockAdminHours] == "" {
			t.Errorf("default target %q: %+v, %v; want an error", bad, resp, err)
		}
	}
	resp, err := e.Submit("UADM", callbackAdminDefault, "", map[string]map[string]slack.BlockAction{blockAdminHours: {slackui.InputValue: {Value: "30"}}})
	if err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	minHours, _, targets, err := e.Reporter.Settings()
	if err != nil || minHours != 30 || targets["bob@example.com"] != 30 {
		t.Errorf("Settings() = %v, %v, %v; want 30 h and Bob's target kept", minHours, targets, err)
	}
	if s := e.ReportSettings(); strings.Contains(s, "targetsSet") || strings.Contains(s, "excludeSet") {
		t.Errorf("changing the default stored the lists too: %s", s)
	}
	text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM")))
	for _, w := range []string{"Saved: default target 25 h → 30 h.", "*Default weekly target:* 30 h _(set in Slack)_", "*admin_default_target* · default target 25 h → 30 h"} {
		if !strings.Contains(text, w) {
			t.Errorf("Home tab lacks %q", w)
		}
	}
}

func TestAdminPersonTarget(t *testing.T) {
	e := newHomeEnv(t)
	values := func(user, hours string) map[string]map[string]slack.BlockAction {
		return map[string]map[string]slack.BlockAction{blockAdminUser: {slackui.InputValue: {SelectedUser: user}}, blockAdminHours: {slackui.InputValue: {Value: hours}}}
	}
	if resp, _ := e.Submit("UADM", callbackAdminTarget, "", values("UNEW", "10")); resp == nil || resp.Errors[blockAdminUser] == "" {
		t.Errorf("target of an unmapped person: %+v, want an error", resp)
	}
	if resp, err := e.Submit("UADM", callbackAdminTarget, "", values("UANN", "10")); err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	_, _, targets, _ := e.Reporter.Settings()
	if targets["ann@example.com"] != 10 || targets["bob@example.com"] != 30 {
		t.Errorf("targets = %v, want Ann 10 and Bob 30 (copied from the environment)", targets)
	}
	if resp, err := e.Submit("UADM", callbackAdminTarget, "", values("UBOB", "")); err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	_, _, targets, _ = e.Reporter.Settings()
	if _, has := targets["bob@example.com"]; has || targets["ann@example.com"] != 10 {
		t.Errorf("targets = %v, want Bob back on the default", targets)
	}
	if text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM"))); !strings.Contains(text, "<@UANN> (ann@example.com) — 10 h") {
		t.Errorf("Home tab does not list Ann's target: %s", text)
	}
}

func TestAdminExceptionList(t *testing.T) {
	e := newHomeEnv(t)
	if err := e.St.PutSetting(store.ReportSettingsKey(), report.Settings{Exclude: []string{"ghost@example.com", "max@example.com"}, ExcludeSet: true}); err != nil {
		t.Fatal(err)
	}
	resp, err := e.Submit("UADM", callbackAdminExclude, "", map[string]map[string]slack.BlockAction{blockAdminUsers: {slackui.InputValue: {SelectedUsers: []string{"UANN", "UNEW"}}}})
	if err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	_, exclude, _, _ := e.Reporter.Settings()
	got := slices.Sorted(func(yield func(string) bool) {
		for k := range exclude {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"ann@example.com", "ghost@example.com", "new@example.com"}; !slices.Equal(got, want) {
		t.Errorf("exception list = %v, want %v (Max removed, ghost kept)", got, want)
	}
	audit := e.AuditSince(0)
	if last := audit[len(audit)-1]; last.Detail != "exception list: added [ann@example.com, new@example.com], removed [max@example.com]" {
		t.Errorf("audit detail = %q", last.Detail)
	}
	// The next report follows it: Ann is no longer flagged.
	rep, _, err := e.Reporter.Build(e.Ctx(), homeW46, homeNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Users {
		if u.ClockifyUserID == "c-ann" && (u.Flagged || !u.Excluded) {
			t.Errorf("Ann in the next report: flagged %v, excluded %v", u.Flagged, u.Excluded)
		}
	}
}

// annValue is the button value of Ann's week 2026-W46.
const annValue = "2026-W46|c-ann"

func TestAdminManagerOverride(t *testing.T) {
	e := newHomeEnv(t)
	values := func(person string, managers ...string) map[string]map[string]slack.BlockAction {
		return map[string]map[string]slack.BlockAction{blockAdminUser: {slackui.InputValue: {SelectedUser: person}}, blockAdminUsers: {slackui.InputValue: {SelectedUsers: managers}}}
	}
	if resp, err := e.Submit("UADM", callbackAdminManagers, "", values("UANN", "UMAX", "UANN", "UMAX")); err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	o, _ := people.LoadManagerOverrides(e.St)
	if got := o["c-ann"]; !slices.Equal(got, []string{"UMAX"}) {
		t.Fatalf("override of Ann = %v, want [UMAX] (herself and duplicates dropped)", got)
	}
	dir, err := e.People.Directory()
	if err != nil {
		t.Fatal(err)
	}
	ann, _, _ := e.St.User("c-ann")
	if refs := dir.Managers(ann); len(refs) != 1 || refs[0] != (people.ManagerRef{ClockifyUserID: "c-max", Email: "max@example.com", SlackUserID: "UMAX"}) {
		t.Errorf("Managers(c-ann) = %+v", refs)
	}
	for _, tc := range []struct {
		actor string
		want  bool
	}{{"UMAX", true}, {"UMIA", false}, {"UADM", true}} {
		if got, err := e.People.Manages(e.Ctx(), tc.actor, "c-ann"); err != nil || got != tc.want {
			t.Errorf("Manages(%s, c-ann) = %v, %v; want %v", tc.actor, got, err, tc.want)
		}
	}
	team := func(actor string) []string {
		us, err := e.People.ManagedBy(e.Ctx(), actor)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, u := range us {
			ids = append(ids, u.ID)
		}
		return ids
	}
	if got := team("UMAX"); !slices.Equal(got, []string{"c-ann", "c-cat"}) {
		t.Errorf("Max manages %v, want Ann and Cat", got)
	}
	if got := team("UMIA"); !slices.Equal(got, []string{"c-bob"}) {
		t.Errorf("Mia manages %v, want only Bob", got)
	}
	// Mia's Acknowledge is refused now; Max's is taken.
	m := e.WeeklyMessage("c-ann")
	_ = e.PressOn("UMIA", report.ActionAcknowledge, annValue, m)
	_ = e.PressOn("UMAX", report.ActionAcknowledge, annValue, m)
	if rec, _, _ := e.St.Delivery("2026-W46", "c-ann"); rec.AckBy != "UMAX" {
		t.Errorf("acknowledged by %q, want UMAX", rec.AckBy)
	}
	if text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM"))); !strings.Contains(text, "<@UANN> → <@UMAX>") {
		t.Errorf("Home tab does not list the override")
	}
	// No managers: the override goes.
	if resp, err := e.Submit("UADM", callbackAdminManagers, "", values("UANN")); err != nil || resp != nil {
		t.Fatalf("submission = %+v, %v", resp, err)
	}
	if o, _ := people.LoadManagerOverrides(e.St); len(o) != 0 {
		t.Errorf("overrides = %v, want none", o)
	}
}

func TestAdminPreview(t *testing.T) {
	e := newHomeEnv(t)
	posts := len(e.SL.Calls("chat.postMessage"))
	channel := len(e.SL.Messages("CREPORTS"))
	if err := e.PressHome("UADM", &slack.BlockAction{ActionID: actionAdminPreview}); err != nil {
		t.Fatal(err)
	}
	calls := e.SL.Calls("chat.postMessage")[posts:]
	if len(calls) != 3 {
		t.Fatalf("preview posted %d messages, want a summary and 2 messages", len(calls))
	}
	for _, c := range calls {
		if c.Params.Get("channel") != "UADM" {
			t.Errorf("preview posted to %q, want only the admin", c.Params.Get("channel"))
		}
		if strings.Contains(c.Params.Get("blocks"), "weekly_actions") || c.Params.Get("metadata") != "" {
			t.Errorf("preview message carries buttons or metadata: %v", c.Params)
		}
	}
	if n := len(e.SL.Messages("CREPORTS")); n != channel {
		t.Errorf("preview posted in the report channel")
	}
	summary := calls[0].Params.Get("text")
	for _, w := range []string{"*Preview of the weekly report 2026-W46*", "Nothing was sent to anyone", "6 people in the report, 2 would get a message", "<@UANN> — 18 h of 25 h · managers: <@UMIA>", "<@UCAT> — 16 h of 25 h · managers: <@UMAX>"} {
		if !strings.Contains(summary, w) {
			t.Errorf("summary %q lacks %q", summary, w)
		}
	}
	raw, _ := json.Marshal(map[string]any{"summary": summary, "first": json.RawMessage(calls[1].Params.Get("blocks"))})
	bottest.CheckGolden(t, "home", "preview_dm", raw)
	if rec, _, _ := e.St.Delivery("2026-W46", "c-ann"); rec.AckBy != "" {
		t.Error("the preview changed the ledger")
	}
}

func TestAdminSyncNow(t *testing.T) {
	e := newHomeEnv(t)
	end := homeNow.Add(-time.Hour)
	e.CF.AddEntry(clockifytest.Entry{ID: "e-new", UserID: "c-zed", ProjectID: "p-int", Start: end.Add(-time.Hour), End: &end})
	e.home.syncing.Store(true)
	requests := e.CF.Requests()
	if err := e.PressHome("UADM", &slack.BlockAction{ActionID: actionAdminSync}); err != nil {
		t.Fatal(err)
	}
	if e.CF.Requests() != requests || !strings.Contains(string(e.HomeView("UADM")), "A sync is already running.") {
		t.Error("a second Sync now while one runs started another")
	}
	e.home.syncing.Store(false)
	if err := e.PressHome("UADM", &slack.BlockAction{ActionID: actionAdminSync}); err != nil {
		t.Fatal(err)
	}
	es, _ := e.St.EntriesForUser("c-zed", end.Add(-2*time.Hour), end)
	if len(es) != 1 || es[0].ID != "e-new" {
		t.Errorf("entries after Sync now = %+v, want e-new", es)
	}
	if text := string(e.HomeView("UADM")); !strings.Contains(text, "Sync done: synced 6 users") {
		t.Errorf("Home tab after Sync now: %s", text)
	}
	if e.home.syncing.Load() {
		t.Error("still marked as syncing")
	}
	e.CF.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", Status: 500})
	if err := e.PressHome("UADM", &slack.BlockAction{ActionID: actionAdminSync}); err != nil {
		t.Fatal(err)
	}
	text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UADM")))
	if !strings.Contains(text, "The sync failed") || !strings.Contains(text, ":warning: Last error (Wed Nov 18 10:00)") {
		t.Errorf("Home tab after a failed sync: %s", text)
	}
}
