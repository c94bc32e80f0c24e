// Package clockify is a small client for the parts of the Clockify REST API
// (https://docs.clockify.me) that clockbot uses: users, projects, groups,
// time entries, the detailed report, holidays, time off and the timer.
//
// The design follows google/go-github: one newRequest/do pair, a Client with
// a configurable base URL per API, a context first on every method, options
// structs and typed errors. Requests are rate limited on the client side and
// retried with exponential backoff on 429, 5xx and transport timeouts.
package clockify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultBaseURL is the base URL of the Clockify REST API.
const DefaultBaseURL = "https://api.clockify.me/api/v1"

// DefaultReportsURL is the base URL of the Clockify Reports API.
const DefaultReportsURL = "https://reports.api.clockify.me/v1"

const (
	userAgent      = "clockbot"
	apiKeyHeader   = "X-Api-Key"
	defaultTimeout = 10 * time.Second
	defaultRetries = 4
	defaultBase    = 500 * time.Millisecond
	defaultMaxWait = 30 * time.Second
	// defaultRateRetries and defaultRateWait bound the 429s one request
	// waits out: enough for a Free-plan hour (a Retry-After of up to 60
	// minutes), twice.
	defaultRateRetries = 10
	defaultRateWait    = 2*time.Hour + 5*time.Minute
)

// NoticeWait is the longest wait before a retry that goes unannounced:
// longer waits are logged at info level and passed to the WithWaitNotice
// hook.
const NoticeWait = 5 * time.Second

// Wait describes a wait of the client before it retries a request.
type Wait struct {
	// Reason says why, e.g. "Clockify's rate limit (Retry-After)".
	Reason string
	// Duration is how long the client waits; Until is when it resumes.
	Duration time.Duration
	Until    time.Time
	// Method and Path name the request (no query, no key).
	Method, Path string
}

// Client talks to the Clockify API and the Clockify Reports API. It is safe
// for concurrent use. Create one with NewClient.
type Client struct {
	// BaseURL is the base URL of the REST API; it always ends with a slash.
	BaseURL *url.URL
	// ReportsURL is the base URL of the Reports API; it always ends with a
	// slash.
	ReportsURL *url.URL

	apiKey  string
	http    *http.Client
	limiter *limiter // nil means unlimited
	burst   int
	clock   clock
	gate    *gate
	// concurrency is the size of gate.
	concurrency int
	retry       retryPolicy
	sleep       func(ctx context.Context, d time.Duration) error
	now         func() time.Time
	logger      *slog.Logger
	rps         float64
	requests    atomic.Int64
	onWait      func(Wait)
	// retryAfterMax is the longest Retry-After of a 429 seen, in ns.
	retryAfterMax atomic.Int64
	optErr        error // the first invalid option, reported by NewClient
}

// Option configures a Client in NewClient.
type Option func(*Client)

// WithHTTPClient sets the HTTP client used for every request. The default is
// an http.Client with a 10 second timeout that does not forward the API key
// to another host on redirect.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		if hc != nil {
			c.http = hc
		}
	}
}

// WithBaseURL sets the base URL of the REST API, for example a regional
// endpoint or a test server. The trailing slash is optional.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.BaseURL = c.parseBase("base URL", u) }
}

// WithReportsURL sets the base URL of the Reports API. The trailing slash is
// optional.
func WithReportsURL(u string) Option {
	return func(c *Client) { c.ReportsURL = c.parseBase("reports URL", u) }
}

// WithRateLimit limits the client to rps requests per second, retries
// included, shared by every request of the client. Zero or a negative value
// means unlimited. The default is 25, half of Clockify's 50 a second on paid
// plans. The limiter serves interactive requests first (see Interactive),
// halves its rate on each 429 and recovers it gradually, and holds every
// request while one waits out a 429's Retry-After.
func WithRateLimit(rps float64) Option {
	return func(c *Client) { c.rps = rps }
}

// WithBurst sets how many requests the rate limiter lets through at once
// after a quiet spell; background requests leave half of them to
// interactive ones. The default is 20; values below 1 mean 1.
func WithBurst(n int) Option {
	return func(c *Client) { c.burst = max(n, 1) }
}

// WithRetries sets how many times a failed request is retried after the
// first attempt. The default is 4 for errors and, separately, 10 for 429
// answers (waited out up to 2 hours 5 minutes in all, see
// WithRateLimitWait); WithRetries sets both counts, and zero disables
// retries.
func WithRetries(max int) Option {
	return func(c *Client) {
		if max < 0 {
			max = 0
		}
		c.retry.max = max
		c.retry.rateMax = max
	}
}

// WithRateLimitWait sets how long one request may wait in all for
// Clockify's rate limit (429 answers) before it fails with a
// *RateLimitError. The default, 2 hours 5 minutes, outlasts a Free-plan
// workspace's hourly budget twice. Non-positive values keep the default.
func WithRateLimitWait(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.retry.rateWait = d
		}
	}
}

// WithWaitNotice sets a function called before every wait longer than
// NoticeWait, for example to tell a user at a terminal that the command is
// waiting for Clockify's rate limit. It runs on the waiting request's
// goroutine and must not block.
func WithWaitNotice(fn func(Wait)) Option {
	return func(c *Client) { c.onWait = fn }
}

