package main

import (
	"time"
)

// pruneOld deletes the entries older than RETENTION_DAYS after a successful
// sync pass. A failure is logged, never fatal: the entries stay until the
// next pass.
func (a *app) pruneOld(now time.Time) {
	cutoff := now.AddDate(0, 0, -a.cfg.RetentionDays)
	n, err := a.store.PruneBefore(cutoff)
	if err != nil {
		a.log.Warn("pruning old entries failed", "err", err, "before", cutoff)
		return
	}
	if n > 0 {
		a.log.Info("pruned old entries", "entries", n, "before", cutoff, "retention_days", a.cfg.RetentionDays)
	}
}
