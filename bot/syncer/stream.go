package syncer

import (
	"context"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/clockify"
)

// A report window is streamed into the store: each page Clockify sends is
// staged in a store.Window as it arrives (only what changed is written),
// so a pass holds a few pages in memory, never a window. The window is
// committed only when every page came: a failed or short fetch aborts it
// and the stored window stays as it was. Before committing, the entries
// the store holds in the range and the report lacked (those Commit would
// delete) are confirmed: the window is fetched once more into the same
// staging, so an entry is dropped only when Clockify leaves it out twice
// (the second answer wins for an entry in both).

// windowFetch is what streaming one report window found.
type windowFetch struct {
	// entries is the entries the report had (the larger of the two answers
	// when a confirmation fetched it twice).
	entries int
	// confirmed is true when a second fetch confirmed missing entries.
	confirmed bool
}

// syncWindow streams the detailed report of [w.From, w.To) into the store,
// with data fetched from asOf on (webhook changes after asOf win). It
// records in finished the ids of watched (stored running) entries the
// report shows ended.
func (s *Syncer) syncWindow(ctx context.Context, w window, asOf time.Time, watched, finished map[string]bool) (res windowFetch, err error) {
	sw, err := s.store.BeginWindowAsOf(w.From, w.To, asOf)
	if err != nil {
		return res, fmt.Errorf("store entries %s..%s: %w", day(w.From), day(w.To), err)
	}
	defer func() {
		if err != nil {
			if aerr := sw.Abort(); aerr != nil {
				s.log.Error("abort entry window", "from", day(w.From), "to", day(w.To), "err", aerr)
			}
		}
	}()
	fetch := func() (int, error) {
		n := 0
		err := s.api.DetailedReportPages(ctx, s.cfg.WorkspaceID, clockify.DetailedReportOptions{Start: w.From, End: w.To, TimeZone: "UTC"},
			func(page []clockify.ReportEntry) error {
				n += len(page)
				es := storeReportEntries(page)
				for _, e := range es {
					if watched[e.ID] && !e.End.IsZero() {
						finished[e.ID] = true
					}
				}
				return sw.Put(es)
			})
		return n, err
	}
	if res.entries, err = fetch(); err != nil {
		return res, fmt.Errorf("fetch entries %s..%s: %w", day(w.From), day(w.To), err)
	}
	missing, err := sw.Missing()
	if err != nil {
		return res, fmt.Errorf("read entries %s..%s: %w", day(w.From), day(w.To), err)
	}
	if missing > 0 {
		again, err := fetch()
		if err != nil {
			return res, fmt.Errorf("confirm entries %s..%s: %w", day(w.From), day(w.To), err)
		}
		res.entries, res.confirmed = max(res.entries, again), true
		if left, err := sw.Missing(); err == nil && left < missing {
			s.log.Info("a detailed report lacked stored entries; a second one had them", "from", day(w.From), "to", day(w.To), "missing", missing, "confirmed", missing-left)
		}
	}
	if err := sw.Commit(); err != nil {
		return res, fmt.Errorf("store entries %s..%s: %w", day(w.From), day(w.To), err)
	}
	return res, nil
}

// runningIDs returns the ids of the stored running timers, the entries a
// pass watches for in the reports.
func (s *Syncer) runningIDs() (map[string]bool, error) {
	stored, err := s.store.Running()
	if err != nil {
		return nil, fmt.Errorf("read running timers: %w", err)
	}
	ids := make(map[string]bool, len(stored))
	for _, e := range stored {
		ids[e.ID] = true
	}
	return ids, nil
}
