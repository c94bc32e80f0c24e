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
// paced; chat.postMessage is paced per conversation (postInterval).
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

// postInterval is chat.postMessage's pace in one conversation: Slack takes
// about one message a second per channel.
const postInterval = time.Second

// Interval returns how far apart calls of a Slack method are spaced, 0 for
// a method that is not paced.
func Interval(method string) time.Duration {
	if method == "chat.postMessage" {
		return postInterval
	}
	if n := methodTiers[method]; n > 0 {
		return time.Minute / time.Duration(n)
	}
	return 0
}

// Pacer spaces the calls of each Slack method (and chat.postMessage's per
// conversation) to the method's tier, so that Slack never has to answer
// 429: each call reserves the next free slot of its key and waits for it.
// Slots are exact multiples of the interval, so a minute never holds more
// calls than the tier allows, on whatever clock the Pacer is given. One
// Pacer must be shared by every client of a workspace: the limits are
// Slack's per workspace. It is safe for concurrent use.
type Pacer struct {
	now clock.Clock

	mu   sync.Mutex
	next map[string]time.Time // key -> earliest start of its next call
}

// NewPacer returns a Pacer on the clock now (nil for time.Now).
func NewPacer(now clock.Clock) *Pacer {
	return &Pacer{now: clock.Or(now), next: make(map[string]time.Time)}
}

// reserve takes the next slot of key, interval apart from the previous
// one, and returns how long to wait for it.
func (p *Pacer) reserve(key string, interval time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	at := now
	if n, ok := p.next[key]; ok && n.After(now) {
		at = n
	}
	p.next[key] = at.Add(interval)
	return at.Sub(now)
}

// wait paces one call of req's method and returns the time waited.
func (p *Pacer) wait(ctx context.Context, req *http.Request, method string, sleep func(context.Context, time.Duration) error) (time.Duration, error) {
	interval := Interval(method)
	if interval == 0 {
		return 0, nil
	}
	key := method
	if method == "chat.postMessage" {
		key += "|" + postChannel(req)
	}
	d := p.reserve(key, interval)
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
