package clockifyhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/clockbot/clockbot/store"
)

// ErrIgnored reports an event type clockbot does not follow.
var ErrIgnored = errors.New("event type not followed")

// Events lists the event types clockbot applies, which `clockbot webhooks
// register` subscribes to.
var Events = []string{
	"NEW_TIME_ENTRY", "TIME_ENTRY_UPDATED", "TIME_ENTRY_DELETED", "NEW_TIMER_STARTED", "TIMER_STOPPED", "TIME_ENTRY_RESTORED",
	"TIME_OFF_REQUEST_APPROVED", "TIME_OFF_REQUEST_REJECTED", "TIME_OFF_REQUEST_WITHDRAWN", "TIME_OFF_REQUEST_UPDATED",
	"USER_JOINED_WORKSPACE", "USER_DEACTIVATED_ON_WORKSPACE", "USER_ACTIVATED_ON_WORKSPACE", "USER_EMAIL_CHANGED",
	"NEW_PROJECT", "PROJECT_UPDATED", "PROJECT_DELETED",
}

var entryKinds = map[string]store.EntryEventKind{
	"NEW_TIME_ENTRY": store.EntryCreated, "NEW_TIMER_STARTED": store.TimerStarted, "TIME_ENTRY_UPDATED": store.EntryUpdated,
	"TIMER_STOPPED": store.TimerStopped, "TIME_ENTRY_DELETED": store.EntryDeleted, "TIME_ENTRY_RESTORED": store.EntryRestored,
}

var timeOffKinds = map[string]store.TimeOffEventKind{
	"TIME_OFF_REQUEST_APPROVED": store.TimeOffApproved, "TIME_OFF_REQUEST_REJECTED": store.TimeOffRejected,
	"TIME_OFF_REQUEST_WITHDRAWN": store.TimeOffWithdrawn, "TIME_OFF_REQUEST_UPDATED": store.TimeOffUpdated,
}

var userKinds = map[string]store.UserEventKind{
	"USER_JOINED_WORKSPACE": store.UserJoined, "USER_DEACTIVATED_ON_WORKSPACE": store.UserDeactivated,
	"USER_ACTIVATED_ON_WORKSPACE": store.UserActivated, "USER_EMAIL_CHANGED": store.UserEmailChanged,
}

// Event is one parsed delivery: exactly one of its pointers is set.
type Event struct {
	Type    string
	Entry   *store.EntryEvent
	TimeOff *store.TimeOffEvent
	User    *store.UserEvent
	Project *store.ProjectEvent
}

// ID returns the id of the record the event is about.
func (e Event) ID() string {
	switch {
	case e.Entry != nil:
		return e.Entry.Entry.ID
	case e.TimeOff != nil:
		return e.TimeOff.Request.ID
	case e.User != nil:
		return e.User.User.ID
	case e.Project != nil:
		return e.Project.Project.ID
	}
	return ""
}

// UserID returns the Clockify user the event concerns, "" for projects.
func (e Event) UserID() string {
	switch {
	case e.Entry != nil:
		return e.Entry.Entry.UserID
	case e.TimeOff != nil:
		return e.TimeOff.Request.UserID
	case e.User != nil:
		return e.User.User.ID
	}
	return ""
}

func (e Event) apply(a Applier) (store.Outcome, error) {
	switch {
	case e.Entry != nil:
		return a.ApplyEntryEvent(*e.Entry)
	case e.TimeOff != nil:
		return a.ApplyTimeOffEvent(*e.TimeOff)
	case e.User != nil:
		return a.ApplyUserEvent(*e.User)
	default:
		return a.ApplyProjectEvent(*e.Project)
	}
}

// wireEntry is the part of a time-entry payload clockbot reads.
type wireEntry struct {
	ID           string `json:"id"`
	UserID       string `json:"userId"`
	ProjectID    string `json:"projectId"`
	Description  string `json:"description"`
	Type         string `json:"type"`
	Billable     bool   `json:"billable"`
	TimeInterval struct {
		Start string  `json:"start"`
		End   *string `json:"end"`
	} `json:"timeInterval"`
}

// wireTimeOff is the part of a time-off request payload clockbot reads.
type wireTimeOff struct {
	ID         string `json:"id"`
	UserID     string `json:"userId"`
	PolicyName string `json:"policyName"`
	TimeUnit   string `json:"timeUnit"`
	Status     struct {
		StatusType string `json:"statusType"`
	} `json:"status"`
	TimeOffPeriod struct {
		Period struct {
			Start string `json:"start"`
			End   string `json:"end"`
		} `json:"period"`
		HalfDay bool `json:"halfDay"`
	} `json:"timeOffPeriod"`
}

