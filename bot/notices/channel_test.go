package notices

import (
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/store"
)

func TestNotificationsEscapeNames(t *testing.T) {
	u := store.User{Name: "<!channel> *Eve* <http://x|y>"}
	got := startNotice(u, slackui.EscapeMrkdwn("<b>Proj</b>"), time.Date(2026, 1, 1, 9, 7, 0, 0, time.UTC))
	want := ":stopwatch: *&lt;!channel&gt; *Eve* &lt;http://x|y&gt;* started a timer\n*Project:* &lt;b&gt;Proj&lt;/b&gt;\n*Started at:* 09:07"
	if got != want {
		t.Errorf("startNotice() = %q, want %q", got, want)
	}
	got = stopNotice(store.User{Email: "a&b@example.com"}, "No project", 61*time.Minute, false)
	want = ":white_check_mark: *a&amp;b@example.com* stopped a timer\n*Project:* No project\n*Duration:* 1h 01m\n*Billable:* No"
	if got != want {
		t.Errorf("stopNotice() = %q, want %q", got, want)
	}
}
