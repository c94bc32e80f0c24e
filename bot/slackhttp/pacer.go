package slackhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
)

// methodTiers holds the per-minute limit of the rate-limited Slack methods
// clockbot calls, from their tier in the official method metadata
// (docs.slack.dev/methods/*.json, "rate_limits"): Tier 2 20, Tier 3 50,
// Tier 4 100 calls a minute per method and workspace. Methods not listed
// (auth.test and the other Tier 5 or special methods, and
// apps.connections.open, whose reconnects Slack takes in bursts) are not
// paced; chat.postMessage is paced per conversation (postBurst).
var methodTiers = map[string]int{
	"users.lookupByEmail":   50,
	"users.info":            100,
	"users.list":            20,
	"conversations.open":    50,
	"conversations.create":  20,
	"conversations.invite":  50,
	"conversations.kick":    50,
	"conversations.members": 100,
	"conversations.list":    20,
	"conversations.history": 50,
	"conversations.info":    50,
	"chat.update":           50,
	"chat.delete":           50,
	"chat.postEphemeral":    100,
	"views.publish":         100,
	"views.open":            100,
	"views.update":          100,
	"views.push":            100,
}

// chat.postMessage's pace in one conversation: Slack takes about one
// message a second per channel, with short bursts; postBurst messages in
// any postBurst seconds keep to that.
const postBurst = 3

// Limit returns how many calls of a Slack method may start in any window
// of the returned length (chat.postMessage's per conversation); n is 0 for
// a method that is not paced.
func Limit(method string) (n int, window time.Duration) {
	if method == "chat.postMessage" {
		return postBurst, postBurst * time.Second
	}
	if n := methodTiers[method]; n > 0 {
		return n, time.Minute
	}
	return 0, 0
}

// Pacer keeps each Slack method (and chat.postMessage per conversation)
// within its tier, so that Slack never has to answer 429: a call starts
// only when fewer than the tier's calls started in the window before it
// (a minute for Tiers 2 to 4), which is how Slack states its limits. A
// burst up to the limit goes at once (a modal's trigger does not wait
// behind its neighbours); past it, each call waits for the oldest of the
// window to age out. One Pacer must be shared by every client of a
// workspace: the limits are Slack's per workspace. It is safe for
// concurrent use.
type Pacer struct {
	now clock.Clock

	mu     sync.Mutex
	starts map[string][]time.Time // key -> start times of its last calls, oldest first
}

// NewPacer returns a Pacer on the clock now (nil for time.Now).
func NewPacer(now clock.Clock) *Pacer {
	return &Pacer{now: clock.Or(now), starts: make(map[string][]time.Time)}
}

// reserve takes the earliest start of a call of key that keeps at most n
// starts in any window, and returns how long to wait for it.
func (p *Pacer) reserve(key string, n int, window time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	at := now
	starts := p.starts[key]
	if len(starts) >= n {
		if free := starts[len(starts)-n].Add(window); free.After(at) {
			at = free
		}
	}
	starts = append(starts, at)
	if len(starts) > n {
		starts = append(starts[:0], starts[len(starts)-n:]...)
	}
	p.starts[key] = starts
	return at.Sub(now)
}

// wait paces one call of req's method and returns the time waited.
func (p *Pacer) wait(ctx context.Context, req *http.Request, method string, sleep func(context.Context, time.Duration) error) (time.Duration, error) {
	n, window := Limit(method)
	if n == 0 {
		return 0, nil
	}
	key := method
	if method == "chat.postMessage" {
		key += "|" + postChannel(req)
	}
	d := p.reserve(key, n, window)
	if d <= 0 {
		return 0, nil
	}
	return d, sleep(ctx, d)
}

// postChannel returns the channel argument of a chat.postMessage request
// (form or JSON body, or the query), "" when it cannot be read.
func postChannel(req *http.Request) string {
	if ch := req.URL.Query().Get("channel"); ch != "" {
		return ch
	}
	if req.GetBody == nil {
		return ""
	}
	body, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer body.Close()
	data, err := io.ReadAll(io.LimitReader(body, 1<<20))
	if err != nil {
		return ""
	}
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		var v struct {
			Channel string `json:"channel"`
		}
		if json.NewDecoder(bytes.NewReader(data)).Decode(&v) == nil {
			return v.Channel
		}
		return ""
	}
	form, err := url.ParseQuery(string(data))
	if err != nil {
		return ""
	}
	return form.Get("channel")
}
