package clockify

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin without the system's zoneinfo
)

var (
	cet       = time.FixedZone("CET", 3600)
	weekStart = time.Date(2025, 3, 3, 1, 0, 0, 0, cet)  // 2025-03-03T00:00:00Z
	weekEnd   = time.Date(2025, 3, 10, 1, 0, 0, 0, cet) // 2025-03-10T00:00:00Z
)

func ptr[T any](v T) *T { return &v }

// TestEndpoints checks, for every method, the request the client sends
// (method, path, query, headers, body) and how it decodes the answer.
func TestEndpoints(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		call      func(c *Client) (any, error)
		status    int
		response  string
		wantMeth  string
		wantPath  string
		wantQuery url.Values
		wantBody  string // JSON, "" for no body
		want      any
	}{
		{
			name:     "CurrentUser with null settings",
			call:     func(c *Client) (any, error) { return c.CurrentUser(ctx) },
			response: `{"id":"u1","email":"ann@example.com","name":"Ann","status":"ACTIVE","settings":null}`,
			wantMeth: "GET", wantPath: "/api/v1/user", wantQuery: url.Values{},
			want: &User{ID: "u1", Email: "ann@example.com", Name: "Ann", Status: "ACTIVE"},
		},
		{
			name:     "Workspaces",
			call:     func(c *Client) (any, error) { return c.Workspaces(ctx) },
			response: `[{"id":"ws1","name":"Acme"},{"id":"ws2","name":"Beta"}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces", wantQuery: url.Values{},
			want: []Workspace{{ID: "ws1", Name: "Acme"}, {ID: "ws2", Name: "Beta"}},
		},
		{
			name: "WorkspaceUsers with status",
			call: func(c *Client) (any, error) {
				return c.WorkspaceUsers(ctx, "ws1", &UsersOptions{Status: "ACTIVE"})
			},
			response: `[{"id":"u1","email":"a@x","name":"A","status":"ACTIVE",
				"memberships":[{"userId":"u1","targetId":"ws1","membershipType":"WORKSPACE","membershipStatus":"ACTIVE"}],
				"settings":{"timeZone":"Europe/Berlin","weekStart":"MONDAY"}}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/users",
			wantQuery: url.Values{"memberships": {"WORKSPACE"}, "include-roles": {"true"}, "status": {"ACTIVE"}, "page": {"1"}, "page-size": {"5000"}},
			want: []User{{ID: "u1", Email: "a@x", Name: "A", Status: "ACTIVE",
				Memberships: []Membership{{UserID: "u1", TargetID: "ws1", MembershipType: "WORKSPACE", MembershipStatus: "ACTIVE"}},
				Settings:    &UserSettings{TimeZone: "Europe/Berlin", WeekStart: "MONDAY"}}},
		},
		{
			name:     "WorkspaceUsers nil options",
			call:     func(c *Client) (any, error) { return c.WorkspaceUsers(ctx, "ws1", nil) },
			response: `[]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/users",
			wantQuery: url.Values{"memberships": {"WORKSPACE"}, "include-roles": {"true"}, "page": {"1"}, "page-size": {"5000"}},
			want:      []User{},
		},
		{
			name: "Projects hydrated",
			call: func(c *Client) (any, error) {
				return c.Projects(ctx, "ws1", &ProjectsOptions{Archived: ptr(false), Name: "web", PageSize: 50})
			},
			response: `[{"id":"p1","name":"Website","clientId":"c1","clientName":"Acme","color":"#fff","archived":false,"billable":true}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/projects",
			wantQuery: url.Values{"hydrated": {"true"}, "archived": {"false"}, "name": {"web"}, "page": {"1"}, "page-size": {"50"}},
			want:      []Project{{ID: "p1", Name: "Website", ClientID: "c1", ClientName: "Acme", Color: "#fff", Billable: true}},
		},
		{
			name:     "Managers escapes ids",
			call:     func(c *Client) (any, error) { return c.Managers(ctx, "ws/1", "u 1") },
			response: `[{"id":"m1","email":"m@x","name":"M","status":"ACTIVE"}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws%2F1/users/u%201/managers",
			wantQuery: url.Values{"page": {"1"}, "page-size": {"5000"}},
			want:      []User{{ID: "m1", Email: "m@x", Name: "M", Status: "ACTIVE"}},
		},
		{
			name:     "UserGroups with team managers",
			call:     func(c *Client) (any, error) { return c.UserGroups(ctx, "ws1", nil) },
			response: `[{"id":"g1","name":"Dev","userIds":["u1","u2"],"teamManagers":[{"id":"m1","name":"M"}]}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/user-groups",
			wantQuery: url.Values{"includeTeamManagers": {"true"}, "page": {"1"}, "page-size": {"5000"}},
			want:      []UserGroup{{ID: "g1", Name: "Dev", UserIDs: []string{"u1", "u2"}, TeamManagers: []RedactedUser{{ID: "m1", Name: "M"}}}},
		},
		{
			name: "TimeEntries in progress",
			call: func(c *Client) (any, error) {
				return c.TimeEntries(ctx, "ws1", "u1", &TimeEntriesOptions{Start: weekStart, End: weekEnd, InProgress: true})
			},
			response: `[{"id":"e1","description":"coding","userId":"u1","projectId":"p1","billable":true,
				"timeInterval":{"start":"2025-03-04T08:00:00Z","end":null,"duration":null}}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/user/u1/time-entries",
			wantQuery: url.Values{"start": {"2025-03-03T00:00:00Z"}, "end": {"2025-03-10T00:00:00Z"},
				"in-progress": {"true"}, "page": {"1"}, "page-size": {"1000"}},
			want: []TimeEntry{{ID: "e1", Description: "coding", UserID: "u1", ProjectID: "p1", Billable: true,
				TimeInterval: TimeInterval{Start: time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC)}}},
		},
		{
			name: "InProgress page size capped at 1000",
			call: func(c *Client) (any, error) {
				return c.InProgress(ctx, "ws1", &ListOptions{PageSize: 5000})
			},
			response: `[{"id":"e2","userId":"u2","timeInterval":{"start":"2025-03-04T08:00:00Z","end":"2025-03-04T09:30:00Z","duration":"PT1H30M"}}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/time-entries/status/in-progress",
			wantQuery: url.Values{"page": {"1"}, "page-size": {"1000"}},
			want: []TimeEntry{{ID: "e2", UserID: "u2", TimeInterval: TimeInterval{
				Start: time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC), End: ptr(time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)), Duration: "PT1H30M"}}},
		},
		{
			name: "DetailedReport decodes _id and integer duration",
			call: func(c *Client) (any, error) {
				return c.DetailedReport(ctx, "ws1", DetailedReportOptions{Start: weekStart, End: weekEnd, UserIDs: []string{"u1", "u2"}})
			},
			response: `{"totals":[{"entriesCount":1,"totalTime":5400}],"timeentries":[{"_id":"r1","description":"d","userId":"u1",
				"userEmail":"a@x","userName":"A","projectId":"p1","projectName":"P","clientName":"C","billable":true,"type":"REGULAR",
				"timeInterval":{"start":"2025-03-04T08:00:00Z","end":"2025-03-04T09:30:00Z","duration":5400}}]}`,
			wantMeth: "POST", wantPath: "/reports/v1/workspaces/ws1/reports/detailed", wantQuery: url.Values{},
			wantBody: `{"dateRangeStart":"2025-03-03T00:00:00.000Z","dateRangeEnd":"2025-03-09T23:59:59.999Z","timeZone":"UTC",
				"detailedFilter":{"page":1,"pageSize":1000,"sortColumn":"ID"},"exportType":"JSON","amountShown":"HIDE_AMOUNT",
				"users":{"ids":["u1","u2"],"contains":"CONTAINS","status":"ALL"}}`,
			want: []ReportEntry{{ID: "r1", Description: "d", UserID: "u1", UserEmail: "a@x", UserName: "A", ProjectID: "p1",
				ProjectName: "P", ClientName: "C", Billable: true, Type: "REGULAR", TimeInterval: ReportInterval{
					Start: time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC), Duration: 5400}}},
		},
		{
			name: "DetailedReport in a named zone",
			call: func(c *Client) (any, error) {
				return c.DetailedReport(ctx, "ws1", DetailedReportOptions{Start: weekStart, End: weekEnd, TimeZone: "Europe/Berlin", PageSize: 10})
			},
			response: `{"timeentries":[],"totals":[null]}`,
			wantMeth: "POST", wantPath: "/reports/v1/workspaces/ws1/reports/detailed", wantQuery: url.Values{},
			wantBody: `{"dateRangeStart":"2025-03-03T01:00:00.000","dateRangeEnd":"2025-03-10T00:59:59.999","timeZone":"Europe/Berlin",
				"detailedFilter":{"page":1,"pageSize":10,"sortColumn":"ID"},"exportType":"JSON","amountShown":"HIDE_AMOUNT"}`,
			want: []ReportEntry{},
		},
		{
			name: "Holidays",
			call: func(c *Client) (any, error) {
				return c.Holidays(ctx, "ws1", &HolidaysOptions{AssignedTo: "u1"})
			},
			response: `[{"id":"h1","name":"Founders Day","datePeriod":{"startDate":"2025-03-05","endDate":"2025-03-05"},
				"occursAnnually":true,"everyoneIncludingNew":false,"userIds":["u1"],"userGroupIds":[]}]`,
			wantMeth: "GET", wantPath: "/api/v1/workspaces/ws1/holidays",
			wantQuery: url.Values{"assigned-to": {"u1"}},
			want: []Holiday{{ID: "h1", Name: "Founders Day", DatePeriod: DatePeriod{StartDate: "2025-03-05", EndDate: "2025-03-05"},
				OccursAnnually: true, UserIDs: []string{"u1"}, UserGroupIDs: []string{}}},
		},
		{
			name: "TimeOffRequests status object and half day",
			call: func(c *Client) (any, error) {
				return c.TimeOffRequests(ctx, "ws1", TimeOffOptions{Start: weekStart, End: weekEnd, Statuses: []string{"APPROVED"}, UserIDs: []string{"u1"}})
			},
			response: `{"count":1,"requests":[{"id":"t1","userId":"u1","userEmail":"a@x","userTimeZone":"Europe/Berlin",
				"policyId":"pol1","policyName":"Vacation","status":{"statusType":"APPROVED","changedByUserId":"m1"},
				"timeOffPeriod":{"period":{"start":"2025-03-05T00:00:00Z","end":"2025-03-05T12:00:00Z"},"halfDay":true,
				"halfDayPeriod":"FIRST_HALF","halfDayHours":{"start":"2025-03-05T08:00:00Z","end":"2025-03-05T12:00:00Z"}},
				"timeUnit":"DAYS","balanceDiff":0.5,"note":"dentist"}]}`,
			wantMeth: "POST", wantPath: "/api/v1/workspaces/ws1/time-off/requests", wantQuery: url.Values{},
			wantBody: `{"start":"2025-03-03T00:00:00.000Z","end":"2025-03-10T00:00:00.000Z","statuses":["APPROVED"],
				"users":["u1"],"page":1,"pageSize":200}`,
			want: []TimeOffRequest{{ID: "t1", UserID: "u1", UserEmail: "a@x", UserTimeZone: "Europe/Berlin", PolicyID: "pol1",
				PolicyName: "Vacation", Status: TimeOffStatus{StatusType: "APPROVED"}, TimeUnit: "DAYS", BalanceDiff: 0.5, Note: "dentist",
				TimeOffPeriod: TimeOffPeriod{
					Period:  Period{Start: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC)},
					HalfDay: true, HalfDayPeriod: "FIRST_HALF",
					HalfDayHours: &Period{Start: time.Date(2025, 3, 5, 8, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC)}}}},
		},
		{
			name: "StartTimer",
			call: func(c *Client) (any, error) {
				return c.StartTimer(ctx, "ws1", "u1", StartTimerRequest{Start: weekStart, ProjectID: "p1", Description: "standup", Billable: ptr(true)})
			},
			status:   http.StatusCreated,
			response: `{"id":"e9","description":"standup","userId":"u1","projectId":"p1","billable":true,"timeInterval":{"start":"2025-03-03T00:00:00Z","end":null,"duration":null}}`,
			wantMeth: "POST", wantPath: "/api/v1/workspaces/ws1/user/u1/time-entries", wantQuery: url.Values{},
			wantBody: `{"start":"2025-03-03T00:00:00Z","projectId":"p1","description":"standup","billable":true}`,
			want: &TimeEntry{ID: "e9", Description: "standup", UserID: "u1", ProjectID: "p1", Billable: true,
				TimeInterval: TimeInterval{Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}},
		},
		{
			name: "AddTimeEntry",
			call: func(c *Client) (any, error) {
				return c.AddTimeEntry(ctx, "ws1", "u1", NewTimeEntry{Start: weekStart, End: weekStart.Add(150 * time.Minute), ProjectID: "p1", Description: "review"})
			},
			status:   http.StatusCreated,
			response: `{"id":"e10","description":"review","userId":"u1","projectId":"p1","timeInterval":{"start":"2025-03-03T00:00:00Z","end":"2025-03-03T02:30:00Z","duration":"PT2H30M"}}`,
			wantMeth: "POST", wantPath: "/api/v1/workspaces/ws1/user/u1/time-entries", wantQuery: url.Values{},
			wantBody: `{"start":"2025-03-03T00:00:00Z","end":"2025-03-03T02:30:00Z","projectId":"p1","description":"review"}`,
			want: &TimeEntry{ID: "e10", Description: "review", UserID: "u1", ProjectID: "p1",
				TimeInterval: TimeInterval{Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), End: ptr(time.Date(2025, 3, 3, 2, 30, 0, 0, time.UTC)), Duration: "PT2H30M"}},
		},
		{
			name:     "StopTimer",
			call:     func(c *Client) (any, error) { return c.StopTimer(ctx, "ws1", "u1", weekEnd) },
			response: `{"id":"e9","userId":"u1","timeInterval":{"start":"2025-03-03T00:00:00Z","end":"2025-03-10T00:00:00Z","duration":"P7D"}}`,
			wantMeth: "PATCH", wantPath: "/api/v1/workspaces/ws1/user/u1/time-entries", wantQuery: url.Values{},
			wantBody: `{"end":"2025-03-10T00:00:00Z"}`,
			want: &TimeEntry{ID: "e9", UserID: "u1", TimeInterval: TimeInterval{Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC),
				End: ptr(time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)), Duration: "P7D"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
				status := tt.status
				if status == 0 {
					status = http.StatusOK
				}
				writeJSON(w, status, tt.response)
			})
			c, _ := newTestClient(t, ts)
			got, err := tt.call(c)
			if err != nil {
				t.Fatalf("call error = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("result mismatch:\n got %#v\nwant %#v", got, tt.want)
			}
			reqs := ts.requests()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tt.wantMeth || r.Path != tt.wantPath {
				t.Errorf("got %s %s, want %s %s", r.Method, r.Path, tt.wantMeth, tt.wantPath)
			}
			q, _ := url.ParseQuery(r.Query)
			if !reflect.DeepEqual(q, tt.wantQuery) {
				t.Errorf("query mismatch: got %v, want %v", q, tt.wantQuery)
			}
			checkHeaders(t, r, tt.wantBody != "")
			switch {
			case tt.wantBody == "" && len(r.Body) != 0:
				t.Errorf("got body %s, want none", r.Body)
			case tt.wantBody != "" && !jsonEqual(t, r.Body, []byte(tt.wantBody)):
				t.Errorf("body mismatch:\n got %s\nwant %s", r.Body, tt.wantBody)
			}
			if got := c.Requests(); got != 1 {
				t.Errorf("Requests() = %d, want 1", got)
			}
		})
	}
}

// checkHeaders asserts the headers every request carries.
func checkHeaders(t *testing.T, r seen, withBody bool) {
	t.Helper()
	want := map[string]string{"X-Api-Key": testKey, "Accept": "application/json", "User-Agent": "clockbot"}
	if withBody {
		want["Content-Type"] = "application/json"
	}
	for k, v := range want {
		if got := r.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if !withBody && r.Header.Get("Content-Type") != "" {
		t.Errorf("Content-Type = %q on a request without body, want none", r.Header.Get("Content-Type"))
	}
}
