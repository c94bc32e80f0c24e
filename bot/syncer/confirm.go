package syncer

import (
	"context"
	"fmt"
	"sort"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// A list from Clockify can come back short (a truncated page, an item
// dropped by a flaky answer) while claiming to be complete. The sync never
// takes such a list's silence as news: what the store knows and the list
// lacks is confirmed by one more request before it is dropped.

// StatusRemoved is the status of a stored user whom Clockify no longer
// lists, confirmed by a look-up of their own. The user is kept so that
// weeks that have ended keep their names; they are not reported any more.
const StatusRemoved = "REMOVED"

// maxConfirmsPerPass bounds the confirmation requests of one kind in one
// pass; unconfirmed data beyond it is kept as stored for a later pass.
const maxConfirmsPerPass = 20

// keepMissingUsers returns users plus every stored user the list lacks:
// each is looked up by email; a user Clockify still has (for example
// INACTIVE) is stored as Clockify answers, a user it does not have is kept
// with StatusRemoved, and one that could not be confirmed is kept as it was.
func (s *Syncer) keepMissingUsers(ctx context.Context, users []store.User, groups []clockify.UserGroup) ([]store.User, error) {
	stored, err := s.store.Users()
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	listed := make(map[string]bool, len(users))
	for _, u := range users {
		listed[u.ID] = true
	}
	confirms := 0
	for _, old := range stored {
		if listed[old.ID] {
			continue
		}
		if old.Status == StatusRemoved || old.Email == "" || confirms == maxConfirmsPerPass {
			users = append(users, old)
			continue
		}
		confirms++
		u, found, err := s.lookUpUser(ctx, old, groups)
		switch {
		case err != nil:
			s.log.Warn("a stored user is missing from Clockify's list and could not be looked up; kept", "user", old.ID, "err", err)
			users = append(users, old)
		case found:
			s.log.Info("a user missing from Clockify's list was found by a look-up; kept", "user", old.ID, "status", u.Status)
			users = append(users, u)
		default:
			s.log.Info("Clockify no longer has a user; kept as removed", "user", old.ID)
			old.Status = StatusRemoved
			users = append(users, old)
		}
	}
	return users, nil
}

// lookUpUser asks Clockify for the user with old's email and reports
// whether the answer holds old's id.
func (s *Syncer) lookUpUser(ctx context.Context, old store.User, groups []clockify.UserGroup) (store.User, bool, error) {
	ws := s.cfg.WorkspaceID
	found, err := s.api.WorkspaceUsers(ctx, ws, &clockify.UsersOptions{Email: old.Email, Status: "ALL"})
	if err != nil {
		return store.User{}, false, err
	}
	for _, u := range storeUsers(found, groups, ws) {
		if u.ID == old.ID {
			return u, true, nil
		}
	}
	return store.User{}, false, nil
}

// keepMissingTimers returns running plus every stored running timer the
// in-progress list lacks and that no fetched report showed finished: each is
// confirmed by asking Clockify for that user's running entry. A timer that
// could not be confirmed is kept as it was.
func (s *Syncer) keepMissingTimers(ctx context.Context, running []store.Entry, finished map[string]bool) ([]store.Entry, error) {
	stored, err := s.store.Running()
	if err != nil {
		return nil, fmt.Errorf("read running timers: %w", err)
	}
	listed := make(map[string]bool, len(running))
	for _, e := range running {
		listed[e.UserID] = true
	}
	confirms := 0
	for _, old := range stored {
		if listed[old.UserID] || finished[old.ID] {
			continue
		}
		if confirms == maxConfirmsPerPass {
			running = append(running, old)
			continue
		}
		confirms++
		es, err := s.api.TimeEntries(ctx, s.cfg.WorkspaceID, old.UserID, &clockify.TimeEntriesOptions{InProgress: true})
		if err != nil {
			s.log.Warn("a running timer is missing from Clockify's list and could not be looked up; kept", "user", old.UserID, "err", err)
			running = append(running, old)
			continue
		}
		if now := runningEntries(es); len(now) > 0 {
			running = append(running, now[0])
		}
	}
	sort.Slice(running, func(i, j int) bool { return running[i].UserID < running[j].UserID })
	return running, nil
}

// confirmManagers fetches userID's managers once more when the first
// answer lacks a manager the store holds for them, and returns the union of
// both answers: a manager disappears only when Clockify leaves them out
// twice.
func (s *Syncer) confirmManagers(ctx context.Context, userID string, ids []string) ([]string, error) {
	old, ok, err := s.store.Managers(userID)
	if err != nil || !ok {
		return ids, err
	}
	have := make(map[string]bool, len(ids))
	for _, id := range ids {
		have[id] = true
	}
	missing := false
	for _, id := range old.ManagerIDs {
		missing = missing || !have[id]
	}
	if !missing {
		return ids, nil
	}
	again, err := s.api.Managers(ctx, s.cfg.WorkspaceID, userID)
	if err != nil {
		return nil, fmt.Errorf("confirm managers of %s: %w", userID, err)
	}
	for _, m := range again {
		if !have[m.ID] {
			have[m.ID] = true
			ids = append(ids, m.ID)
		}
	}
	sort.Strings(ids)
	return ids, nil
}
