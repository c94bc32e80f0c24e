// Package slacksig verifies Slack's request signatures for the HTTP mode
// endpoints (/slack/commands, /slack/interactions, /slack/events) and
// answers the Events API's url_verification challenge.
//
// Slack signs each request: X-Slack-Signature is "v0=" and the hex
// HMAC-SHA256, keyed with the app's signing secret, of
// "v0:{X-Slack-Request-Timestamp}:{raw body}". slack-go's
// NewSecretsVerifier does the same but reads the wall clock, so this
// package takes an injected one.
package slacksig

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/metrics"
)

// Headers Slack signs requests with.
const (
	SignatureHeader = "X-Slack-Signature"
	TimestampHeader = "X-Slack-Request-Timestamp"
)

// MaxAge is how far a request's timestamp may be from now.
const MaxAge = 5 * time.Minute

// MaxBody is the largest request body read; a larger one is answered 413.
const MaxBody = 1 << 20

// Errors of Check.
var (
	ErrNoSignature  = errors.New("missing Slack signature or timestamp")
	ErrOldTimestamp = errors.New("Slack request timestamp is more than 5 minutes away")
	ErrBadSignature = errors.New("Slack signature does not match")
)

// Sign returns the X-Slack-Signature of body sent at ts with secret.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + strconv.FormatInt(ts, 10) + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// Check verifies the signature of body with the headers h at now.
func Check(secret string, h http.Header, body []byte, now time.Time) error {
	sig, tsText := h.Get(SignatureHeader), h.Get(TimestampHeader)
	if sig == "" || tsText == "" {
		return ErrNoSignature
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return ErrNoSignature
	}
	if d := now.Sub(time.Unix(ts, 0)).Abs(); d > MaxAge {
		return ErrOldTimestamp
	}
	if !strings.HasPrefix(sig, "v0=") || !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(sig)) {
		return ErrBadSignature
	}
	return nil
}

// Options configures Verify.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now     func() time.Time
	Metrics *metrics.Metrics // nil: not counted
	Logger  *slog.Logger     // nil: discarded
}

// Verify returns a handler that reads the whole body (up to MaxBody),
// checks its signature with secret and only then calls next, with the body
// supplied again. A bad or missing signature or an old timestamp is
// answered 401 and next never runs.
func Verify(secret string, next http.Handler, opts Options) http.Handler {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "slack-http")
	m := opts.Metrics
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				m.WebhookRejected(metrics.SourceSlack, metrics.ReasonTooLarge)
				http.Error(w, "body larger than 1 MB", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read the body", http.StatusBadRequest)
			return
		}
		if err := Check(secret, r.Header, body, now()); err != nil {
			reason := metrics.ReasonBadSignature
			switch {
			case errors.Is(err, ErrNoSignature):
				reason = metrics.ReasonNoSignature
			case errors.Is(err, ErrOldTimestamp):
				reason = metrics.ReasonOldTimestamp
			}
			m.WebhookRejected(metrics.SourceSlack, reason)
			log.Warn("rejected a Slack request", "path", r.URL.Path, "reason", err.Error())
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		m.WebhookAccepted(metrics.SourceSlack, "verified")
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

// Events returns the handler of POST /slack/events: it answers Slack's
// url_verification with its challenge and passes every other event to
// next (or acknowledges it with an empty 200 when next is nil). Mount it
// behind Verify.
func Events(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
		if err != nil {
			http.Error(w, "cannot read the body", http.StatusBadRequest)
			return
		}
		var env struct {
			Type      string `json:"type"`
			Challenge string `json:"challenge"`
		}
		if err := json.Unmarshal(body, &env); err != nil {
			http.Error(w, "body is not JSON", http.StatusBadRequest)
			return
		}
		if env.Type == "url_verification" {
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]string{"challenge": env.Challenge})
			return
		}
		if next == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}
