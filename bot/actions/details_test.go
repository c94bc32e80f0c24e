package actions

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/teamtest"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/slack-go/slack"
)

func TestDetails(t *testing.T) {
	e := newHomeEnv(t)
	if err := e.PressOn("UANN", report.ActionDetails, annValue, e.WeeklyMessage("c-ann")); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UANN")
	bottest.CheckViewJSON(t, raw)
	s := string(bottest.UnescapeHTMLJSON(t, raw))
	for _, w := range []string{"Week 2026-W46", "*Mon Nov 9* · 6 h", "`09:00–15:00` *6 h* · Website — Checkout page", "*Thu Nov 12* · 0 h", "_Nothing logged._", "• Website _(Acme)_ — *18 h*"} {
		if !strings.Contains(s, w) {
			t.Errorf("Details lacks %q", w)
		}
	}
	bottest.CheckGolden(t, "actions", "details_modal", raw)
}

func TestDetailsManyEntriesArePaged(t *testing.T) {
	e := newHomeEnv(t, func(e *teamtest.Env) {
		// 600 entries of 10 minutes with long hostile descriptions.
		for i := range 600 {
			start := time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 15 * time.Minute)
			end := start.Add(10 * time.Minute)
			e.CF.AddEntry(clockifytest.Entry{UserID: "c-cat", ProjectID: "p-int", Description: strings.Repeat("<!here> & ", 40), Start: start, End: &end})
		}
	})
	// Cat logged enough: no weekly message, but Details work anywhere.
	if err := e.PressOn("UMAX", report.ActionDetails, "2026-W46|c-cat", slacktest.Message{Channel: "CREPORTS", TS: "1.000100"}); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UMAX")
	bottest.CheckViewJSON(t, raw)
	bottest.AssertNoHostileText(t, raw)
	if s := string(raw); !strings.Contains(s, "Page 1 of ") || !strings.Contains(s, actionDetailsPage+"_next") {
		t.Fatalf("Details of 604 entries: no pages in %s", s)
	}
	// The Next button updates the modal in place.
	view, err := e.actions.detailsView(homeW46, "c-cat", 0)
	if err != nil {
		t.Fatal(err)
	}
	opened, err := e.SlackAPI.OpenViewContext(e.Ctx(), e.SL.NewTriggerID("UMAX"), view)
	if err != nil {
		t.Fatal(err)
	}
	cb := slack.InteractionCallback{Type: slack.InteractionTypeBlockActions, User: slack.User{ID: "UMAX"},
		Container: slack.Container{Type: "view", ViewID: opened.View.ID}, View: opened.View}
	if err := e.Action(cb, &slack.BlockAction{ActionID: actionDetailsPage + "_next", Value: "2026-W46|c-cat|1"}); err != nil {
		t.Fatal(err)
	}
	raw, _ = e.SL.Modal("UMAX")
	bottest.CheckViewJSON(t, raw)
	if s := string(raw); !strings.Contains(s, "Page 2 of ") || !strings.Contains(s, actionDetailsPage+"_prev") {
		t.Errorf("after Next: %s", s)
	}
	// Nobody else may page through Cat's week.
	before := len(e.SL.Calls("views.update"))
	cb.User.ID = "UMIA"
	if err := e.Action(cb, &slack.BlockAction{ActionID: actionDetailsPage + "_next", Value: "2026-W46|c-cat|2"}); err != nil {
		t.Fatal(err)
	}
	if n := len(e.SL.Calls("views.update")) - before; n != 0 {
		t.Errorf("a manager of others paged Cat's details (%d views.update)", n)
	}
}
