package bot

// A burst of `/tt start` and `/tt stop` bigger than Clockify's rate limit
// lets through at once: the commands that cannot have their turns soon
// answer at once with a provisional message and confirm through the
// response_url. The limiter runs on its own clock (withLimiter), so who
// waits follows from its state alone.

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/home"
	"github.com/clockbot/clockbot/bot/internal/bottest"
	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// burstUser is the Slack id of the i-th user of the burst fixture; its
// Clockify id is "c-" + burstUser(i).
func burstUser(i int) string { return fmt.Sprintf("UB%02d", i) }

// withBurstUsers adds n users to both fakes, each with a Backend timer
// running since an hour before e2eNow.
func withBurstUsers(n int) e2eOption {
	return withSeed(func(e *e2e) {
		for i := range n {
			id, email := burstUser(i), fmt.Sprintf("b%02d@example.com", i)
			e.cf.AddUser(clockifytest.User{ID: "c-" + id, Email: email, Name: "Burst " + id, TimeZone: "Europe/Berlin"})
			e.sl.AddUser(slacktest.User{ID: id, Email: email, Name: strings.ToLower(id), TZ: "Europe/Berlin"})
			e.cf.AddEntry(clockifytest.Entry{ID: "run-" + id, UserID: "c-" + id, ProjectID: "p-backend", Start: e2eNow.Add(-time.Hour)})
		}
	})
}

func TestE2ETimerBurst(t *testing.T) {
	const (
		burst = 40 // the limiter's bucket
		// free is how many of its tokens the test leaves to the burst;
		// other people's requests hold the rest.
		free     = 4
		started  = "Stopped *Backend* after 1h 00m and started *Backend*."
		stopped  = "Stopped *Backend* after 1h 00m. Today so far: 1h 00m."
		starting = "Starting your timer on *Backend*… Clockify is busy; I'll confirm here in a few seconds."
		stopping = "Stopping your timer… Clockify is busy; I'll confirm here in a few seconds."
		refused  = "Stopped *Backend* after 1h 00m, but I couldn't start the new one. " +
			"Clockify refused my access (status 403), so I couldn't start your timer. Ask an admin to check the bot's Clockify API key."
	)
	tests := []struct {
		name  string
		text  string
		users int
		fault *clockifytest.Fault
		// want counts the texts of the acknowledgements; result is the
		// final answer of every command, in its ack or its response_url
		// post; turns is how many requests wait for the clock.
		want   map[string]int
		result string
		turns  int
	}{
		{name: "a start burst within the budget is answered in the ack", text: "start backend", users: 2,
			want: map[string]int{started: 2}, result: started},
		{name: "a bigger start burst: provisional acks, then the result via response_url", text: "start backend", users: 6,
			want: map[string]int{started: 2, starting: 4}, result: started, turns: 8},
		{name: "a bigger stop burst: provisional acks, then the result via response_url", text: "stop", users: 6,
			want: map[string]int{stopped: 4, stopping: 2}, result: stopped, turns: 2},
		{name: "an error after deferring is reported via response_url", text: "start backend", users: 4,
			fault: &clockifytest.Fault{Method: http.MethodPost, PathContains: "/time-entries", Status: http.StatusForbidden},
			want:  map[string]int{refused: 2, starting: 2}, result: refused, turns: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newE2E(t, withLimiter(1, burst), withBurstUsers(tc.users))
			_, _, release := e.api.ReserveInteractive(e.ctx(), burst-free) // held by others
			defer release()
			if tc.fault != nil {
				e.cf.InjectFault(*tc.fault)
			}
			asked := e.now()

			acks := make([]string, tc.users)
			var wg sync.WaitGroup
			for i := range tc.users {
				wg.Go(func() {
					acks[i] = bottest.DecodeAck(t, e.slash(tc.text, burstUser(i))).Text
				})
			}
			wg.Wait()
			got := map[string]int{}
			for _, a := range acks {
				got[a]++
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("acks = %q, want %v", acks, tc.want)
			}

			// The clock gives the deferred commands their turns, one a
			// second; each result then replaces its provisional ack. The
			// bot's clock moves too: a timer must still start when asked.
			for range tc.turns {
				e.clock.Advance(time.Second)
				e.limitClock.Advance(time.Second)
			}
			deferred := tc.users - tc.want[tc.result]
			posts, err := e.sl.WaitResponse(e.ctx(), deferred)
			if err != nil {
				t.Fatalf("%v\nlogs:\n%s", err, e.logs)
			}
			if len(posts) != deferred {
				t.Errorf("response_url posts = %d, want %d", len(posts), deferred)
			}
			for _, p := range posts {
				if p.JSON["text"] != tc.result || p.JSON["replace_original"] != true || p.JSON["response_type"] != "ephemeral" {
					t.Errorf("response_url post = %s, want the ephemeral %q replacing the provisional ack", p.Body, tc.result)
				}
			}

			// Every command happened exactly once, as of when it was asked.
			var starts int
			for _, r := range e.cf.RequestLog() {
				if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/time-entries") {
					starts++
				}
			}
			if wantStarts := map[bool]int{true: tc.users}[strings.HasPrefix(tc.text, "start")]; starts != wantStarts {
				t.Errorf("timer starts sent to Clockify = %d, want %d", starts, wantStarts)
			}
			for i := range tc.users {
				id := "c-" + burstUser(i)
				run, running := e.cf.Running(id)
				switch {
				case tc.result == started && (!running || run.ProjectID != "p-backend" || !run.Start.Equal(asked)):
					t.Errorf("Clockify timer of %s = %+v, %v; want Backend since %v", id, run, running, asked)
				case tc.result != started && running:
					t.Errorf("Clockify timer of %s = %+v, want none running", id, run)
				}
			}
		})
	}
}

