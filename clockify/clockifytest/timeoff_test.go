package clockifytest

import (
	"net/http"
	"testing"
)

func TestHolidaysInPeriod(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com"})
	s.AddGroup(Group{ID: "g1", Name: "Berlin", UserIDs: []string{"u2"}})
	s.AddHoliday(Holiday{ID: "xmas", Name: "Christmas", StartDate: "2020-12-25", EndDate: "2020-12-26", OccursAnnually: true, Everyone: true})
	s.AddHoliday(Holiday{ID: "nye", Name: "New Year", StartDate: "2020-12-31", EndDate: "2021-01-01", OccursAnnually: true, Everyone: true})
	s.AddHoliday(Holiday{ID: "offsite", Name: "Offsite", StartDate: "2026-11-18", UserIDs: []string{"u1"}})
	s.AddHoliday(Holiday{ID: "local", Name: "Local day", StartDate: "2026-11-20", EndDate: "2026-11-20", GroupIDs: []string{"g1"}})
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"one week", "start=2026-11-16T00:00:00Z&end=2026-11-22T23:59:59Z&assigned-to=u1", []string{"offsite"}},
		{"overlap on the last day", "start=2026-11-20T23:00:00Z&end=2026-11-25T00:00:00Z&assigned-to=u2", []string{"local"}},
		{"annual in a later year", "start=2026-12-26T00:00:00Z&end=2026-12-27T00:00:00Z&assigned-to=u1", []string{"xmas"}},
		{"annual across new year", "start=2027-01-01T00:00:00Z&end=2027-01-01T12:00:00Z&assigned-to=u2", []string{"nye"}},
		{"assigned directly", "start=2026-11-16T00:00:00Z&end=2026-11-22T00:00:00Z&assigned-to=u1", []string{"offsite"}},
		{"assigned through a group", "start=2026-11-16T00:00:00Z&end=2026-11-22T00:00:00Z&assigned-to=u2", []string{"local"}},
		{"nothing", "start=2026-11-01T00:00:00Z&end=2026-11-02T00:00:00Z&assigned-to=u1", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, s, "GET", "/api/v1/workspaces/ws-1/holidays/in-period?"+tc.query, nil).objects(t)
			assertEqual(t, "holidays", ids(got), tc.want)
		})
	}
	t.Run("wire shape", func(t *testing.T) {
		got := call(t, s, "GET", "/api/v1/workspaces/ws-1/holidays/in-period?start=2026-12-25T00:00:00Z&end=2026-12-25T23:59:59Z&assigned-to=u1", nil).objects(t)
		assertEqual(t, "date period", got[0]["datePeriod"], any(map[string]any{"startDate": "2026-12-25", "endDate": "2026-12-26"}))
		assertEqual(t, "everyone", got[0]["everyoneIncludingNew"], any(true))
		assertEqual(t, "user ids", got[0]["userIds"], any([]any{}))
	})
	for _, q := range []string{"", "start=2026-11-16T00:00:00Z&assigned-to=u1", "start=monday&end=2026-11-22T00:00:00Z&assigned-to=u1",
		"start=2026-11-22T00:00:00Z&end=2026-11-16T00:00:00Z&assigned-to=u1",
		// The document requires assigned-to: the workspace-wide form the
		// client once sent is refused.
		"start=2026-11-16T00:00:00Z&end=2026-11-22T23:59:59Z"} {
		t.Run("rejects "+q, func(t *testing.T) {
			call(t, s, "GET", "/api/v1/workspaces/ws-1/holidays/in-period?"+q, nil).wantError(t, http.StatusBadRequest, "")
		})
	}
}

// TestHolidays checks getHolidays: every holiday with its stored dates (an
// annual holiday keeps its first year), optionally those of one user.
func TestHolidays(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com"})
	s.AddHoliday(Holiday{ID: "may", Name: "May Day", StartDate: "2019-05-01", EndDate: "2019-05-01", OccursAnnually: true, Everyone: true})
	s.AddHoliday(Holiday{ID: "offsite", Name: "Offsite", StartDate: "2026-11-18", UserIDs: []string{"u1"}})
	all := call(t, s, "GET", "/api/v1/workspaces/ws-1/holidays", nil).objects(t)
	assertEqual(t, "holidays", ids(all), []string{"may", "offsite"})
	assertEqual(t, "annual keeps its first year", all[0]["datePeriod"], any(map[string]any{"startDate": "2019-05-01", "endDate": "2019-05-01"}))
	assertEqual(t, "one-day end date", all[1]["datePeriod"], any(map[string]any{"startDate": "2026-11-18", "endDate": "2026-11-18"}))
	assertEqual(t, "assigned to u2", ids(call(t, s, "GET", "/api/v1/workspaces/ws-1/holidays?assigned-to=u2", nil).objects(t)), []string{"may"})
}

