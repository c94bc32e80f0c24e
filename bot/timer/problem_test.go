package timer

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/clockbot/clockbot/clockify"
)

func TestTimerProblem(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&clockify.Error{StatusCode: 400, Message: "Project is required"}, "Clockify says: Project is required. This workspace needs a project on every timer: try `/tt start [project]`."},
		{fmt.Errorf("wrapped: %w", &clockify.Error{StatusCode: 400, Message: "Project is archived."}), "Clockify says: Project is archived."},
		{&clockify.Error{StatusCode: 400, Message: "<!channel> {\"json\":1}"}, "Clockify says: &lt;!channel&gt; {\"json\":1}."},
		{&clockify.Error{StatusCode: 400}, "Clockify refused to start your timer (status 400)."},
		{&clockify.Error{StatusCode: 401, Message: "bad key"}, "Clockify refused my access (status 401), so I couldn't start your timer. Ask an admin to check the bot's Clockify API key."},
		{&clockify.Error{StatusCode: 502, Message: "<html>"}, "Clockify had a problem (status 502), so I couldn't start your timer. Please try again in a minute."},
		{context.DeadlineExceeded, "Clockify didn't answer in time, so I'm not sure I could start your timer. Please check in Clockify or try again in a minute."},
		{errors.New("dial tcp: connection refused"), "I couldn't reach Clockify to start your timer. Please try again in a minute."},
	}
	for _, tc := range tests {
		if got := problem("start your timer", tc.err); got != tc.want {
			t.Errorf("problem(%v) mismatch:\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}
