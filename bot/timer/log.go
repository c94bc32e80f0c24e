package timer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/bot/syncer"
	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/store"
)

// DoingLog is what a refused Log was doing, as Problem words it.
const DoingLog = "log that time"

// The limits of one logged entry.
const (
	MinLog = time.Minute
	MaxLog = 24 * time.Hour
)

// ErrLogDuration is returned by Log for a duration under MinLog or over
// MaxLog, and ErrLogFuture for an entry that would end after now; neither
// reaches Clockify.
var (
	ErrLogDuration = errors.New("a logged entry lasts from 1 minute to 24 hours")
	ErrLogFuture   = errors.New("a logged entry cannot end in the future")
)

// Log creates a finished entry for u in Clockify from start to end (time
// logged after the fact, not a timer), records it in the store at once and
// tells the listeners (Change.Logged). Clockify's refusals (a locked
// period, an archived project) come back as *Refused; the bounds it checks
// itself as ErrLogDuration and ErrLogFuture.
func (s *Service) Log(ctx context.Context, origin Origin, slackID string, u store.User, start, end time.Time, projectID, desc string) (store.Entry, error) {
	start, end = start.UTC().Truncate(time.Second), end.UTC().Truncate(time.Second)
	if d := end.Sub(start); d < MinLog || d > MaxLog {
		return store.Entry{}, ErrLogDuration
	}
	if end.After(s.now()) {
		return store.Entry{}, ErrLogFuture
	}
	// A person waits for this answer: the interactive lane never queues
	// behind a sync's report pages.
	te, err := s.api.AddTimeEntry(clockify.Interactive(ctx), s.workspaceID, u.ID, clockify.NewTimeEntry{Start: start, End: end, ProjectID: projectID, Description: desc})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return store.Entry{}, ctx.Err()
		}
		s.log.Warn("log time", "user", u.ID, "err", err)
		return store.Entry{}, &Refused{Doing: DoingLog, Err: err}
	}
	e := syncer.StoreEntry(*te)
	if e.UserID == "" {
		e.UserID = u.ID
	}
	if e.End.IsZero() {
		e.End = end
	}
	if err := s.store.PutEntry(e); err != nil {
		return store.Entry{}, fmt.Errorf("record logged time: %w", err)
	}
	s.tell(Change{SlackID: slackID, User: u, Logged: &e, Origin: origin})
	return e, nil
}
