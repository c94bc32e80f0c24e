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
	"time"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 32 << 20

// retryMode says which failures a request may be retried on.
type retryMode int

const (
	// retryAll retries 429, 500, 502, 503, 504 and transport timeouts:
	// for reads and idempotent writes.
	retryAll retryMode = iota
	// retryRateLimit retries only 429, which Clockify answers before doing
	// anything: for writes that must not happen twice.
	retryRateLimit
)

// do sends req, retrying as mode allows, and decodes a 2xx JSON response
// into v (unless v is nil). It returns the last response, whose body has been
// read and closed, for its headers. Non-2xx answers are returned as *Error,
// or *RateLimitError when 429 retries are exhausted.
func (c *Client) do(ctx context.Context, req *http.Request, v any, mode retryMode) (*http.Response, error) {
	var (
		rateRetries int           // 429s retried so far; they do not spend c.retry.max
		rateWaited  time.Duration // time spent waiting them out
		resume      func()        // ends this request's pause of the limiter
	)
	defer func() {
		if resume != nil {
			resume()
		}
	}()
	ln := laneOf(ctx)
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, wrapErr(req, err)
		}
		if resume != nil {
			resume()
			resume = nil
		}
		resp, body, err := c.attempt(ctx, req, ln)
		var paused errPaused
		if errors.As(err, &paused) {
			// Another request waits out a Retry-After that outlasts this
			// caller's deadline: say so now, like a 429 would.
			return nil, &RateLimitError{Err: &Error{StatusCode: http.StatusTooManyRequests, Method: req.Method, Path: req.URL.Path,
				Message: "waiting for Clockify's rate limit"}, RetryAfter: time.Until(paused.until).Round(time.Second)}
		}
		var (
			wait   time.Duration
			reason string
		)
		status := 0
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, wrapErr(req, ctx.Err())
			}
			if mode != retryAll || !retryableNetErr(err) || attempt-rateRetries >= c.retry.max {
				return nil, wrapErr(req, err)
			}
			wait, reason = c.retry.backoff(attempt-rateRetries), "a network error"
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			if c.limiter != nil {
				c.limiter.succeeded()
			}
			if v == nil {
				return resp, nil
			}
			derr := decodeBody(body, v)
			if derr == nil {
				return resp, nil
			}
			// A cut-off or garbled answer is a transient server failure
			// like a 5xx: a read is asked again, never taken as data.
			if mode != retryAll || attempt-rateRetries >= c.retry.max {
				return resp, wrapErr(req, derr)
			}
			err = derr
			wait, reason = c.retry.backoff(attempt-rateRetries), "a malformed answer"
		default:
			status = resp.StatusCode
			apiErr := c.newError(req, resp, body)
			retryAfter, hasRetryAfter := parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
			if status == http.StatusTooManyRequests {
				wait, reason = c.retry.backoff(rateRetries), "Clockify's rate limit"
				if hasRetryAfter {
					wait, reason = retryAfter, "Clockify's rate limit (Retry-After)"
					c.noteRetryAfter(retryAfter)
				}
				// Give up at once when the wait outlasts the caller's
				// deadline (a /tt command): it can say "try later" now.
				dl, hasDeadline := ctx.Deadline()
				if rateRetries >= c.retry.rateMax || rateWaited+wait > c.retry.rateWait ||
					hasDeadline && time.Until(dl) < wait {
					return resp, &RateLimitError{Err: apiErr, RetryAfter: retryAfter}
				}
				rateRetries++
				rateWaited += wait
				if c.limiter != nil {
					c.limiter.throttled()
					if hasRetryAfter && wait > 0 {
						c.limiter.pause(wait)
						resume = c.limiter.resume
					}
				}
				break
			}
			if mode != retryAll || !retryableStatus(status) || attempt-rateRetries >= c.retry.max {
				return resp, apiErr
			}
			wait, reason = c.retry.backoff(attempt-rateRetries), fmt.Sprintf("Clockify answering %d", status)
			if hasRetryAfter {
				wait = retryAfter
			}
		}
		c.logRetry(ctx, req, status, err, attempt, wait, reason)
		if err := ctx.Err(); err != nil {
			return nil, wrapErr(req, err)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, wrapErr(req, err)
		}
	}
}

// attempt sends req once in lane ln: it waits for a background slot
// (WithConcurrency) and a token of the rate limiter, in that order, and
// holds the slot until the answer is read.
func (c *Client) attempt(ctx context.Context, req *http.Request, ln lane) (*http.Response, []byte, error) {
	leave, err := c.gate.enter(ctx, ln)
	if err != nil {
		return nil, nil, err
	}
	defer leave()
	if c.limiter != nil {
		if err := c.limiter.wait(ctx, ln); err != nil {
			return nil, nil, err
		}
	}
	return c.send(ctx, req)
}

// decodeBody decodes a 2xx JSON body into v; an empty body is an error.
func decodeBody(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("decode response: empty body")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decode response: %w", err)
	}
	return nil
}

// send makes one attempt: it clones req onto ctx with a fresh copy of the
// body, counts it, and reads the whole response body. A failure to read the
// body is a transport error.
func (c *Client) send(ctx context.Context, req *http.Request) (*http.Response, []byte, error) {
	r := req.Clone(ctx)
	if req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			return nil, nil, err
		}
		r.Body = b
	}
	c.requests.Add(1)
	resp, err := c.http.Do(r)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is in the wrapping message already
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read response: %w", err)
	}
	if len(body) > maxBody {
		return nil, nil, fmt.Errorf("response larger than %d bytes", maxBody)
	}
	resp.Body = http.NoBody
	return resp, body, nil
}

// logRetry logs one retry without the key: short 429 waits at debug level
// (they are expected flow control), other short waits at warn level, and
// every wait longer than NoticeWait at info level with its reason, also
// passed to the WithWaitNotice hook.
func (c *Client) logRetry(ctx context.Context, req *http.Request, status int, err error, attempt int, wait time.Duration, reason string) {
	level := slog.LevelWarn
	if status == http.StatusTooManyRequests {
		level = slog.LevelDebug
	}
	long := wait > NoticeWait
	if long {
		level = slog.LevelInfo
	}
	attrs := []any{
		"method", req.Method,
		"path", req.URL.Path,
		"status", status,
		"attempt", attempt + 1,
		"max_retries", c.retry.max,
		"wait", wait,
		"reason", reason,
	}
	if err != nil {
		attrs = append(attrs, "error", redact(err.Error(), c.apiKey))
	}
	msg := "clockify: retrying request"
	if long {
		msg = "clockify: waiting before retrying request"
	}
	c.logger.Log(ctx, level, msg, attrs...)
	if long && c.onWait != nil {
		c.onWait(Wait{Reason: reason, Duration: wait, Until: c.now().Add(wait), Method: req.Method, Path: req.URL.Path})
	}
}

// wrapErr names the request in a transport, context or decode error.
func wrapErr(req *http.Request, err error) error {
	return fmt.Errorf("clockify: %s %s: %w", req.Method, req.URL.Path, err)
}
