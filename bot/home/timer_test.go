package home

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/internal/teamtest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/slack-go/slack"
)

func TestHomeStopAndStartTimer(t *testing.T) {
	e := newHomeEnv(t)
	if err := e.PressHome("UANN", &slack.BlockAction{ActionID: ActionHomeStop, Value: "stop"}); err != nil {
		t.Fatalf("Stop error: %v", err)
	}
	if _, running := e.CF.Running("c-ann"); running {
		t.Error("Clockify still runs Ann's timer after Stop")
	}
	if _, running, _ := e.St.RunningFor("c-ann"); running {
		t.Error("the store still holds Ann's running timer after Stop")
	}
	text := string(bottest.UnescapeHTMLJSON(t, e.HomeView("UANN")))
	for _, w := range []string{"Timer stopped: Website, 1h 00m.", "No timer running.", "*Today:* 1 h"} {
		if !strings.Contains(text, w) {
			t.Errorf("Home tab after Stop lacks %q", w)
		}
	}
	// Stop again: nothing runs, a friendly notice.
	if err := e.PressHome("UANN", &slack.BlockAction{ActionID: ActionHomeStop, Value: "stop"}); err != nil {
		t.Fatal(err)
	}
	if text := string(e.HomeView("UANN")); !strings.Contains(text, "No timer was running.") {
		t.Error("second Stop does not say that no timer was running")
	}

	// Start: the modal lists the active projects.
	if err := e.PressHome("UANN", &slack.BlockAction{ActionID: ActionHomeStart, Value: "start"}); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UANN")
	bottest.CheckViewJSON(t, raw)
	bottest.CheckGolden(t, "home", "start_modal", raw)
	if s := string(raw); !strings.Contains(s, `"static_select"`) || !strings.Contains(s, "Website · Acme") || strings.Contains(s, `"Old"`) {
		t.Errorf("Start modal: want a static select of the active projects, got %s", s)
	}
	resp, err := e.Submit("UANN", CallbackStart, "", map[string]map[string]slack.BlockAction{
		BlockStartProject:     {ActionProjectPicker: {SelectedOption: slack.OptionBlockObject{Value: "p-int"}}},
		BlockStartDescription: {slackui.InputValue: {Value: "Sprint\x00 review\u202e"}},
	})
	if err != nil || resp != nil {
		t.Fatalf("Start submission = %+v, %v; want the modal closed", resp, err)
	}
	got, running := e.CF.Running("c-ann")
	if !running || got.ProjectID != "p-int" || got.Description != "Sprint review" || !got.Start.Equal(homeNow) {
		t.Errorf("Clockify running timer = %+v, %v; want Internal \"Sprint review\" from %v", got, running, homeNow)
	}
	if s, ok, _ := e.St.RunningFor("c-ann"); !ok || s.ProjectID != "p-int" {
		t.Errorf("store running timer = %+v, %v; want Internal", s, ok)
	}
	if text := string(e.HomeView("UANN")); !strings.Contains(text, "Timer started: Internal.") || !strings.Contains(text, "*Running:* Internal — Sprint review") {
		t.Errorf("Home tab after Start does not show the new timer: %s", text)
	}
}

func TestHomeStartRefusals(t *testing.T) {
	e := newHomeEnv(t)
	e.CF.SetRequireProject(true)
	tests := []struct {
		name, user string
		values     map[string]map[string]slack.BlockAction
		block      string
		want       string
	}{
		{name: "clockify requires a project", user: "UANN", block: BlockStartDescription, want: "Stopped your running timer. Clockify says: Project is required.",
			values: map[string]map[string]slack.BlockAction{BlockStartDescription: {slackui.InputValue: {Value: "x"}}}},
		{name: "archived project", user: "UANN", block: BlockStartProject, want: "archived",
			values: map[string]map[string]slack.BlockAction{BlockStartProject: {ActionProjectPicker: {SelectedOption: slack.OptionBlockObject{Value: "p-old"}}}}},
		{name: "unmapped user", user: "UNEW", block: BlockStartDescription, want: "Clockify account"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := e.Submit(tc.user, CallbackStart, "", tc.values)
			if err != nil {
				t.Fatal(err)
			}
			if resp == nil || resp.ResponseAction != slack.RAErrors || !strings.Contains(resp.Errors[tc.block], tc.want) {
				t.Errorf("submission = %+v, want an error on %s containing %q", resp, tc.block, tc.want)
			}
		})
	}
	// As with /tt start, the running timer is stopped before the start
	// Clockify refused.
	if got, running := e.CF.Running("c-ann"); running {
		t.Errorf("Ann's timer still runs after a refused start: %+v", got)
	}
}

func TestHomeStartHangingClockify(t *testing.T) {
	e := newHomeEnv(t)
	e.home.startTimeout = 50 * time.Millisecond
	e.CF.InjectFault(clockifytest.Fault{PathContains: "/time-entries", Hang: true})
	resp, err := e.Submit("UANN", CallbackStart, "", map[string]map[string]slack.BlockAction{})
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || !strings.Contains(resp.Errors[BlockStartDescription], "didn't answer in time") {
		t.Errorf("submission with Clockify hanging = %+v, want a timeout sentence", resp)
	}
}

func TestHomeProjectPickerLoadsAsYouType(t *testing.T) {
	e := newHomeEnv(t, func(e *teamtest.Env) {
		for i := range 150 {
			e.CF.AddProject(clockifytest.Project{ID: fmt.Sprintf("p-%03d", i), Name: fmt.Sprintf("Project %03d", i)})
		}
		e.CF.AddProject(clockifytest.Project{ID: "p-cli", Name: "Mobile", ClientName: "Globex"})
	})
	if err := e.PressHome("UANN", &slack.BlockAction{ActionID: ActionHomeStart}); err != nil {
		t.Fatal(err)
	}
	raw, _ := e.SL.Modal("UANN")
	bottest.CheckViewJSON(t, raw)
	if s := string(raw); !strings.Contains(s, `"external_select"`) || !strings.Contains(s, `"min_query_length":0`) {
		t.Errorf("Start modal with 153 projects: want an external select, got %s", s)
	}
	f, ok := e.Router.OptionsFor(ActionProjectPicker)
	if !ok {
		t.Fatal("no options handler for the project picker")
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"project 01", []string{"p-010", "p-011", "p-012", "p-013", "p-014", "p-015", "p-016", "p-017", "p-018", "p-019"}},
		{"glob", []string{"p-cli"}},
		{"WEB", []string{"p-web"}},
		{"nothing like it", nil},
	}
	for _, tc := range tests {
		resp, err := f(e.Ctx(), slack.InteractionCallback{Type: slack.InteractionTypeBlockSuggestion, ActionID: ActionProjectPicker, Value: tc.query, User: slack.User{ID: "UANN"}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range resp.Options {
			got = append(got, o.Value)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("options for %q = %v, want %v", tc.query, got, tc.want)
		}
	}
	resp, _ := f(e.Ctx(), slack.InteractionCallback{Value: ""})
	if len(resp.Options) != 100 {
		t.Errorf("options for an empty query = %d, want the first 100", len(resp.Options))
	}
}
