package slackapp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestSeenSet(t *testing.T) {
	now := time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	type step struct {
		ids     []string
		advance time.Duration
		want    bool
	}
	tests := []struct {
		name    string
		cap     int
		steps   []step
		wantLen int
	}{
		{"new then seen", 10, []step{{ids: []string{"a"}}, {ids: []string{"a"}, want: true}}, 1},
		{"any key matches", 10, []step{{ids: []string{"env:1", "ev:1"}}, {ids: []string{"env:2", "ev:1"}, want: true}, {ids: []string{"env:2"}}}, 3},
		{"empty ids ignored", 10, []step{{ids: []string{""}}, {ids: []string{""}}}, 0},
		{"expires after the ttl", 10, []step{{ids: []string{"a"}}, {ids: []string{"a"}, advance: time.Hour}}, 1},
		{"kept within the ttl", 10, []step{{ids: []string{"a"}}, {ids: []string{"a"}, advance: time.Hour - time.Second, want: true}}, 1},
		{"oldest evicted at capacity", 2, []step{{ids: []string{"a"}}, {ids: []string{"b"}}, {ids: []string{"c"}}, {ids: []string{"a"}}, {ids: []string{"c"}, want: true}}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now = time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)
			s := newSeenSet(tc.cap, time.Hour, clock)
			for i, st := range tc.steps {
				now = now.Add(st.advance)
				if got := s.CheckAndAdd(st.ids...); got != st.want {
					t.Errorf("step %d CheckAndAdd(%v) = %v, want %v", i, st.ids, got, st.want)
				}
			}
			if got := s.Len(); got != tc.wantLen {
				t.Errorf("Len() = %d, want %d", got, tc.wantLen)
			}
		})
	}
}

func TestInflight(t *testing.T) {
	var f inflight
	select {
	case <-f.idle():
	default:
		t.Fatal("idle() of an empty tracker is not closed")
	}
	f.add()
	f.add()
	idle := f.idle()
	f.done()
	select {
	case <-idle:
		t.Fatal("idle() closed with one envelope still in flight")
	default:
	}
	f.done()
	select {
	case <-idle:
	default:
		t.Fatal("idle() not closed once nothing is in flight")
	}
	if got := f.count(); got != 0 {
		t.Errorf("count() = %d, want 0", got)
	}
}

// errExplained is an error only the injected Explain knows.
var errExplained = errors.New("domain error")

// explainTest is the features' Explain of the test.
func explainTest(err error) string {
	if errors.Is(err, errExplained) {
		return "the features' words"
	}
	return ""
}

func TestSafeReason(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"public", fmt.Errorf("start: %w", &PublicError{Public: "the project <Old> is archived", Err: fmt.Errorf("x")}), "the project &lt;Old&gt; is archived"},
		{"deadline", fmt.Errorf("call: %w", context.DeadlineExceeded), "that took too long. Please try again in a minute"},
		{"explained by the features", fmt.Errorf("who: %w", errExplained), "the features' words"},
		{"slack error", slack.SlackErrorResponse{Err: "channel_not_found"}, "Slack refused a request (channel_not_found)"},
		{"network", &net.OpError{Op: "dial", Err: fmt.Errorf("refused")}, "a service I depend on did not answer. Please try again in a minute"},
		{"other", fmt.Errorf("token xoxb-123 broke"), "an unexpected error. It has been logged"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &App{cfg: Config{Explain: explainTest}}
			if got := a.safeReason(tc.err); got != tc.want {
				t.Errorf("safeReason(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}

func TestMsgPayload(t *testing.T) {
	blocks := slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}
	tests := []struct {
		name string
		msg  slack.Msg
		want any
	}{
		{"empty", slack.Msg{}, nil},
		{"text", slack.Msg{Text: "hi"}, map[string]any{"response_type": "ephemeral", "text": "hi"}},
		{"blocks", slack.Msg{Text: "hi", Blocks: blocks, ResponseType: "in_channel"},
			map[string]any{"response_type": "in_channel", "text": "hi", "blocks": blocks.BlockSet}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := msgPayload(tc.msg); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("msgPayload() = %#v, want %#v", got, tc.want)
			}
		})
	}
}