func TestE2EBusyNoteEscapesTheProjectName(t *testing.T) {
	const hostile = "<!channel> Ops <http://x|y> <@UBOB>"
	e := newE2E(t, withLimiter(1, 40), withBurstUsers(1), withSeed(func(e *e2e) {
		e.cf.AddProject(clockifytest.Project{ID: "p-ops", Name: hostile})
	}))
	_, _, release := e.api.ReserveInteractive(e.ctx(), 40) // every token held by others
	defer release()
	ack := bottest.DecodeAck(t, e.slash("start ops", burstUser(0))).Text
	want := "Starting your timer on *&lt;!channel&gt; Ops &lt;http://x|y&gt; &lt;@UBOB&gt;*… Clockify is busy; I'll confirm here in a few seconds."
	if ack != want {
		t.Errorf("provisional ack = %q, want %q", ack, want)
	}
	e.limitClock.Advance(time.Second)
	e.limitClock.Advance(time.Second)
	posts, err := e.sl.WaitResponse(e.ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := posts[0].JSON["text"].(string); !strings.Contains(text, "started *&lt;!channel&gt; Ops") {
		t.Errorf("result = %q, want the escaped project started", text)
	}
}

func TestE2ETooBusyForTheDeadlineChangesNothing(t *testing.T) {
	for _, text := range []string{"start backend", "stop"} {
		t.Run(text, func(t *testing.T) {
			e := newE2E(t, withLimiter(1, 40), withBurstUsers(1))
			_, _, held := e.api.ReserveInteractive(e.ctx(), 40) // every token held by others
			defer held()
			_, wait, queued := e.api.ReserveInteractive(e.ctx(), 30) // and 30 s of turns queued
			defer queued()
			if wait != 30*time.Second {
				t.Fatalf("queued turns wait %v, want 30s", wait)
			}
			before := len(e.cf.RequestLog())
			want := "Clockify is too busy right now to take this in time, so I changed nothing. Please try again in a minute."
			if got := e.slashText(text, burstUser(0)); got != want {
				t.Errorf("ack = %q, want %q", got, want)
			}
			if n := len(e.cf.RequestLog()) - before; n != 0 {
				t.Errorf("requests to Clockify = %d, want none", n)
			}
			if run, ok := e.cf.Running("c-" + burstUser(0)); !ok || run.ID != "run-"+burstUser(0) {
				t.Errorf("Clockify timer = %+v, %v; want the one that was running, untouched", run, ok)
			}
			if n := len(e.sl.ResponseURLPosts()); n != 0 {
				t.Errorf("response_url posts = %d, want 0", n)
			}
		})
	}
}

// TestE2EHomeStartTooBusyChangesNothing: the Home tab's Start modal has
// 1.5 s for Clockify; when the rate limit would give its two requests their
// turns too late, it stops nothing and says so in the modal, instead of
// stopping the running timer and timing out before the start.
func TestE2EHomeStartTooBusyChangesNothing(t *testing.T) {
	e := newE2E(t, withLimiter(1, 40), withBurstUsers(1))
	_, wait, held := e.api.ReserveInteractive(e.ctx(), 40) // every token held by others
	defer held()
	if wait != 0 {
		t.Fatalf("the held turns wait %v, want 0 (the bucket was full)", wait)
	}
	before := len(e.cf.RequestLog())
	ack := e.waitAck(e.send(slacktest.ViewSubmission(burstUser(0), home.CallbackStart, map[string]map[string]any{
		home.BlockStartProject:     {home.ActionProjectPicker: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "p-backend"}}},
		home.BlockStartDescription: {slackui.InputValue: map[string]any{"type": "plain_text_input", "value": "review"}},
	}, "")))
	body := bottest.DecodeAck(t, ack)
	if got := body.Errors[home.BlockStartDescription]; !strings.Contains(got, "Clockify is busy right now, so I changed nothing") {
		t.Errorf("Start submission answered %+v, want the busy error on the description", body)
	}
	if n := len(e.cf.RequestLog()) - before; n != 0 {
		t.Errorf("requests to Clockify = %d, want none", n)
	}
	if run, ok := e.cf.Running("c-" + burstUser(0)); !ok || run.ID != "run-"+burstUser(0) {
		t.Errorf("Clockify timer = %+v, %v; want the one that was running, untouched", run, ok)
	}
}
