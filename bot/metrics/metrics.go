// Package metrics defines clockbot's Prometheus metrics, all named
// clockbot_*, in one registry served at GET /metrics. Features call the
// small methods of Metrics; a nil *Metrics ignores every call, so code and
// tests without metrics need no checks.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds clockbot's collectors and their registry.
type Metrics struct {
	reg *prometheus.Registry

	syncPasses       *prometheus.CounterVec
	lastSync         prometheus.Gauge
	clockifyRequests *prometheus.CounterVec
	entriesStored    prometheus.Gauge
	weekly           *prometheus.CounterVec
	ackLatency       prometheus.Histogram
	reconnects       prometheus.Counter
	webhooks         *prometheus.CounterVec
}

// New returns the metrics registered in a new registry, with the Go runtime
// and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		syncPasses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "clockbot_sync_passes_total",
			Help: "Clockify sync passes by result (success, failure).",
		}, []string{"result"}),
		lastSync: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "clockbot_last_successful_sync_timestamp_seconds",
			Help: "Unix time of the last successful sync pass.",
		}),
		clockifyRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "clockbot_clockify_requests_total",
			Help: "HTTP requests to Clockify by route (path with ids replaced) and status code (0: no answer).",
		}, []string{"route", "code"}),
		entriesStored: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "clockbot_entries_stored",
			Help: "Time entries in the database.",
		}),
		weekly: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "clockbot_weekly_messages_total",
			Help: "Weekly messages by outcome (delivered, failed, already_sent).",
		}, []string{"outcome"}),
		ackLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "clockbot_slash_command_ack_seconds",
			Help:    "Time from receiving a slash command to acknowledging it.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5},
		}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "clockbot_socket_mode_reconnects_total",
			Help: "Socket Mode reconnections.",
		}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "clockbot_webhook_deliveries_total",
			Help: "Webhook deliveries by source (clockify, timeclock, slack), result (accepted, rejected) and reason.",
		}, []string{"source", "result", "reason"}),
	}
	m.reg.MustRegister(m.syncPasses, m.lastSync, m.clockifyRequests, m.entriesStored, m.weekly,
		m.ackLatency, m.reconnects, m.webhooks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"success", "failure"} {
		m.syncPasses.WithLabelValues(r)
	}
	for _, o := range []string{WeeklyDelivered, WeeklyFailed, WeeklyAlreadySent} {
		m.weekly.WithLabelValues(o)
	}
	return m
}

// Registry returns the registry, for tests and extra collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// SyncPassed records a successful sync pass that finished at at.
func (m *Metrics) SyncPassed(at time.Time) {
	if m == nil {
		return
	}
	m.syncPasses.WithLabelValues("success").Inc()
	m.lastSync.Set(float64(at.UnixNano()) / 1e9)
}

// SyncFailed records a failed sync pass.
func (m *Metrics) SyncFailed() {
	if m == nil {
		return
	}
	m.syncPasses.WithLabelValues("failure").Inc()
}

// EntriesStored sets the number of stored time entries.
func (m *Metrics) EntriesStored(n int) {
	if m == nil {
		return
	}
	m.entriesStored.Set(float64(n))
}

// Weekly message outcomes for WeeklyMessage.
const (
	WeeklyDelivered   = "delivered"
	WeeklyFailed      = "failed"
	WeeklyAlreadySent = "already_sent"
)

// WeeklyMessage records one weekly message's outcome (WeeklyDelivered,
// WeeklyFailed or WeeklyAlreadySent).
func (m *Metrics) WeeklyMessage(outcome string) {
	if m == nil {
		return
	}
	m.weekly.WithLabelValues(outcome).Inc()
}

// CommandAcked records how long a slash command took to be acknowledged.
func (m *Metrics) CommandAcked(d time.Duration) {
	if m == nil {
		return
	}
	m.ackLatency.Observe(d.Seconds())
}

// SocketReconnected records a Socket Mode reconnection.
func (m *Metrics) SocketReconnected() {
	if m == nil {
		return
	}
	m.reconnects.Inc()
}

// Webhook delivery sources and rejection reasons.
const (
	SourceClockify  = "clockify"
	SourceTimeClock = "timeclock"
	SourceSlack     = "slack"

	ReasonBadSignature = "bad_signature"
	ReasonNoSignature  = "no_signature"
	ReasonOldTimestamp = "old_timestamp"
	ReasonTooLarge     = "too_large"
	ReasonMalformed    = "malformed"
	ReasonStoreError   = "store_error"
)

// WebhookAccepted records an accepted delivery from source; reason says
// what became of it (applied, redelivered, stale, ignored).
func (m *Metrics) WebhookAccepted(source, reason string) {
	if m == nil {
		return
	}
	m.webhooks.WithLabelValues(source, "accepted", reason).Inc()
}

// WebhookRejected records a rejected delivery from source and why.
func (m *Metrics) WebhookRejected(source, reason string) {
	if m == nil {
		return
	}
	m.webhooks.WithLabelValues(source, "rejected", reason).Inc()
}
