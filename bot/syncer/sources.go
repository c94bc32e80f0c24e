package syncer

import (
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// featureUnavailable reports whether err is Clockify refusing an optional
// source because the workspace's plan lacks it: a 403, or a message saying
// the feature is not enabled. Holidays and time off need the paid Time off
// feature.
func featureUnavailable(err error) bool {
	var ce *clockify.Error
	if !errors.As(err, &ce) {
		return false
	}
	return ce.StatusCode == http.StatusForbidden ||
		strings.Contains(strings.ToLower(ce.Message), "feature not enabled")
}

// RefusedForUser reports whether err is a 4xx (not 404, not 429) that
// concerns one user's managers look-up, such as a member who left: the pass
// skips that user rather than failing.
func RefusedForUser(err error) bool {
	var ce *clockify.Error
	return errors.As(err, &ce) && ce.StatusCode >= 400 && ce.StatusCode < 500 &&
		ce.StatusCode != http.StatusNotFound && ce.StatusCode != http.StatusTooManyRequests
}

// warnTimeOffUnavailable logs that holidays and time off are not available.
func (s *Syncer) warnTimeOffUnavailable(err error) {
	s.log.Warn("holidays and time off are not available in this Clockify workspace; syncing everything else", "err", err)
}

// selectHolidays keeps the holidays that can fall on or after from: every
// annual holiday (it keeps its first year's dates and repeats every year)
// and the others that end on or after from's date.
func selectHolidays(hs []clockify.Holiday, from time.Time) []clockify.Holiday {
	cut := from.UTC().Format("2006-01-02")
	out := make([]clockify.Holiday, 0, len(hs))
	for _, h := range hs {
		end := dateOnly(h.DatePeriod.EndDate)
		if end == "" {
			end = dateOnly(h.DatePeriod.StartDate)
		}
		if h.OccursAnnually || end >= cut {
			out = append(out, h)
		}
	}
	return out
}

// storeHolidaysOrKeep converts holidays, or returns nil (the stored
// holidays are kept) when they could not be fetched.
func storeHolidaysOrKeep(hs []clockify.Holiday, unavailable bool) []store.Holiday {
	if unavailable {
		return nil
	}
	return storeHolidays(hs)
}

// managersRewriteAge is how old unchanged stored managers may get before a
// pass rewrites them with a new FetchedAt; well under ManagersMaxAge, so the
// weekly report never needs to confirm managers the sync keeps learning.
const managersRewriteAge = 6 * time.Hour

// managersFromRoles derives every user's team managers from the roles the
// users list carries (include-roles=true): a TEAM_MANAGER role's entities
// are the users that manager manages. ok is false, and an unknown shape is
// logged once, when a user's roles cannot be read; the caller then falls
// back to per-user look-ups.
func (s *Syncer) managersFromRoles(users []clockify.User, now time.Time) (out []store.Managers, ok bool) {
	known := make(map[string]bool, len(users))
	for _, u := range users {
		known[u.ID] = true
	}
	byUser := make(map[string][]string, len(users))
	for _, m := range users {
		managed, err := m.ManagedUsers()
		if err != nil {
			s.rolesOnce.Do(func() {
				s.log.Warn("users list roles have an unknown shape; managers are looked up per user instead", "err", err)
			})
			return nil, false
		}
		for _, id := range managed {
			if known[id] && id != m.ID {
				byUser[id] = append(byUser[id], m.ID)
			}
		}
	}
	stored, err := s.store.AllManagers()
	if err != nil {
		s.log.Warn("read stored managers; rewriting them all", "err", err)
	}
	out = make([]store.Managers, 0, len(users))
	for _, u := range users {
		ids := byUser[u.ID]
		sort.Strings(ids)
		ids = compactStrings(ids)
		if ids == nil {
			ids = []string{}
		}
		// Unchanged and recently confirmed managers are not rewritten, so a
		// large workspace's pass writes only what changed.
		if old, ok := stored[u.ID]; ok && slices.Equal(old.ManagerIDs, ids) && now.Sub(old.FetchedAt) < managersRewriteAge {
			continue
		}
		out = append(out, store.Managers{UserID: u.ID, ManagerIDs: ids, FetchedAt: now})
	}
	return out, true
}

// compactStrings removes adjacent duplicates of a sorted slice.
func compactStrings(ss []string) []string {
	out := ss[:0]
	for i, v := range ss {
		if i == 0 || v != ss[i-1] {
			out = append(out, v)
		}
	}
	if len(ss) == 0 {
		return nil
	}
	return out
}
