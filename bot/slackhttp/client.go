package slackhttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
)

// Slack Web API call limits.
const (
	// DefaultTimeout is how long one Slack Web API request may take.
	DefaultTimeout = 10 * time.Second
	// DefaultAttempts is how many times one Slack call is tried.
	DefaultAttempts    = 6
	slackBackoffFirst  = time.Second
	slackBackoffMax    = 30 * time.Second
	slackMaxRetryAfter = 5 * time.Minute
)

// Config configures the HTTP client the Slack Web API client uses.
type Config struct {
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
	// Attempts is how many times a call is tried; 0 means DefaultAttempts.
	Attempts int
	// Sleep waits between attempts and returns early with ctx's error; nil
	// means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Now is the clock of the default Pacer; nil means time.Now. Give it
	// with Sleep, on the same clock.
	Now clock.Clock
	// Pacer keeps calls within each method's tier before Slack answers 429;
	// nil means a Pacer of this client alone (on Now). Clients of one
	// workspace should share one.
	Pacer *Pacer
	Log   *slog.Logger
}

// Client is the HTTP client of the Slack Web API client
// (slack.OptionHTTPClient): every call first waits until its method's
// rate-limit tier allows it (Pacer), every request is cut after a timeout and retried
// on HTTP 429 (after Retry-After), 5xx, timeouts and connection failures,
// with a backoff that ends with the request's context. Methods that post a
// message are retried only when Slack certainly did not take them (429, a
// refused connection): a lost answer may hide a posted message, which only
// the caller can check for.
type Client struct {
	cfg  Config
	http *http.Client
}

// New returns a client with cfg's defaults filled in.
func New(cfg Config) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = DefaultAttempts
	}
	if cfg.Sleep == nil {
		cfg.Sleep = clock.Sleep
	}
	if cfg.Transport == nil {
		cfg.Transport = http.DefaultTransport
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Pacer == nil {
		cfg.Pacer = NewPacer(cfg.Now)
	}
	return &Client{cfg: cfg, http: &http.Client{Transport: cfg.Transport}}
}

// nonIdempotentSlack lists the methods whose repetition could post twice.
var nonIdempotentSlack = map[string]bool{"chat.postMessage": true, "chat.postEphemeral": true}

// Do sends req, retrying as the type's comment says. The answer's body is
// read in full before the per-request timeout is released.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	method := req.URL.Path[strings.LastIndex(req.URL.Path, "/")+1:]
	log := c.cfg.Log.With("method", method)
	backoff := slackBackoffFirst
	for attempt := 1; ; attempt++ {
		if waited, err := c.cfg.Pacer.wait(ctx, req, method, c.cfg.Sleep); err != nil {
			return nil, err
		} else if waited > 5*time.Second {
			log.Debug("slack call paced to its tier", "wait", waited)
		}
		resp, err := c.once(ctx, req, attempt)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		wait, why, retry := c.retryable(method, resp, err, backoff)
		if !retry || attempt >= c.cfg.Attempts || req.Body != nil && req.GetBody == nil {
			if err != nil {
				return nil, fmt.Errorf("slack %s: %d attempts: %w", method, attempt, err)
			}
			return resp, nil
		}
		if wait == backoff {
			backoff = min(2*backoff, slackBackoffMax)
		}
		lvl := slog.LevelDebug
		if wait > 5*time.Second {
			lvl = slog.LevelInfo
		}
		log.Log(ctx, lvl, "slack call failed, retrying", "reason", why, "attempt", attempt, "wait", wait)
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// once sends one attempt of req with its own timeout and returns the
// answer with its body in memory.
func (c *Client) once(ctx context.Context, req *http.Request, attempt int) (*http.Response, error) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	r := req.Clone(actx)
	if attempt > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("rewind body: %w", err)
		}
		r.Body = body
	}
	resp, err := c.http.Do(r)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			return nil, fmt.Errorf("no answer within %s: %w", c.cfg.Timeout, errSlackTimeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			return nil, fmt.Errorf("answer not complete within %s: %w", c.cfg.Timeout, errSlackTimeout)
		}
		return nil, fmt.Errorf("read answer: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// errSlackTimeout marks a request cut by the per-request timeout.
var errSlackTimeout = errors.New("slack request timed out")

// retryable decides whether an attempt's outcome is worth another try and
// how long to wait first.
func (c *Client) retryable(method string, resp *http.Response, err error, backoff time.Duration) (time.Duration, string, bool) {
	unsafe := nonIdempotentSlack[method]
	switch {
	case err != nil:
		if unsafe && !isRefused(err) {
			return 0, "", false
		}
		return backoff, err.Error(), true
	case resp.StatusCode == http.StatusTooManyRequests:
		wait := backoff
		if s, perr := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); perr == nil && s >= 0 {
			wait = min(max(time.Duration(s)*time.Second, time.Second), slackMaxRetryAfter)
		}
		return wait, "rate limited (429)", true
	case resp.StatusCode >= 500 && !unsafe:
		return backoff, resp.Status, true
	}
	return 0, "", false
}

// isRefused reports a connection that was never made, so nothing was sent.
func isRefused(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
