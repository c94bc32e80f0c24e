package slacktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// manualClock is a clock that moves only when told.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock { return &manualClock{t: fixedClock()} }

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rawCall posts form args to method with the bot token and returns the
// HTTP status, the Retry-After header and Slack's error code ("" when ok).
func rawCall(t *testing.T, s *Server, method string, args url.Values) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.APIURL+method, strings.NewReader(args.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+s.BotToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), body.Error
}

func TestRateTiers(t *testing.T) {
	tests := []struct {
		method string
		args   url.Values
		limit  int
	}{
		{"users.lookupByEmail", url.Values{"email": {"ann@example.com"}}, 50},
		{"conversations.open", url.Values{"users": {"U1"}}, 50},
		{"users.list", nil, 20},
		{"users.info", url.Values{"user": {"U1"}}, 100},
		{"conversations.history", url.Values{"channel": {"CGEN"}}, 50},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			clock := newManualClock()
			s := seeded(t, WithClock(clock.Now))
			for i := 0; i < tt.limit; i++ {
				if status, _, code := rawCall(t, s, tt.method, tt.args); status != http.StatusOK || code != "" {
					t.Fatalf("call %d: status %d error %q, want ok", i+1, status, code)
				}
				clock.Advance(100 * time.Millisecond)
			}
			status, retry, code := rawCall(t, s, tt.method, tt.args)
			want := int((time.Minute - time.Duration(tt.limit)*100*time.Millisecond).Seconds())
			if status != http.StatusTooManyRequests || code != "ratelimited" || retry != itoa(want) {
				t.Fatalf("call %d: status %d Retry-After %q error %q, want 429 Retry-After %d ratelimited", tt.limit+1, status, retry, code, want)
			}
			clock.Advance(time.Duration(want) * time.Second)
			if status, _, code := rawCall(t, s, tt.method, tt.args); status != http.StatusOK || code != "" {
				t.Fatalf("after Retry-After: status %d error %q, want ok", status, code)
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestPostMessagePerChannelLimit(t *testing.T) {
	clock := newManualClock()
	s := seeded(t, WithClock(clock.Now))
	post := func(ch string) (int, string) {
		status, retry, _ := rawCall(t, s, "chat.postMessage", url.Values{"channel": {ch}, "text": {"x"}})
		return status, retry
	}
	for i := 0; i < postBurst; i++ {
		if status, _ := post("CGEN"); status != http.StatusOK {
			t.Fatalf("burst post %d: status %d", i+1, status)
		}
	}
	if status, retry := post("CGEN"); status != http.StatusTooManyRequests || retry != "1" {
		t.Fatalf("post past the burst: status %d Retry-After %q, want 429 and 1", status, retry)
	}
	if status, _ := post("U2"); status != http.StatusOK {
		t.Errorf("post to another conversation: status %d, want 200", status)
	}
	clock.Advance(time.Second)
	if status, _ := post("CGEN"); status != http.StatusOK {
		t.Errorf("post a second later: status %d, want 200", status)
	}
}

// TestRequiredArguments checks, for each method the fake serves, that a
// call without one of its required arguments is refused.
func TestRequiredArguments(t *testing.T) {
	s := seeded(t, WithClock(tickingClock()), WithScopes(publicChannelScopes...))
	full := map[string]string{"email": "ann@example.com", "user": "U1", "channel": "CGEN", "users": "U2", "name": "x-new",
		"ts": "1700000000.000100", "view": `{"type":"modal","title":{"type":"plain_text","text":"t"}}`, "user_id": "U1"}
	for method, spec := range methodSpecs {
		for _, missing := range spec.required {
			t.Run(method+" without "+missing, func(t *testing.T) {
				args := url.Values{}
				for _, a := range spec.required {
					if a != missing {
						args.Set(a, full[a])
					}
				}
				_, _, code := rawCall(t, s, method, args)
				want := "invalid_arguments"
				if c := spec.missing[missing]; c != "" {
					want = c
				}
				if code != want {
					t.Errorf("error %q, want %q", code, want)
				}
			})
		}
	}
}

// TestRequiredArgumentsMatchReference reads Slack's method metadata and
// checks that the fake requires every argument the metadata marks required.
func TestRequiredArgumentsMatchReference(t *testing.T) {
	dir := findReference(t)
	for method, spec := range methodSpecs {
		raw, err := os.ReadFile(filepath.Join(dir, method+".json"))
		if errors.Is(err, os.ErrNotExist) {
			continue // no metadata for this method in the reference
		}
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Args struct {
				Required []string `json:"required"`
			} `json:"args"`
			RateLimits string `json:"rate_limits"`
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		for _, a := range meta.Args.Required {
			if a != "token" && !slices.Contains(spec.required, a) {
				t.Errorf("%s: the metadata requires %q, the fake does not", method, a)
			}
		}
		tiers := map[string]int{"t1": tier1, "t2": tier2, "t3": tier3, "t4": tier4}
		if want, ok := tiers[meta.RateLimits]; ok && spec.tier != want && !(spec.tier == tierNone && method == "apps.connections.open") && !(spec.tier == tierSpecial) {
			t.Errorf("%s: tier %d, the metadata says %s (%d a minute)", method, spec.tier, meta.RateLimits, want)
		}
	}
}

// findReference returns the Slack method metadata folder of the shared
// reference, looked for in the parents of the working directory; the test
// is skipped when it is absent.
func findReference(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "reference", "slack", "slack-api-ref", "docs.slack.dev", "methods")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		if filepath.Dir(dir) == dir {
			t.Skip("Slack reference (shared/reference/slack/slack-api-ref/docs.slack.dev/methods) not found in any parent folder")
		}
	}
}

func TestTriggerExpires(t *testing.T) {
	clock := newManualClock()
	s := seeded(t, WithClock(clock.Now))
	api := newAPI(s)
	view := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "t", false, false)}
	fresh := s.NewTriggerID("U1")
	old := s.NewTriggerID("U1")
	clock.Advance(3 * time.Second)
	if _, err := api.OpenViewContext(testCtx(t), fresh, view); err != nil {
		t.Fatalf("views.open 3 s after the trigger: %v", err)
	}
	clock.Advance(time.Millisecond)
	_, err := api.OpenViewContext(testCtx(t), old, view)
	wantSlackError(t, err, "expired_trigger_id")
}

func TestResponseURLLimits(t *testing.T) {
	clock := newManualClock()
	s := seeded(t, WithClock(clock.Now))
	s.mu.Lock()
	u1, u2 := s.newResponseURLLocked(), s.newResponseURLLocked()
	s.mu.Unlock()
	post := func(u string) (int, string) {
		resp, err := http.Post(u, "application/json", bytes.NewReader([]byte(`{"text":"x"}`)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct{ Error string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body.Error
	}
	for i := 0; i < 5; i++ {
		if status, code := post(u1); status != http.StatusOK {
			t.Fatalf("use %d: status %d %q", i+1, status, code)
		}
	}
	if status, code := post(u1); status != http.StatusNotFound || code != "used_url" {
		t.Errorf("sixth use: status %d %q, want 404 used_url", status, code)
	}
	clock.Advance(30*time.Minute + time.Second)
	if status, code := post(u2); status != http.StatusNotFound || code != "expired_url" {
		t.Errorf("use after 30 minutes: status %d %q, want 404 expired_url", status, code)
	}
	if n := len(s.ResponseURLPosts()); n != 5 {
		t.Errorf("recorded posts = %d, want 5", n)
	}
}
