package clockifytest

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
)

const dateLayout = "2006-01-02"

// handleHolidaysInPeriod serves getHolidaysInPeriod: assigned-to, start
// and end are all required by the document, so one request covers one user.
func (s *Server) handleHolidaysInPeriod(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var start, end time.Time
	var err error
	switch {
	case q.Get("assigned-to") == "":
		err = errors.New("Required request parameter 'assigned-to' for method parameter type String is not present")
	case q.Get("start") == "" || q.Get("end") == "":
		err = errors.New("Required request parameters 'start' and 'end' are not present")
	default:
		start, err = parseInstant("start", q.Get("start"))
		if err == nil {
			end, err = parseInstant("end", q.Get("end"))
		}
		if err == nil && end.Before(start) {
			err = errors.New("start must not be after end")
		}
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	from, to := start.Format(dateLayout), end.Format(dateLayout)
	s.listHolidays(w, r, q.Get("assigned-to"), func(h *Holiday) (string, string, bool) { return holidayOccurrence(h, from, to) })
}

// handleHolidays serves getHolidays: every holiday of the workspace with its
// stored dates (an annual holiday keeps its first year), optionally only
// those of assigned-to. It is not paged.
func (s *Server) handleHolidays(w http.ResponseWriter, r *http.Request) {
	s.listHolidays(w, r, r.URL.Query().Get("assigned-to"), func(h *Holiday) (string, string, bool) {
		end := h.EndDate
		if end == "" {
			end = h.StartDate
		}
		return h.StartDate, end, true
	})
}

// listHolidays writes the holidays of the request's workspace that apply to
// assigned (all when empty) and that dates selects, with the dates it gives.
func (s *Server) listHolidays(w http.ResponseWriter, r *http.Request, assigned string, dates func(*Holiday) (string, string, bool)) {
	if s.timeOffDisabled {
		writeFeatureDisabled(w)
		return
	}
	s.view(w, r, func(ws *workspace) func() {
		var groups map[string]bool
		if assigned != "" {
			groups = ws.groupsOf(assigned)
		}
		out := []wireHoliday{}
		for _, h := range ws.holidaysSorted {
			if assigned != "" && !holidayApplies(h, assigned, groups) {
				continue
			}
			sd, ed, ok := dates(h)
			if !ok {
				continue
			}
			out = append(out, wireHoliday{
				ID: h.ID, Name: h.Name, WorkspaceID: ws.id,
				DatePeriod:     wireDatePeriod{StartDate: sd, EndDate: ed},
				OccursAnnually: h.OccursAnnually, EveryoneIncludingNew: h.Everyone,
				UserIDs: append([]string{}, h.UserIDs...), UserGroupIDs: append([]string{}, h.GroupIDs...),
			})
		}
		slices.SortStableFunc(out, func(a, b wireHoliday) int { return cmp.Compare(a.DatePeriod.StartDate, b.DatePeriod.StartDate) })
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

func holidayApplies(h *Holiday, userID string, groups map[string]bool) bool {
	if h.Everyone || slices.Contains(h.UserIDs, userID) {
		return true
	}
	return slices.ContainsFunc(h.GroupIDs, func(id string) bool { return groups[id] })
}

// holidayOccurrence returns the dates of h that overlap the inclusive date
// range [from, to]; an annual holiday is moved to the overlapping year.
func holidayOccurrence(h *Holiday, from, to string) (string, string, bool) {
	overlaps := func(sd, ed string) bool { return sd <= to && ed >= from }
	if !h.OccursAnnually {
		return h.StartDate, h.EndDate, overlaps(h.StartDate, h.EndDate)
	}
	sd, err1 := time.Parse(dateLayout, h.StartDate)
	ed, err2 := time.Parse(dateLayout, h.EndDate)
	f, _ := time.Parse(dateLayout, from)
	t, _ := time.Parse(dateLayout, to)
	if err1 != nil || err2 != nil {
		return h.StartDate, h.EndDate, overlaps(h.StartDate, h.EndDate)
	}
	span := ed.Year() - sd.Year()
	for y := f.Year() - span; y <= t.Year(); y++ {
		s := time.Date(y, sd.Month(), sd.Day(), 0, 0, 0, 0, time.UTC).Format(dateLayout)
		e := time.Date(y+span, ed.Month(), ed.Day(), 0, 0, 0, 0, time.UTC).Format(dateLayout)
		if overlaps(s, e) {
			return s, e, true
		}
	}
	return "", "", false
}

var timeOffStatuses = []string{"PENDING", "APPROVED", "REJECTED", "ALL"}

// parseTimeOffQuery validates the body of the time-off listing.
func parseTimeOffQuery(q wireTimeOffQuery) (p page, start, end time.Time, err error) {
	p = page{num: 1, size: 50}
	if q.Page != nil {
		if p.num = *q.Page; p.num < 1 || p.num > 1000 {
			return p, start, end, errors.New("page must be between 1 and 1000")
		}
	}
	if q.PageSize != nil {
		if p.size = *q.PageSize; p.size < 1 {
			return p, start, end, errors.New("pageSize must be greater than 0")
		}
	}
	if err := checkPageSize(p.size, maxTimeOffPageSize); err != nil {
		return p, start, end, err
	}
	for _, st := range q.Statuses {
		if !slices.Contains(timeOffStatuses, st) {
			return p, start, end, fmt.Errorf("statuses must be among %v, got %q", timeOffStatuses, st)
		}
	}
	if q.Start != "" {
		if start, err = parseInstant("start", q.Start); err != nil {
			return p, start, end, err
		}
	}
	if q.End != "" {
		if end, err = parseInstant("end", q.End); err != nil {
			return p, start, end, err
		}
	}
	return p, start, end, nil
}

func (s *Server) handleTimeOff(w http.ResponseWriter, r *http.Request) {
	if s.timeOffDisabled {
		writeFeatureDisabled(w)
		return
	}
	var q wireTimeOffQuery
	err := decodeBody(r, &q)
	var p page
	var start, end time.Time
	if err == nil {
		p, start, end, err = parseTimeOffQuery(q)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	allStatuses := len(q.Statuses) == 0 || slices.Contains(q.Statuses, "ALL")
	s.view(w, r, func(ws *workspace) func() {
		users := map[string]bool{}
		for _, id := range q.Users {
			users[id] = true
		}
		for _, gid := range q.UserGroups {
			if g, ok := ws.groups[gid]; ok {
				for _, id := range g.UserIDs {
					users[id] = true
				}
			}
		}
		filterUsers := len(q.Users)+len(q.UserGroups) > 0
		var matched []*TimeOff
		for _, t := range ws.timeOffSorted {
			if filterUsers && !users[t.UserID] ||
				!allStatuses && !slices.Contains(q.Statuses, t.Status) ||
				!start.IsZero() && t.End.Before(start) ||
				!end.IsZero() && t.Start.After(end) {
				continue
			}
			matched = append(matched, t)
		}
		pg, _ := slicePage(matched, p)
		out := wireTimeOffList{Count: len(matched), Requests: make([]wireTimeOffRequest, len(pg))}
		for i, t := range pg {
			out.Requests[i] = toWireTimeOff(ws, t)
		}
		out.Requests = shorten(r, out.Requests)
		return func() { writeJSON(w, http.StatusOK, out) }
	})
}

func toWireTimeOff(ws *workspace, t *TimeOff) wireTimeOffRequest {
	out := wireTimeOffRequest{
		ID: t.ID, WorkspaceID: ws.id, UserID: t.UserID, RequesterUserID: t.UserID,
		PolicyID: "policy-" + strings.ToLower(strings.Join(strings.Fields(t.PolicyName), "-")), PolicyName: t.PolicyName,
		Status: wireTimeOffStatus{StatusType: t.Status},
		TimeOffPeriod: wireTimeOffPeriod{
			Period:  wirePeriod{Start: wireTime(t.Start), End: wireTime(t.End)},
			HalfDay: t.HalfDay, HalfDayPeriod: "NOT_DEFINED",
		},
		TimeUnit: t.Unit, CreatedAt: wireTime(t.Start.AddDate(0, 0, -7)),
	}
	if u, ok := ws.users[t.UserID]; ok {
		out.UserName, out.UserEmail, out.RequesterUserName = u.Name, u.Email, u.Name
		if !u.NullSettings {
			out.UserTimeZone = u.TimeZone
		}
	}
	if t.HalfDay {
		out.TimeOffPeriod.HalfDayPeriod = "FIRST_HALF"
		out.TimeOffPeriod.HalfDayHours = &out.TimeOffPeriod.Period
	}
	if t.Status != "PENDING" {
		changed := wireTime(t.Start.AddDate(0, 0, -6))
		out.Status.ChangedAt = &changed
	}
	switch {
	case t.Unit == "HOURS":
		out.BalanceDiff = t.End.Sub(t.Start).Hours()
	case t.HalfDay:
		out.BalanceDiff = 0.5
	default:
		out.BalanceDiff = math.Ceil(t.End.Sub(t.Start).Hours() / 24)
	}
	return out
}