// WithBackoff sets the base and the cap of the exponential backoff between
// retries. The defaults are 500ms and 30s. Non-positive values keep the
// defaults; a cap below the base is raised to the base.
func WithBackoff(base, max time.Duration) Option {
	return func(c *Client) {
		if base > 0 {
			c.retry.base = base
		}
		if max > 0 {
			c.retry.cap = max
		}
		if c.retry.cap < c.retry.base {
			c.retry.cap = c.retry.base
		}
	}
}

// WithSleep replaces the function that waits between retries. Tests inject
// one that records the waits instead of sleeping. The function must return
// ctx.Err() when ctx is done.
func WithSleep(fn func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) {
		if fn != nil {
			c.sleep = fn
		}
	}
}

// WithLogger sets the logger for retries. The default discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) {
		if l != nil {
			c.logger = l
		}
	}
}

// NewClient returns a client that authenticates with apiKey. It fails when
// apiKey is empty or an option carries an invalid URL; the error never holds
// the key.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("clockify: empty API key")
	}
	c := &Client{
		apiKey: apiKey,
		http:   &http.Client{Timeout: defaultTimeout, CheckRedirect: keepKeyOnHost},
		retry: retryPolicy{max: defaultRetries, base: defaultBase, cap: defaultMaxWait,
			rateMax: defaultRateRetries, rateWait: defaultRateWait},
		sleep:  sleepCtx,
		now:    time.Now,
		logger: slog.New(slog.DiscardHandler),
	}
	c.BaseURL = c.parseBase("base URL", DefaultBaseURL)
	c.ReportsURL = c.parseBase("reports URL", DefaultReportsURL)
	c.rps, c.burst, c.clock = defaultRPS, defaultBurst, realClock{}
	WithConcurrency(DefaultConcurrency)(c)
	for _, opt := range opts {
		opt(c)
	}
	if c.rps > 0 {
		c.limiter = newLimiter(c.rps, c.burst, c.burst/2, c.clock)
	}
	if c.optErr != nil {
		return nil, errors.New(redact(c.optErr.Error(), apiKey))
	}
	return c, nil
}

// Requests returns the number of HTTP requests the client has sent, retries
// included.
func (c *Client) Requests() int64 { return c.requests.Load() }

// LongestRetryAfter returns the longest Retry-After of a 429 answer the
// client has seen, or 0. A Retry-After of minutes marks a workspace on
// Clockify's Free plan (30 requests an hour), whose periodic work must be
// paced to that budget.
func (c *Client) LongestRetryAfter() time.Duration {
	return time.Duration(c.retryAfterMax.Load())
}

// noteRetryAfter records d for LongestRetryAfter.
func (c *Client) noteRetryAfter(d time.Duration) {
	for {
		cur := c.retryAfterMax.Load()
		if int64(d) <= cur || c.retryAfterMax.CompareAndSwap(cur, int64(d)) {
			return
		}
	}
}

// parseBase parses an absolute http(s) base URL and adds the trailing slash
// that relative paths resolve against. It records the first error in
// c.optErr.
func (c *Client) parseBase(what, raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err == nil && (u.Scheme != "http" && u.Scheme != "https" || u.Host == "") {
		err = errors.New("want an absolute http or https URL")
	}
	if err != nil {
		if c.optErr == nil {
			c.optErr = fmt.Errorf("clockify: invalid %s %q: %w", what, raw, err)
		}
		return nil
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u
}

// newRequest builds a request for path (relative, without a leading slash,
// its segments already escaped) under base, with the query and, when body is
// not nil, the JSON encoding of body. The body bytes are kept in GetBody so
// that do can send them again on retry.
func (c *Client) newRequest(method string, base *url.URL, path string, query url.Values, body any) (*http.Request, error) {
	u, err := base.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("clockify: %s %s: %w", method, path, err)
	}
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	var rdr io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("clockify: %s %s: encode body: %w", method, u.Path, err)
		}
		rdr = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, u.String(), rdr)
	if err != nil {
		return nil, fmt.Errorf("clockify: %s %s: %w", method, u.Path, err)
	}
	req.Header.Set(apiKeyHeader, c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// get sends a GET request for path under the REST API and decodes the
// response into v.
func (c *Client) get(ctx context.Context, path string, query url.Values, v any) (*http.Response, error) {
	req, err := c.newRequest(http.MethodGet, c.BaseURL, path, query, nil)
	if err != nil {
		return nil, err
	}
	return c.do(ctx, req, v, retryAll)
}

// keepKeyOnHost is the default CheckRedirect: it follows up to 10 redirects
// but drops the API key when a redirect leaves the original host.
func keepKeyOnHost(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		req.Header.Del(apiKeyHeader)
	}
	return nil
}

// sleepCtx waits for d or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// seg escapes one path segment and rejects empty and dot segments, which
// would change the path.
func seg(what, id string) (string, error) {
	if id == "" || id == "." || id == ".." {
		return "", fmt.Errorf("clockify: invalid %s %q", what, id)
	}
	return url.PathEscape(id), nil
}