// wireUser is the part of a user payload clockbot reads.
type wireUser struct {
	ID       string `json:"id"`
	UserID   string `json:"userId"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Settings *struct {
		TimeZone string `json:"timeZone"`
	} `json:"settings"`
}

// wireProject is the part of a project payload clockbot reads.
type wireProject struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	ClientName string `json:"clientName"`
	Archived   bool   `json:"archived"`
	Billable   bool   `json:"billable"`
}

// Parse parses the body of a delivery of event type kind. at is the
// event's time and version its payload digest. It returns ErrIgnored for
// the types clockbot does not follow.
func Parse(kind string, body []byte, at time.Time, version string) (Event, error) {
	ev := Event{Type: kind}
	if kind == "" {
		return ev, fmt.Errorf("missing %s header", EventTypeHeader)
	}
	switch {
	case hasKey(entryKinds, kind):
		var w wireEntry
		if err := json.Unmarshal(body, &w); err != nil {
			return ev, fmt.Errorf("decode %s: %w", kind, err)
		}
		e, err := w.entry(entryKinds[kind] == store.EntryDeleted)
		if err != nil {
			return ev, fmt.Errorf("%s: %w", kind, err)
		}
		ev.Entry = &store.EntryEvent{Kind: entryKinds[kind], Entry: e, At: at, Version: version}
	case hasKey(timeOffKinds, kind):
		var w wireTimeOff
		if err := json.Unmarshal(body, &w); err != nil {
			return ev, fmt.Errorf("decode %s: %w", kind, err)
		}
		r, err := w.request()
		if err != nil {
			return ev, fmt.Errorf("%s: %w", kind, err)
		}
		ev.TimeOff = &store.TimeOffEvent{Kind: timeOffKinds[kind], Request: r, At: at, Version: version}
	case hasKey(userKinds, kind):
		var w wireUser
		if err := json.Unmarshal(body, &w); err != nil {
			return ev, fmt.Errorf("decode %s: %w", kind, err)
		}
		u := store.User{ID: w.ID, Email: w.Email, Name: w.Name}
		if u.ID == "" {
			u.ID = w.UserID
		}
		if w.Settings != nil {
			u.TimeZone = w.Settings.TimeZone
		}
		if u.ID == "" {
			return ev, fmt.Errorf("%s: no user id", kind)
		}
		ev.User = &store.UserEvent{Kind: userKinds[kind], User: u, At: at, Version: version}
	case kind == "NEW_PROJECT" || kind == "PROJECT_UPDATED" || kind == "PROJECT_DELETED":
		var w wireProject
		if err := json.Unmarshal(body, &w); err != nil {
			return ev, fmt.Errorf("decode %s: %w", kind, err)
		}
		if w.ID == "" {
			return ev, fmt.Errorf("%s: no project id", kind)
		}
		ev.Project = &store.ProjectEvent{Project: store.Project{ID: w.ID, Name: w.Name, ClientName: w.ClientName,
			Archived: w.Archived, Billable: w.Billable}, Deleted: kind == "PROJECT_DELETED", At: at, Version: version}
	default:
		return ev, ErrIgnored
	}
	return ev, nil
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// entry converts a payload; a deletion needs only the id.
func (w wireEntry) entry(deletion bool) (store.Entry, error) {
	e := store.Entry{ID: w.ID, UserID: w.UserID, ProjectID: w.ProjectID, Description: w.Description, Type: w.Type, Billable: w.Billable}
	if e.ID == "" {
		return e, errors.New("no entry id")
	}
	if deletion && w.TimeInterval.Start == "" {
		return e, nil
	}
	if e.UserID == "" {
		return e, errors.New("no user id")
	}
	var err error
	if e.Start, err = time.Parse(time.RFC3339, w.TimeInterval.Start); err != nil {
		return e, fmt.Errorf("timeInterval.start: %w", err)
	}
	if w.TimeInterval.End != nil && *w.TimeInterval.End != "" {
		if e.End, err = time.Parse(time.RFC3339, *w.TimeInterval.End); err != nil {
			return e, fmt.Errorf("timeInterval.end: %w", err)
		}
	}
	return e, nil
}

// request converts a time-off payload.
func (w wireTimeOff) request() (store.TimeOff, error) {
	r := store.TimeOff{ID: w.ID, UserID: w.UserID, PolicyName: w.PolicyName, Status: w.Status.StatusType,
		Unit: w.TimeUnit, HalfDay: w.TimeOffPeriod.HalfDay}
	if r.ID == "" || r.UserID == "" {
		return r, errors.New("no request or user id")
	}
	if r.Unit == "" {
		r.Unit = "DAYS"
	}
	var err error
	if r.Start, err = time.Parse(time.RFC3339, w.TimeOffPeriod.Period.Start); err != nil {
		return r, fmt.Errorf("timeOffPeriod.period.start: %w", err)
	}
	if r.End, err = time.Parse(time.RFC3339, w.TimeOffPeriod.Period.End); err != nil {
		return r, fmt.Errorf("timeOffPeriod.period.end: %w", err)
	}
	return r, nil
}
