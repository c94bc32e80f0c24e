package commands

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/store"
	"github.com/slack-go/slack"
)

// buttonsOf returns the buttons of an answer's actions block.
func buttonsOf(t *testing.T, msg slack.Msg) []*slack.ButtonBlockElement {
	t.Helper()
	var out []*slack.ButtonBlockElement
	for _, b := range msg.Blocks.BlockSet {
		a, ok := b.(*slack.ActionBlock)
		if !ok {
			continue
		}
		for _, el := range a.Elements.ElementSet {
			btn, ok := el.(*slack.ButtonBlockElement)
			if !ok {
				t.Fatalf("action element %T, want a button", el)
			}
			out = append(out, btn)
		}
	}
	return out
}

func TestCommandsAmbiguousProjectButtons(t *testing.T) {
	e := newCmdEnv(t)
	msg := e.run(t, "UANN", "start website -- <!channel> release notes")
	if want := "Several projects match “website”. Which one?"; msg.Text != want {
		t.Errorf("text = %q, want %q", msg.Text, want)
	}
	bottest.CheckBlocks(t, msg.Blocks.BlockSet, bottest.MessageLimits)
	buttons := buttonsOf(t, msg)
	type button struct{ id, label, value string }
	var got []button
	for _, b := range buttons {
		got = append(got, button{b.ActionID, b.Text.Text, b.Value})
	}
	want := []button{
		{"tt_start_project:0", "Website (Acme)", "p-web1|<!channel> release notes"},
		{"tt_start_project:1", "Website (Beta)", "p-web2|<!channel> release notes"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("buttons mismatch (-want +got):\n-%v\n+%v", want, got)
	}
	if n := len(e.startRequests(t)); n != 0 {
		t.Fatalf("an ambiguous start sent %d starts to Clockify", n)
	}

	if err := e.click(t, "UANN", buttons[1].ActionID, buttons[1].Value); err != nil {
		t.Fatalf("click error: %v", err)
	}
	posts := e.posts.all()
	if len(posts) != 1 {
		t.Fatalf("response_url got %d posts, want 1", len(posts))
	}
	p := posts[0]
	wantText := "Started *Website*.\n> &lt;!channel&gt; release notes"
	if p["text"] != wantText || p["replace_original"] != true || p["response_type"] != "ephemeral" {
		t.Errorf("click answer = %v, want text %q, replace_original, ephemeral", p, wantText)
	}
	run, ok := e.cf.Running("u-ann")
	if !ok || run.ProjectID != "p-web2" || run.Description != "<!channel> release notes" {
		t.Errorf("Clockify running timer = %+v, %v; want Website (Beta) with the description as typed", run, ok)
	}
	if stored, ok, _ := e.st.RunningFor("u-ann"); !ok || stored.ProjectID != "p-web2" {
		t.Errorf("store running timer = %+v, %v; want p-web2", stored, ok)
	}
}

func TestCommandsProjectButtonOfUnmappedUser(t *testing.T) {
	e := newCmdEnv(t)
	if err := e.click(t, "UADA", "tt_start_project:0", "p-docs|"); err != nil {
		t.Fatalf("click error: %v", err)
	}
	posts := e.posts.all()
	if len(posts) != 1 || !strings.HasPrefix(fmt.Sprint(posts[0]["text"]), "I couldn't find your Clockify account") {
		t.Errorf("posts = %v, want the unmapped sentence", posts)
	}
	if n := len(e.startRequests(t)); n != 0 {
		t.Errorf("an unmapped click started %d timers", n)
	}
}

func TestCommandsManyMatchesOfferFive(t *testing.T) {
	e := newCmdEnv(t)
	long := strings.Repeat("é", 1500) // 3000 bytes: cut to fit the 2000-byte button value
	msg := e.run(t, "UANN", "start e -- "+long)
	if !strings.HasPrefix(msg.Text, "6 projects match “e”. Here are the first 5;") {
		t.Errorf("text = %q, want the first 5 of 6", msg.Text)
	}
	buttons := buttonsOf(t, msg)
	if len(buttons) != 5 {
		t.Fatalf("%d buttons, want 5", len(buttons))
	}
	for i, b := range buttons {
		if want := fmt.Sprintf("tt_start_project:%d", i); b.ActionID != want {
			t.Errorf("button %d action_id = %q, want %q", i, b.ActionID, want)
		}
		if len(b.Value) > 2000 || !strings.Contains(b.Value, "|éé") || !json.Valid([]byte(`"`+b.Value+`"`)) {
			t.Errorf("button %d value is %d bytes (want at most 2000, valid UTF-8, with the description)", i, len(b.Value))
		}
	}
	bottest.CheckBlocks(t, msg.Blocks.BlockSet, bottest.MessageLimits)
}

func TestCommandsNoMatch(t *testing.T) {
	e := newCmdEnv(t)
	tests := []struct{ text, want string }{
		{"start desgn", "I couldn't find an active project matching “desgn”. Did you mean *Design* (Acme) or *Design System*?"},
		{"start bakend -- api", "I couldn't find an active project matching “bakend”. Did you mean *Backend*?"},
		{"start xyzzy", "I couldn't find an active project matching “xyzzy”."},
		{"start fix the login page", "I couldn't find an active project matching “fix the login page”. To add a description, put it after `--`: `/tt start design -- fixing the login page`."},
	}
	for _, tc := range tests {
		if got := e.text(t, "UANN", tc.text); got != tc.want {
			t.Errorf("/tt %s mismatch:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
	if n := len(e.startRequests(t)); n != 0 {
		t.Errorf("unmatched starts sent %d starts to Clockify", n)
	}
}

func TestCommandsStartByIDAndExactName(t *testing.T) {
	e := newCmdEnv(t)
	for _, tc := range []struct{ text, project string }{
		{"start p-docs", "p-docs"},
		{"start DESIGN", "p-design"},         // exact beats the longer "Design System"
		{"start design sys", "p-design-sys"}, // unique substring
	} {
		e.text(t, "UBOB", tc.text)
		if run, ok := e.cf.Running("u-bob"); !ok || run.ProjectID != tc.project {
			t.Errorf("/tt %s started %+v, want project %s", tc.text, run, tc.project)
		}
	}
}

func TestMatchProject(t *testing.T) {
	projects := []store.Project{
		{ID: "p1", Name: "Design", ClientName: "Acme"},
		{ID: "p2", Name: "Design System"},
		{ID: "p3", Name: "Backend"},
		{ID: "p4", Name: "Old Design", Archived: true},
		{ID: "p5", Name: "Website", ClientName: "Beta"},
		{ID: "p6", Name: "Website", ClientName: "Acme"},
		{ID: "p7", Name: "Legacy", Archived: true},
		{ID: "p8", Name: "Web Shop"},
	}
	ids := func(ps []store.Project) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.ID)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		query                                string
		project, choices, archived, suggests string
	}{
		{query: "p3", project: "p3"},
		{query: "p7", project: "p7"}, // by id even when archived: Clockify refuses
		{query: "design", project: "p1"},
		{query: "  DESIGN  ", project: "p1"},
		{query: "design  system", project: "p2"},
		{query: "system", project: "p2"},
		{query: "end", project: "p3"},
		{query: "desi", choices: "p1,p2"},
		{query: "website", choices: "p6,p5"}, // same name: by client
		{query: "web", choices: "p8,p6,p5"},  // "Web Shop" sorts before "Website"
		{query: "sign", choices: "p1,p2"},    // substring, archived "Old Design" left out
		{query: "legacy", archived: "p7"},
		{query: "old design", archived: "p4"},
		{query: "design team", suggests: "p1,p2"},
		{query: "backedn", suggests: "p3"},
		{query: "websight", suggests: "p6,p5"},
		{query: "qq"},
		{query: "zzzzzz"},
		{query: ""},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			m := matchProject(projects, tc.query)
			got := [4]string{"", ids(m.Choices), "", ids(m.Suggestions)}
			if m.Project != nil {
				got[0] = m.Project.ID
			}
			if m.Archived != nil {
				got[2] = m.Archived.ID
			}
			want := [4]string{tc.project, tc.choices, tc.archived, tc.suggests}
			if got != want {
				t.Errorf("matchProject(%q) mismatch (-want +got):\n-%q\n+%q", tc.query, want, got)
			}
		})
	}
}

func TestSuggestProjects(t *testing.T) {
	projects := []store.Project{
		{ID: "a", Name: "Analytics"}, {ID: "b", Name: "Analysis"}, {ID: "c", Name: "Anatomy"},
		{ID: "d", Name: "Analog"}, {ID: "e", Name: "Archived Analytics", Archived: true}, {ID: "f", Name: "UI"},
	}
	tests := []struct {
		query string
		n     int
		want  string
	}{
		{"analytcs", 3, "a,b"},
		{"analys", 3, "b,a,d"},     // a prefix, then typos
		{"anal", 2, "d,b"},         // ties sorted by name, at most n
		{"ui", 3, ""},              // too short to guess
		{"ui design", 3, ""},       // contains a name, but a two-letter one
		{"analytics team", 3, "a"}, // the name inside the query
		{strings.Repeat("analytics", 20), 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			var got []string
			for _, p := range suggestProjects(projects, tc.query, tc.n) {
				got = append(got, p.ID)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("suggestProjects(%q, %d) = %v, want %s", tc.query, tc.n, got, tc.want)
			}
		})
	}
}
