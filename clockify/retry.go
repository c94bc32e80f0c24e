package clockify

import (
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// retryPolicy bounds the retries of one request.
type retryPolicy struct {
	max  int           // retries after the first attempt, 429s not counted
	base time.Duration // backoff of the first retry, before jitter
	cap  time.Duration // largest backoff, before jitter
	// rateMax and rateWait bound the 429s one request waits out: how many,
	// and how long in all. A Free-plan workspace (30 requests an hour)
	// answers 429 with a Retry-After of up to an hour; the request waits it
	// out rather than failing.
	rateMax  int
	rateWait time.Duration
}

// backoff returns the wait before retry number attempt+1: a uniformly random
// duration in [0, min(base*2^attempt, cap)] ("full jitter").
func (p retryPolicy) backoff(attempt int) time.Duration {
	ceiling := p.cap
	if attempt < 62 {
		if d := p.base << attempt; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// parseRetryAfter reads a Retry-After header, either delay-seconds or an
// HTTP-date. ok is false when the header is absent or unreadable. A date in
// the past gives 0.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryableStatus reports whether a status is worth retrying for a request
// that may be sent twice.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableNetErr reports whether a transport error is a timeout or a
// temporary network failure (reset, refused, closed connection).
func retryableNetErr(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	for _, target := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.EPIPE} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}
