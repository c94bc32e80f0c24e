package clockify

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// maxMessage is the longest error message kept from a response body, in
// characters.
const maxMessage = 200

// ErrNotRunning is returned (wrapped) by StopTimer when the user has no
// running timer.
var ErrNotRunning = errors.New("clockify: no running timer")

// ErrIncomplete is returned (wrapped) when a paged listing that states its
// total ends before delivering that many rows, so a cut-off answer is never
// taken for the whole.
var ErrIncomplete = errors.New("incomplete answer")

// Error is a non-2xx answer from Clockify.
type Error struct {
	Method     string // HTTP method
	Path       string // URL path only, never the query or the key
	StatusCode int    // HTTP status code
	Code       int    // Clockify's "code" field, 0 when absent
	Message    string // Clockify's "message" field, or the trimmed body
}

// Error formats the error as
// "clockify: GET /path: 400 Bad Request: message (code 501)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "clockify: %s %s: %d", e.Method, e.Path, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, " (code %d)", e.Code)
	}
	return b.String()
}

// RateLimitError is returned when Clockify still answers 429 Too Many
// Requests after the last retry. RetryAfter is the wait the last answer
// asked for, 0 when it named none.
type RateLimitError struct {
	Err        *Error
	RetryAfter time.Duration
}

// Error describes the rate limit and the wait Clockify asked for.
func (e *RateLimitError) Error() string {
	s := e.Err.Error()
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Unwrap returns the underlying *Error.
func (e *RateLimitError) Unwrap() error { return e.Err }

// newError builds an *Error from a non-2xx response. It reads Clockify's
// {"code":..., "message":...} body when there is one and falls back to the
// trimmed body text otherwise. The key is redacted from the message.
func (c *Client) newError(req *http.Request, resp *http.Response, body []byte) *Error {
	e := &Error{Method: req.Method, Path: req.URL.Path, StatusCode: resp.StatusCode}
	var wire struct {
		Code    any    `json:"code"`
		Message string `json:"message"`
		Error   string `json:"error"`
	}
	if err := json.Unmarshal(body, &wire); err == nil {
		e.Message = wire.Message
		if e.Message == "" {
			e.Message = wire.Error
		}
		switch code := wire.Code.(type) {
		case float64:
			e.Code = int(code)
		case string:
			fmt.Sscanf(code, "%d", &e.Code)
		}
	}
	if e.Message == "" && e.Code == 0 {
		e.Message = string(body)
	}
	e.Message = trimMessage(redact(e.Message, c.apiKey))
	return e
}

// trimMessage collapses whitespace and cuts s to maxMessage characters.
func trimMessage(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxMessage {
		return s
	}
	r := []rune(s)
	return string(r[:maxMessage]) + "…"
}

// redact replaces every occurrence of key in s by its first 5 characters and
// an ellipsis (or by "[redacted]" for keys too short to show a prefix).
func redact(s, key string) string {
	if key == "" || !strings.Contains(s, key) {
		return s
	}
	repl := "[redacted]"
	if len(key) > 10 {
		repl = key[:5] + "…"
	}
	return strings.ReplaceAll(s, key, repl)
}
