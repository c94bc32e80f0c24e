// Package timeclock receives the time clock's time activity webhooks at
// POST /webhooks/timeclock: clock in and out, breaks, admin changes and
// time off. A delivery is accepted only with the shared secret
// (TIMECLOCK_WEBHOOK_SECRET) in the X-Webhook-Secret header or as
// "Authorization: Bearer <secret>". Shifts and breaks are stored per
// time-clock user; approved time off is stored to count as days off;
// deletions and declined requests remove the activity. Time-clock users
// are mapped to Clockify users with store.MapTimeClockUser.
package timeclock

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/metrics"
	"github.com/clockbot/clockbot/store"
)

// Path is where the handler is mounted.
const Path = "/webhooks/timeclock"

// SecretHeader carries the shared secret.
const SecretHeader = "X-Webhook-Secret"

// MaxBody is the largest delivery read; a larger one is answered 413.
const MaxBody = 1 << 20

// Store keeps the activities; *store.Store satisfies it.
type Store interface {
	PutTimeClockActivity(store.TimeClockActivity) (bool, error)
	DeleteTimeClockActivity(id string) error
}

// Options configures New. Secret and Store are required.
type Options struct {
	Secret  string
	Store   Store
	Metrics *metrics.Metrics // nil: not counted
	Logger  *slog.Logger     // nil: discarded
	Now     func() time.Time // nil: time.Now
}

// Handler is the http.Handler of POST /webhooks/timeclock.
type Handler struct {
	opts Options
	log  *slog.Logger
}

// New returns the handler.
func New(opts Options) *Handler {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{opts: opts, log: log.With("component", "timeclock-webhook")}
}

// secretOf returns the secret a request presents.
func secretOf(r *http.Request) string {
	if s := r.Header.Get(SecretHeader); s != "" {
		return s
	}
	if a, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return a
	}
	return ""
}

// ServeHTTP authenticates, parses and applies one delivery.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := h.opts.Metrics
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		reply(w, http.StatusMethodNotAllowed, "error", "POST only")
		return
	}
	got := secretOf(r)
	if got == "" || h.opts.Secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(h.opts.Secret)) != 1 {
		reason := metrics.ReasonBadSignature
		if got == "" {
			reason = metrics.ReasonNoSignature
		}
		m.WebhookRejected(metrics.SourceTimeClock, reason)
		h.log.Warn("rejected a time-clock delivery", "remote", r.RemoteAddr, "reason", reason)
		reply(w, http.StatusUnauthorized, "error", "missing or wrong secret")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			m.WebhookRejected(metrics.SourceTimeClock, metrics.ReasonTooLarge)
			reply(w, http.StatusRequestEntityTooLarge, "error", "body larger than 1 MB")
			return
		}
		reply(w, http.StatusBadRequest, "error", "cannot read the body")
		return
	}
	ev, err := Parse(body)
	switch {
	case errors.Is(err, ErrIgnored):
		m.WebhookAccepted(metrics.SourceTimeClock, "ignored")
		reply(w, http.StatusOK, "outcome", "ignored")
		return
	case err != nil:
		m.WebhookRejected(metrics.SourceTimeClock, metrics.ReasonMalformed)
		h.log.Warn("rejected a malformed time-clock delivery", "error", err)
		reply(w, http.StatusBadRequest, "error", err.Error())
		return
	}
	outcome, err := h.apply(ev)
	if err != nil {
		m.WebhookRejected(metrics.SourceTimeClock, metrics.ReasonStoreError)
		h.log.Error("apply time-clock event", "event", ev.EventType, "error", err)
		reply(w, http.StatusInternalServerError, "error", "cannot store the event")
		return
	}
	m.WebhookAccepted(metrics.SourceTimeClock, outcome)
	h.log.Debug("time-clock event", "event", ev.EventType, "activity", ev.ActivityType, "user", ev.UserID, "outcome", outcome)
	reply(w, http.StatusOK, "outcome", outcome)
}

// apply stores or removes the event's activity.
func (h *Handler) apply(ev Event) (string, error) {
	if ev.Delete != "" {
		return "deleted", h.opts.Store.DeleteTimeClockActivity(ev.Delete)
	}
	a := ev.Activity
	a.UpdatedAt = h.opts.Now().UTC()
	put, err := h.opts.Store.PutTimeClockActivity(a)
	if err != nil || !put {
		return "stale", err
	}
	return "applied", nil
}

func reply(w http.ResponseWriter, status int, key, value string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{key: value})
}
