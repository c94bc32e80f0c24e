package actions

import (
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

func TestRefresh(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-ann")
	// Ann logs Thursday and Friday of W46 after the report.
	for _, d := range []int{12, 13} {
		start := time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC)
		end := start.Add(8 * time.Hour)
		e.CF.AddEntry(clockifytest.Entry{UserID: "c-ann", ProjectID: "p-web", Description: "Late entry", Start: start, End: &end, Billable: true})
	}
	if err := e.PressOn("UANN", report.ActionRefresh, annValue, m); err != nil {
		t.Fatal(err)
	}
	raw := e.goldenMessage(m.Channel, m.TS)
	if !strings.Contains(string(raw), "*34 h* logged of a *25 h* target :white_check_mark:") {
		t.Errorf("refreshed message does not show 34 h: %s", raw)
	}
	bottest.CheckGolden(t, "actions", "refreshed", raw)
	// Pressed twice: the same message, no error.
	if err := e.PressOn("UANN", report.ActionRefresh, annValue, m); err != nil {
		t.Fatal(err)
	}
	if again := e.goldenMessage(m.Channel, m.TS); string(again) != string(raw) {
		t.Errorf("second Refresh changed the message:\n%s\nwant\n%s", again, raw)
	}
	// An acknowledgement survives a refresh.
	if err := e.PressOn("UMIA", report.ActionAcknowledge, annValue, m); err != nil {
		t.Fatal(err)
	}
	if err := e.PressOn("UANN", report.ActionRefresh, annValue, m); err != nil {
		t.Fatal(err)
	}
	if raw := e.goldenMessage(m.Channel, m.TS); !strings.Contains(string(raw), "Acknowledged by <@UMIA>") {
		t.Errorf("Refresh dropped the acknowledgement: %s", raw)
	}
}

func TestRefreshClockifyDown(t *testing.T) {
	e := newHomeEnv(t)
	m := e.WeeklyMessage("c-ann")
	e.CF.InjectFault(clockifytest.Fault{PathContains: "/reports/detailed", Status: 500})
	updates := len(e.SL.Calls("chat.update"))
	if err := e.PressOn("UMIA", report.ActionRefresh, annValue, m); err != nil {
		t.Fatal(err)
	}
	if n := len(e.SL.Calls("chat.update")) - updates; n != 0 {
		t.Errorf("Refresh with Clockify down updated %d messages, want 0", n)
	}
	if got := e.EphemeralsTo("UMIA"); len(got) != 1 || !strings.Contains(got[0], "could not reach Clockify") {
		t.Errorf("ephemerals = %q, want a sentence about Clockify", got)
	}
}
