package httpserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/store"
)

// SyncStatuser reads the sync status; *store.Store satisfies it. A closed
// store answers with an error.
type SyncStatuser interface {
	SyncStatus() (store.SyncStatus, error)
}

// Connection reports whether Slack's Socket Mode connection is up.
type Connection interface {
	Connected() bool
}

// Checks is the bot's Readiness: the store is open (and not damaged),
// Slack is connected through Socket Mode or HTTP mode is configured, and
// the last successful sync is younger than 3 × SyncInterval.
type Checks struct {
	Store SyncStatuser
	// Slack is the Socket Mode connection; nil when the bot runs in HTTP
	// mode only.
	Slack Connection
	// HTTPMode is true when SLACK_SIGNING_SECRET is set: Slack reaches the
	// bot through the listener, whatever Socket Mode does.
	HTTPMode     bool
	SyncInterval time.Duration
	Now          func() time.Time // nil: time.Now
}

// Ready implements Readiness.
func (c Checks) Ready(ctx context.Context) error {
	if c.Store == nil {
		return errors.New("store not open")
	}
	st, err := c.Store.SyncStatus()
	if err != nil {
		return errors.New("store not open")
	}
	if d, ok := c.Store.(interface{ Damaged() error }); ok && d.Damaged() != nil {
		return errors.New("store damaged: writes refused")
	}
	if !c.HTTPMode && (c.Slack == nil || !c.Slack.Connected()) {
		return errors.New("slack not connected (Socket Mode) and HTTP mode not configured")
	}
	var last time.Time
	for _, t := range st.LastSuccess {
		if t.After(last) {
			last = t
		}
	}
	if last.IsZero() {
		return errors.New("no successful sync yet")
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	if limit := 3 * c.SyncInterval; c.SyncInterval > 0 && now().Sub(last) > limit {
		return fmt.Errorf("last successful sync %s ago, more than 3 × SYNC_INTERVAL (%s)", now().Sub(last).Round(time.Second), limit)
	}
	return nil
}