func TestTimeOffRequests(t *testing.T) {
	s := NewTB(t)
	s.AddUser(User{ID: "u1", Email: "ann@example.com", Name: "Ann", TimeZone: "Europe/Berlin"})
	s.AddUser(User{ID: "u2", Email: "bob@example.com", Name: "Bob"})
	s.AddGroup(Group{ID: "g1", Name: "Team", UserIDs: []string{"u2"}})
	s.AddTimeOff(TimeOff{ID: "vac", UserID: "u1", PolicyName: "Vacation", Start: day(16, 0, 0), End: day(20, 23, 59)})
	s.AddTimeOff(TimeOff{ID: "sick", UserID: "u2", PolicyName: "Sick", Status: "PENDING", HalfDay: true, Start: day(18, 8, 0), End: day(18, 12, 0)})
	s.AddTimeOff(TimeOff{ID: "doc", UserID: "u2", PolicyName: "Doctor", Status: "REJECTED", Unit: "HOURS", Start: day(24, 9, 0), End: day(24, 11, 0)})
	const path = "/api/v1/workspaces/ws-1/time-off/requests"
	type list struct {
		Count    int              `json:"count"`
		Requests []map[string]any `json:"requests"`
	}
	for _, tc := range []struct {
		name      string
		body      map[string]any
		wantCount int
		want      []string
	}{
		{"all", map[string]any{}, 3, []string{"vac", "sick", "doc"}},
		{"overlapping the period", map[string]any{"start": "2026-11-20T00:00:00.000Z", "end": "2026-11-30T00:00:00.000Z"}, 2, []string{"vac", "doc"}},
		{"statuses", map[string]any{"statuses": []string{"APPROVED", "PENDING"}}, 2, []string{"vac", "sick"}},
		{"users", map[string]any{"users": []string{"u2"}}, 2, []string{"sick", "doc"}},
		{"user groups", map[string]any{"userGroups": []string{"g1"}, "statuses": []string{"ALL"}}, 2, []string{"sick", "doc"}},
		{"paged: count is the total", map[string]any{"page": 2, "pageSize": 2}, 3, []string{"doc"}},
		{"max page size", map[string]any{"pageSize": 200}, 3, []string{"vac", "sick", "doc"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got list
			call(t, s, "POST", path, tc.body).decode(t, &got)
			if got.Count != tc.wantCount {
				t.Errorf("count = %d, want %d", got.Count, tc.wantCount)
			}
			assertEqual(t, "requests", ids(got.Requests), tc.want)
		})
	}
	t.Run("wire shape", func(t *testing.T) {
		var got list
		call(t, s, "POST", path, map[string]any{"users": []string{"u1"}}).decode(t, &got)
		r := got.Requests[0]
		assertEqual(t, "status type", r["status"].(map[string]any)["statusType"], any("APPROVED"))
		assertEqual(t, "period", r["timeOffPeriod"].(map[string]any)["period"], any(map[string]any{"start": "2026-11-16T00:00:00Z", "end": "2026-11-20T23:59:00Z"}))
		for k, v := range map[string]any{"userId": "u1", "userEmail": "ann@example.com", "userTimeZone": "Europe/Berlin", "policyName": "Vacation", "timeUnit": "DAYS", "balanceDiff": float64(5)} {
			assertEqual(t, k, r[k], v)
		}
	})
	for _, tc := range []struct {
		name string
		body any
	}{
		{"page size over 200", map[string]any{"pageSize": 201}},
		{"page 0", map[string]any{"page": 0}},
		{"bad status", map[string]any{"statuses": []string{"MAYBE"}}},
		{"bad start", map[string]any{"start": "monday"}},
		{"not json", "["},
	} {
		t.Run("rejects "+tc.name, func(t *testing.T) {
			call(t, s, "POST", path, tc.body).wantError(t, http.StatusBadRequest, "")
		})
	}
}
