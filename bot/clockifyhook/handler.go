// Package clockifyhook receives Clockify's webhooks at POST
// /webhooks/clockify: it accepts a delivery only when its
// Clockify-Signature header is a token the bot knows, parses the events
// clockbot follows into typed events and hands them to an Applier (the
// store), which applies them idempotently and in order.
package clockifyhook

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/store"
)

// Path is where the handler is mounted.
const Path = "/webhooks/clockify"

// Headers of a Clockify delivery.
const (
	SignatureHeader = "Clockify-Signature"
	EventTypeHeader = "Clockify-Webhook-Event-Type"
)

// MaxBody is the largest delivery read; a larger one is answered 413.
const MaxBody = 1 << 20

// TokenSource lists the tokens of the webhooks registered by `clockbot
// webhooks register`; *store.Store satisfies it.
type TokenSource interface {
	WebhookTokens() ([]string, error)
}

// Applier applies parsed events; *store.Store satisfies it.
type Applier interface {
	ApplyEntryEvent(store.EntryEvent) (store.Outcome, error)
	ApplyTimeOffEvent(store.TimeOffEvent) (store.Outcome, error)
	ApplyUserEvent(store.UserEvent) (store.Outcome, error)
	ApplyProjectEvent(store.ProjectEvent) (store.Outcome, error)
}

// Options configures New. Applier is required.
type Options struct {
	// Tokens are the registered webhooks' tokens, read at each delivery;
	// nil for none.
	Tokens TokenSource
	// StaticTokens are the tokens of webhooks an admin created in
	// Clockify's UI (CLOCKIFY_WEBHOOK_TOKENS).
	StaticTokens []string
	Applier      Applier
	Metrics      *metrics.Metrics // nil: not counted
	Logger       *slog.Logger     // nil: discarded
	// Now is the clock giving events their time; nil means time.Now.
	Now func() time.Time
	// OnApplied, when set, is called after an event changed the store,
	// for example to refresh a Home tab.
	OnApplied func(Event)
}

// Handler is the http.Handler of POST /webhooks/clockify.
type Handler struct {
	opts   Options
	static [][]byte
	log    *slog.Logger
	health health
}

// New returns the handler.
func New(opts Options) *Handler {
	h := &Handler{opts: opts, log: opts.Logger}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	h.log = h.log.With("component", "clockify-webhook")
	if h.opts.Now == nil {
		h.opts.Now = time.Now
	}
	for _, t := range opts.StaticTokens {
		if t != "" {
			h.static = append(h.static, []byte(t))
		}
	}
	return h
}

// known reports, in time independent of where a match is, whether sig is
// one of the tokens.
func (h *Handler) known(sig string) (bool, error) {
	s := []byte(sig)
	match := 0
	for _, t := range h.static {
		match |= subtle.ConstantTimeCompare(s, t)
	}
	if h.opts.Tokens != nil {
		toks, err := h.opts.Tokens.WebhookTokens()
		if err != nil {
			return false, err
		}
		for _, t := range toks {
			match |= subtle.ConstantTimeCompare(s, []byte(t))
		}
	}
	return match == 1, nil
}

// ServeHTTP authenticates, parses and applies one delivery. Unknown or
// missing signatures get 401 and change nothing; events clockbot does not
// follow get 200; a store failure gets 500 so that Clockify retries.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		reply(w, http.StatusMethodNotAllowed, "error", "POST only")
		return
	}
	at := h.opts.Now()
	sig := r.Header.Get(SignatureHeader)
	if sig == "" {
		h.reject(metrics.ReasonNoSignature)
		h.log.Warn("rejected a delivery without a signature", "remote", r.RemoteAddr)
		reply(w, http.StatusUnauthorized, "error", "missing "+SignatureHeader)
		return
	}
	ok, err := h.known(sig)
	if err != nil {
		h.reject(metrics.ReasonStoreError)
		h.log.Error("read webhook tokens", "error", err)
		reply(w, http.StatusInternalServerError, "error", "cannot read the webhook tokens")
		return
	}
	if !ok {
		h.reject(metrics.ReasonBadSignature)
		h.log.Warn("rejected a delivery with an unknown signature", "remote", r.RemoteAddr, "event", r.Header.Get(EventTypeHeader))
		reply(w, http.StatusUnauthorized, "error", "unknown "+SignatureHeader)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.reject(metrics.ReasonTooLarge)
			reply(w, http.StatusRequestEntityTooLarge, "error", "body larger than 1 MB")
			return
		}
		h.reject(metrics.ReasonMalformed)
		reply(w, http.StatusBadRequest, "error", "cannot read the body")
		return
	}
	kind := r.Header.Get(EventTypeHeader)
	sum := sha256.Sum256(append([]byte(kind+"\n"), body...))
	ev, err := Parse(kind, body, at, hex.EncodeToString(sum[:16]))
	switch {
	case errors.Is(err, ErrIgnored):
		h.accept("ignored", at)
		reply(w, http.StatusOK, "outcome", "ignored")
		return
	case err != nil:
		h.reject(metrics.ReasonMalformed)
		h.log.Warn("rejected a malformed delivery", "event", kind, "error", err)
		reply(w, http.StatusBadRequest, "error", err.Error())
		return
	}
	out, err := ev.apply(h.opts.Applier)
	if err != nil {
		h.reject(metrics.ReasonStoreError)
		h.log.Error("apply webhook event", "event", kind, "id", ev.ID(), "error", err)
		reply(w, http.StatusInternalServerError, "error", "cannot store the event")
		return
	}
	h.accept(string(out), at)
	h.log.Debug("webhook event", "event", kind, "id", ev.ID(), "outcome", out)
	if out == store.Applied && h.opts.OnApplied != nil {
		h.opts.OnApplied(ev)
	}
	reply(w, http.StatusOK, "outcome", string(out))
}

// reply writes a one-field JSON object.
func reply(w http.ResponseWriter, status int, key, value string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{key: value})
}

// reject counts a rejected delivery.
func (h *Handler) reject(reason string) {
	h.opts.Metrics.WebhookRejected(metrics.SourceClockify, reason)
	h.health.rejected(reason)
}

// accept counts an accepted delivery; outcome is what became of it.
func (h *Handler) accept(outcome string, at time.Time) {
	h.opts.Metrics.WebhookAccepted(metrics.SourceClockify, outcome)
	h.health.accepted(at)
}
