package home

import (
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/commands"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/timer"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// TestStartStopsRunningTimerFromSlashAndHome checks that a start from the
// Home tab does what /tt start does: it stops the running timer with its
// own Clockify call first, records the stopped entry (user and end filled
// in), then starts the new one, and the listeners hear of both.
func TestStartStopsRunningTimerFromSlashAndHome(t *testing.T) {
	tests := []struct {
		name  string
		start func(e *homeEnv) error
	}{
		{"slash command", func(e *homeEnv) error {
			f, _ := e.Router.CommandFor(commands.SlashCommandName)
			_, err := f(e.Ctx(), slack.SlashCommand{Command: commands.SlashCommandName, Text: "start Internal -- Sprint review", UserID: "UANN"})
			return err
		}},
		{"home tab", func(e *homeEnv) error {
			resp, err := e.Submit("UANN", CallbackStart, "", map[string]map[string]slack.BlockAction{
				BlockStartProject:     {ActionProjectPicker: {SelectedOption: slack.OptionBlockObject{Value: "p-int"}}},
				BlockStartDescription: {slackui.InputValue: {Value: "Sprint review"}},
			})
			if resp != nil {
				t.Errorf("submission = %+v, want the modal closed", resp)
			}
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newHomeEnv(t)
			cmds := commands.New(e.Timers, e.St, e.People, e.Reporter, commands.Config{}, e.Clock.Now, e.Log)
			cmds.Register(e.Router)
			var heard []timer.Change
			e.Timers.Listen(func(c timer.Change) { heard = append(heard, c) })
			old, running, err := e.St.RunningFor("c-ann")
			if err != nil || !running {
				t.Fatalf("fixture: Ann's running timer = %v, %v", running, err)
			}
			e.CF.ResetRequests()

			if err := tc.start(e); err != nil {
				t.Fatal(err)
			}

			var calls []string
			for _, r := range e.CF.RequestLog() {
				if strings.Contains(r.Path, "/time-entries") {
					calls = append(calls, r.Method)
				}
			}
			if strings.Join(calls, " ") != "PATCH POST" {
				t.Errorf("Clockify timer calls = %v, want [PATCH POST] (stop, then start)", calls)
			}
			if got, ok := e.CF.Running("c-ann"); !ok || got.ProjectID != "p-int" || got.Description != "Sprint review" {
				t.Errorf("Clockify running timer = %+v, %v; want Internal", got, ok)
			}
			if got, ok, _ := e.St.RunningFor("c-ann"); !ok || got.ProjectID != "p-int" || got.UserID != "c-ann" {
				t.Errorf("stored running timer = %+v, %v; want Internal of c-ann", got, ok)
			}
			stopped := storedEntry(t, e.St, old.ID)
			if stopped.UserID != "c-ann" || !stopped.End.Equal(homeNow) {
				t.Errorf("stopped entry = user %q end %v; want c-ann, %v", stopped.UserID, stopped.End, homeNow)
			}
			if len(heard) != 1 || heard[0].Stopped == nil || heard[0].Started == nil || heard[0].Stopped.ID != old.ID {
				t.Errorf("listeners heard %+v; want one change stopping %s and starting the new timer", heard, old.ID)
			}
		})
	}
}

// storedEntry returns the stored (finished) entry id.
func storedEntry(t *testing.T, st *store.Store, id string) store.Entry {
	t.Helper()
	var found store.Entry
	err := st.ForEachEntry(homeNow.AddDate(0, 0, -1), homeNow.AddDate(0, 0, 1), func(e store.Entry) error {
		if e.ID == id {
			found = e
		}
		return nil
	})
	if err != nil || found.ID == "" {
		t.Fatalf("stored entry %s: %+v, %v", id, found, err)
	}
	return found
}
