package timeclock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clockbot/clockbot/store"
)

// ErrIgnored reports an event or activity type clockbot does not follow.
var ErrIgnored = errors.New("time-clock event not followed")

// deletions are the events that carry only timeActivityId and remove it.
var deletions = map[string]bool{
	"admin_delete": true, "admin_approved_delete_request": true,
	"auto_approved_delete_request": true, "admin_declined_request": true,
}

// timeOffApprovals are the events that make a time off count.
var timeOffApprovals = map[string]bool{
	"admin_add": true, "admin_approved_add_request": true, "auto_approved_add_request": true,
}

// known reports whether eventType is one of the documented events:
// clock_in, clock_out, auto_clock_out, admin_add, admin_edit, admin_delete,
// admin_approved_*_request, auto_approved_*_request, admin_declined_request.
func known(eventType string) bool {
	switch eventType {
	case "clock_in", "clock_out", "auto_clock_out", "admin_add", "admin_edit", "admin_delete", "admin_declined_request":
		return true
	}
	for _, p := range []string{"admin_approved_", "auto_approved_"} {
		if rest, ok := strings.CutPrefix(eventType, p); ok && strings.HasSuffix(rest, "_request") && len(rest) > len("_request") {
			return true
		}
	}
	return false
}

// Event is one parsed delivery: an activity to store, or the id of one to
// delete.
type Event struct {
	EventType, ActivityType string
	UserID                  int64
	Activity                store.TimeClockActivity
	Delete                  string
}

type wireInstant struct {
	Timestamp *int64 `json:"timestamp"`
	Timezone  string `json:"timezone"`
}

type wireEvent struct {
	UserID         *int64 `json:"userId"`
	TimeClockID    int64  `json:"timeClockId"`
	ActivityType   string `json:"activityType"`
	EventType      string `json:"eventType"`
	TimeActivityID string `json:"timeActivityId"`
	TimeActivity   *struct {
		ID       string       `json:"id"`
		Start    *wireInstant `json:"start"`
		End      *wireInstant `json:"end"`
		IsAllDay bool         `json:"isAllDay"`
	} `json:"timeActivity"`
}

// Parse parses a time activity webhook body. Unknown event or activity
// types give ErrIgnored; a time off that is not approved is ignored too.
func Parse(body []byte) (Event, error) {
	var w wireEvent
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&w); err != nil {
		return Event{}, fmt.Errorf("decode time activity: %w", err)
	}
	ev := Event{EventType: w.EventType, ActivityType: w.ActivityType}
	if w.EventType == "" || w.ActivityType == "" {
		return ev, errors.New("eventType and activityType are required")
	}
	if !known(w.EventType) {
		return ev, ErrIgnored
	}
	switch w.ActivityType {
	case store.ActivityShift, store.ActivityManualBreak, store.ActivityTimeOff:
	default:
		return ev, ErrIgnored
	}
	if w.UserID == nil {
		return ev, errors.New("userId (a number) is required")
	}
	ev.UserID = *w.UserID
	if deletions[w.EventType] {
		if w.TimeActivityID == "" {
			return ev, fmt.Errorf("%s needs timeActivityId", w.EventType)
		}
		ev.Delete = w.TimeActivityID
		return ev, nil
	}
	if w.ActivityType == store.ActivityTimeOff && !timeOffApprovals[w.EventType] {
		return ev, ErrIgnored
	}
	ta := w.TimeActivity
	if ta == nil || ta.ID == "" || ta.Start == nil || ta.Start.Timestamp == nil {
		return ev, fmt.Errorf("%s needs timeActivity with id and start.timestamp", w.EventType)
	}
	a := store.TimeClockActivity{ID: ta.ID, UserID: ev.UserID, TimeClockID: w.TimeClockID, Type: w.ActivityType,
		Start: time.Unix(*ta.Start.Timestamp, 0).UTC(), TimeZone: ta.Start.Timezone, AllDay: ta.IsAllDay}
	if ta.End != nil && ta.End.Timestamp != nil {
		a.End = time.Unix(*ta.End.Timestamp, 0).UTC()
		if a.End.Before(a.Start) {
			return ev, errors.New("timeActivity ends before it starts")
		}
	}
	if a.TimeZone != "" {
		if _, err := time.LoadLocation(a.TimeZone); err != nil {
			return ev, fmt.Errorf("timeActivity.start.timezone %q: %w", a.TimeZone, err)
		}
	}
	if a.Type == store.ActivityTimeOff && a.End.IsZero() {
		return ev, errors.New("a time off needs an end")
	}
	ev.Activity = a
	return ev, nil
}
