package timer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/clockbot/clockbot/bot/internal/clock"
	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// API is the part of the Clockify client that starts and stops timers.
// *clockify.Client implements it.
type API interface {
	StartTimer(ctx context.Context, workspaceID, userID string, req clockify.StartTimerRequest) (*clockify.TimeEntry, error)
	StopTimer(ctx context.Context, workspaceID, userID string, end time.Time) (*clockify.TimeEntry, error)
	AddTimeEntry(ctx context.Context, workspaceID, userID string, req clockify.NewTimeEntry) (*clockify.TimeEntry, error)
	ReserveInteractive(ctx context.Context, n int) (_ context.Context, wait time.Duration, release func())
}

// Origin says where a change was asked for, so that a listener can skip
// the changes it made itself.
type Origin string

// The origins of changes.
const (
	FromCommand Origin = "command" // /tt start, /tt stop, the project buttons
	FromHome    Origin = "home"    // the Home tab's Start and Stop
)

// Change is one start or stop: Stopped, Started or both are set; or time
// logged after the fact: Logged alone is set.
type Change struct {
	SlackID string
	User    store.User
	Stopped *store.Entry
	Started *store.Entry
	Logged  *store.Entry
	Origin  Origin
}

// Listener is told about every change, synchronously: it must not block
// (post in the background).
type Listener func(Change)

// Service starts and stops the Clockify timers of one workspace and keeps
// the store in step.
type Service struct {
	api         API
	store       *store.Store
	workspaceID string
	now         clock.Clock
	log         *slog.Logger
	listeners   []Listener
}

// New returns a Service. now may be nil for time.Now, log nil to discard.
func New(api API, st *store.Store, workspaceID string, now clock.Clock, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{api: api, store: st, workspaceID: workspaceID, now: clock.Or(now), log: log.With("component", "timer")}
}

// Listen adds a listener. Call it before the runtime starts.
func (s *Service) Listen(f Listener) { s.listeners = append(s.listeners, f) }

// tell passes a change to the listeners.
func (s *Service) tell(c Change) {
	if c.Stopped == nil && c.Started == nil && c.Logged == nil {
		return
	}
	for _, f := range s.listeners {
		f(c)
	}
}

// Start stops u's running timer and starts a new one on projectID ("" for
// none). The change returned holds what happened even when err is set: a
// timer stopped before the start failed. Clockify's failures come back as
// *Refused (explain them with Problem); other errors are the bot's own.
func (s *Service) Start(ctx context.Context, origin Origin, slackID string, u store.User, projectID, desc string) (Change, error) {
	now := s.now().UTC().Truncate(time.Second)
	ch := Change{SlackID: slackID, User: u, Origin: origin}
	stopped, err := s.stopRunning(ctx, u, now)
	if err != nil {
		return ch, err
	}
	ch.Stopped = stopped
	started, err := s.api.StartTimer(ctx, s.workspaceID, u.ID, clockify.StartTimerRequest{Start: now, ProjectID: projectID, Description: desc})
	if err != nil {
		s.tell(ch)
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return ch, ctx.Err()
		}
		s.log.Warn("start timer", "user", u.ID, "err", err)
		return ch, &Refused{Doing: DoingStart, Err: err}
	}
	e := syncer.StoreEntry(*started)
	if e.UserID == "" {
		e.UserID = u.ID
	}
	e.End = time.Time{}
	if err := s.store.PutRunning(e, s.now()); err != nil {
		return ch, fmt.Errorf("record started timer: %w", err)
	}
	ch.Started = &e
	s.tell(ch)
	return ch, nil
}

// Stop stops u's running timer. Change.Stopped is nil when nothing was
// running. Errors are as for Start.
func (s *Service) Stop(ctx context.Context, origin Origin, slackID string, u store.User) (Change, error) {
	now := s.now().UTC().Truncate(time.Second)
	ch := Change{SlackID: slackID, User: u, Origin: origin}
	stopped, err := s.stopRunning(ctx, u, now)
	if err != nil {
		return ch, err
	}
	ch.Stopped = stopped
	s.tell(ch)
	return ch, nil
}

// stopRunning stops u's running timer at end and records it in the store.
// stopped is nil when nothing was running.
func (s *Service) stopRunning(ctx context.Context, u store.User, end time.Time) (stopped *store.Entry, err error) {
	te, err := s.api.StopTimer(ctx, s.workspaceID, u.ID, end)
	if errors.Is(err, clockify.ErrNotRunning) {
		if err := s.store.DeleteRunning(u.ID, s.now()); err != nil {
			return nil, fmt.Errorf("forget running timer: %w", err)
		}
		return nil, nil
	}
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ctx.Err()
		}
		s.log.Warn("stop timer", "user", u.ID, "err", err)
		return nil, &Refused{Doing: DoingStop, Err: err}
	}
	e := syncer.StoreEntry(*te)
	if e.UserID == "" {
		e.UserID = u.ID
	}
	if e.End.IsZero() {
		e.End = end
	}
	if err := s.store.DeleteRunning(u.ID, s.now()); err != nil {
		return nil, fmt.Errorf("forget running timer: %w", err)
	}
	if err := s.store.PutEntry(e); err != nil {
		return nil, fmt.Errorf("record stopped timer: %w", err)
	}
	return &e, nil
}
