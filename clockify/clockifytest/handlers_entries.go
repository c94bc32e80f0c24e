package clockifytest

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Clockify's messages for rejected time-entry requests.
const (
	msgNotMember       = "User doesn't belong to Workspace"
	msgNoSuchProject   = "Project doesn't belong to Workspace"
	msgArchived        = "Project is archived"
	msgProjectRequired = "Project is required"
	msgEndBeforeStart  = "Start time must be before end time"
	// maxDescription is the document's maxLength of a time entry's
	// description (CreateTimeEntryRequest).
	maxDescription = 3000
	msgNotRunning  = "Currently running time entry doesn't exist"
	// msgLocked is the live API's answer to an entry in a locked period
	// (LockEntriesBefore).
	msgLocked = "Can't create time entry. Time entries before the lock date are locked"
)

// wallClockIn reads t's date and clock as a time in loc, ignoring t's own
// offset: the live API applies the user time-entries filters in the
// account's time zone.
func wallClockIn(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

func (s *Server) handleUserEntries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q, 50, maxPageSize)
	var start, end time.Time
	if v := q.Get("start"); err == nil && v != "" {
		start, err = parseInstant("start", v)
	}
	if v := q.Get("end"); err == nil && v != "" {
		end, err = parseInstant("end", v)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	inProgress := q.Get("in-progress") == "true"
	project, desc := q.Get("project"), strings.ToLower(q.Get("description"))
	s.view(w, r, func(ws *workspace) func() {
		userID := r.PathValue("userId")
		if _, ok := ws.users[userID]; !ok {
			return func() { writeError(w, http.StatusBadRequest, msgNotMember) }
		}
		all := ws.byUser[userID]
		if inProgress {
			all = nil
			if e, ok := ws.running[userID]; ok {
				all = []*Entry{e}
			}
		}
		loc := s.zones.get(s.st.ownerZone())
		lo, hi := 0, len(all)
		if !start.IsZero() {
			lo = searchStart(all, wallClockIn(start, loc))
		}
		if !end.IsZero() {
			hi = max(lo, searchAfter(all, wallClockIn(end, loc)))
		}
		var es []*Entry
		for i := hi - 1; i >= lo; i-- { // newest first
			e := all[i]
			if project != "" && e.ProjectID != project || desc != "" && !strings.Contains(strings.ToLower(e.Description), desc) {
				continue
			}
			es = append(es, e)
		}
		pg, last := slicePage(es, p)
		out := make([]wireTimeEntry, len(pg))
		for i, e := range pg {
			out[i] = toWireEntry(ws.id, e)
		}
		return func() { writePage(w, r, out, last) }
	})
}

// parseCreate validates a create request that does not need the state.
func parseCreate(body wireCreateEntry, now time.Time) (Entry, error) {
	e := Entry{Description: body.Description, ProjectID: body.ProjectID, Type: body.Type, Start: now}
	if n := utf8.RuneCountInString(body.Description); n > maxDescription {
		return e, fmt.Errorf("description: size must be between 0 and %d, got %d characters", maxDescription, n)
	}
	var err error
	if body.Start != "" {
		if e.Start, err = parseInstant("start", body.Start); err != nil {
			return e, err
		}
	}
	if body.End != "" {
		end, err := parseInstant("end", body.End)
		if err != nil {
			return e, err
		}
		// The document wants a finished entry to end after it starts; the
		// live API answers "Start datetime ... is greater than end
		// datetime" otherwise.
		if !end.After(e.Start) {
			return e, errors.New(msgEndBeforeStart)
		}
		e.End = &end
	}
	switch e.Type {
	case "":
		e.Type = "REGULAR"
	case "REGULAR", "BREAK":
	default:
		return e, fmt.Errorf("type must be REGULAR or BREAK, got %q", body.Type)
	}
	return e, nil
}

func (s *Server) handleCreateEntry(w http.ResponseWriter, r *http.Request) {
	var body wireCreateEntry
	err := decodeBody(r, &body)
	var e Entry
	if err == nil {
		e, err = parseCreate(body, s.now())
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.update(w, r, func(ws *workspace) func() {
		e.UserID = r.PathValue("userId")
		if _, ok := ws.users[e.UserID]; !ok {
			return func() { writeError(w, http.StatusBadRequest, msgNotMember) }
		}
		if !ws.lockedBefore.IsZero() && e.Start.Before(ws.lockedBefore) {
			return func() { writeError(w, http.StatusBadRequest, msgLocked) }
		}
		if e.ProjectID != "" {
			pr, ok := ws.projects[e.ProjectID]
			switch {
			case !ok:
				return func() { writeError(w, http.StatusBadRequest, msgNoSuchProject) }
			case pr.Archived:
				return func() { writeError(w, http.StatusBadRequest, msgArchived) }
			}
			e.Billable = pr.Billable
		} else if ws.requireProject && e.Type != "BREAK" {
			return func() { writeError(w, http.StatusBadRequest, msgProjectRequired) }
		}
		if body.Billable != nil {
			e.Billable = *body.Billable
		}
		e.ID = s.st.newID("te")
		stored := normalizeEntry(e)
		ws.saveEntry(stored, false)
		out := toWireEntry(ws.id, stored)
		ds := s.entryEvent(ws, newEntryEvent(stored), stored)
		return func() {
			s.deliver(ds)
			writeJSON(w, http.StatusCreated, out)
		}
	})
}

func (s *Server) handleStopTimer(w http.ResponseWriter, r *http.Request) {
	var body wireStopEntry
	err := decodeBody(r, &body)
	if err == nil && body.End == "" {
		err = errors.New("end: must not be null")
	}
	var end time.Time
	if err == nil {
		end, err = parseInstant("end", body.End)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	end = end.UTC().Truncate(time.Second)
	s.update(w, r, func(ws *workspace) func() {
		userID := r.PathValue("userId")
		if _, ok := ws.users[userID]; !ok {
			return func() { writeError(w, http.StatusBadRequest, msgNotMember) }
		}
		running, ok := ws.running[userID]
		switch {
		case !ok:
			return func() { writeError(w, http.StatusNotFound, msgNotRunning) }
		case end.Before(running.Start):
			return func() { writeError(w, http.StatusBadRequest, msgEndBeforeStart) }
		}
		stopped, _ := ws.stopRunning(userID, end)
		out := toWireEntry(ws.id, stopped)
		ds := s.entryEvent(ws, "TIMER_STOPPED", stopped)
		return func() {
			s.deliver(ds)
			writeJSON(w, http.StatusOK, out)
		}
	})
}

func (s *Server) handleInProgress(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r.URL.Query(), 10, maxInProgressPageSize)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.view(w, r, func(ws *workspace) func() {
		es := make([]*Entry, 0, len(ws.running))
		for _, e := range ws.running {
			es = append(es, e)
		}
		slices.SortFunc(es, func(a, b *Entry) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID)) })
		pg, last := slicePage(es, p)
		out := make([]wireTimeEntry, len(pg))
		for i, e := range pg {
			out[i] = toWireEntry(ws.id, e)
		}
		return func() { writePage(w, r, out, last) }
	})
}
