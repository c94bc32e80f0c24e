package clockify

import (
	"encoding/json"
	"time"
)

// User is a Clockify user as returned by the user and workspace-users
// endpoints (UserDtoV1). Settings is nil for users who have not finished
// onboarding; use TimeZone to read the zone safely.
type User struct {
	ID          string        `json:"id"`
	Email       string        `json:"email"`
	Name        string        `json:"name"`
	Status      string        `json:"status"` // account status: ACTIVE, PENDING_EMAIL_VERIFICATION, ...
	Memberships []Membership  `json:"memberships,omitempty"`
	Settings    *UserSettings `json:"settings"`
	// Roles is the user's "roles" as received when the users list is asked
	// with include-roles=true. Its shape is not in the OpenAPI document, so
	// it is kept raw and read by ManagedUsers.
	Roles json.RawMessage `json:"roles,omitempty"`
}

// TimeZone returns the user's IANA time zone from their settings, or "" when
// settings are missing.
func (u User) TimeZone() string {
	if u.Settings == nil {
		return ""
	}
	return u.Settings.TimeZone
}

// MembershipStatus returns the status of the user's WORKSPACE membership for
// workspaceID, or "" when the response carried no such membership.
func (u User) MembershipStatus(workspaceID string) string {
	for _, m := range u.Memberships {
		if m.MembershipType == "WORKSPACE" && (workspaceID == "" || m.TargetID == workspaceID) {
			return m.MembershipStatus
		}
	}
	return ""
}

// Membership is one of a user's memberships (MembershipDtoV1).
type Membership struct {
	UserID           string `json:"userId"`
	TargetID         string `json:"targetId"`
	MembershipType   string `json:"membershipType"`   // WORKSPACE, PROJECT, USERGROUP
	MembershipStatus string `json:"membershipStatus"` // PENDING, ACTIVE, DECLINED, INACTIVE
}

// UserSettings holds the parts of UserSettingsDtoV1 clockbot uses.
type UserSettings struct {
	TimeZone  string `json:"timeZone"`
	WeekStart string `json:"weekStart,omitempty"`
}

// Workspace is a Clockify workspace (WorkspaceDtoV1).
type Workspace struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Subscription and FeatureList are the plan and its features as
	// Clockify sends them; read them with Plan and Features.
	Subscription json.RawMessage `json:"featureSubscriptionType,omitempty"`
	FeatureList  json.RawMessage `json:"features,omitempty"`
}

// Project is a Clockify project (ProjectDtoV1, hydrated with the client name).
type Project struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	ClientID   string `json:"clientId,omitempty"`
	ClientName string `json:"clientName,omitempty"`
	Color      string `json:"color,omitempty"`
	Archived   bool   `json:"archived"`
	Billable   bool   `json:"billable"`
}

// UserGroup is a Clockify user group with its members and, when requested,
// its team managers (UserGroupDtoV1).
type UserGroup struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	UserIDs      []string       `json:"userIds"`
	TeamManagers []RedactedUser `json:"teamManagers,omitempty"`
}

// RedactedUser is the short user form used inside groups (UserRedactedDtoV1).
type RedactedUser struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// TimeInterval is a time entry's interval. End is nil and Duration is empty
// while the timer runs. Duration is an ISO-8601 duration such as "PT1H30M";
// use ParseDuration to read it.
type TimeInterval struct {
	Start    time.Time  `json:"start"`
	End      *time.Time `json:"end"`
	Duration string     `json:"duration,omitempty"`
}

// TimeEntry is a time entry from the time-entry endpoints
// (TimeEntryWithRatesDtoV1 / TimeEntryDtoImplV1).
type TimeEntry struct {
	ID           string       `json:"id"`
	Description  string       `json:"description"`
	UserID       string       `json:"userId"`
	WorkspaceID  string       `json:"workspaceId,omitempty"`
	ProjectID    string       `json:"projectId,omitempty"`
	TaskID       string       `json:"taskId,omitempty"`
	Billable     bool         `json:"billable"`
	Type         string       `json:"type,omitempty"` // REGULAR, BREAK, HOLIDAY, TIME_OFF; empty means REGULAR
	TimeInterval TimeInterval `json:"timeInterval"`
}

// ReportEntry is one row of the detailed report. On the wire the report uses
// "_id" for the id and integer seconds for the duration (the OpenAPI document
// says otherwise; the live API is authoritative).
type ReportEntry struct {
	ID           string         `json:"_id"`
	Description  string         `json:"description"`
	UserID       string         `json:"userId"`
	UserEmail    string         `json:"userEmail,omitempty"`
	UserName     string         `json:"userName,omitempty"`
	ProjectID    string         `json:"projectId,omitempty"`
	ProjectName  string         `json:"projectName,omitempty"`
	ClientName   string         `json:"clientName,omitempty"`
	TaskID       string         `json:"taskId,omitempty"`
	Billable     bool           `json:"billable"`
	Type         string         `json:"type,omitempty"`
	TimeInterval ReportInterval `json:"timeInterval"`
}

// ReportInterval is the report's interval: RFC 3339 start and end, duration
// in seconds.
type ReportInterval struct {
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Duration int64     `json:"duration"`
}

// Holiday is a Clockify holiday (HolidayDtoV1). Dates are "YYYY-MM-DD".
type Holiday struct {
	ID                   string     `json:"id"`
	Name                 string     `json:"name"`
	DatePeriod           DatePeriod `json:"datePeriod"`
	OccursAnnually       bool       `json:"occursAnnually"`
	EveryoneIncludingNew bool       `json:"everyoneIncludingNew"`
	UserIDs              []string   `json:"userIds"`
	UserGroupIDs         []string   `json:"userGroupIds"`
}

// DatePeriod is an inclusive range of calendar dates, "YYYY-MM-DD".
type DatePeriod struct {
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

// TimeOffRequest is a time-off request (TimeOffRequestFullV1Dto).
type TimeOffRequest struct {
	ID            string        `json:"id"`
	UserID        string        `json:"userId"`
	UserEmail     string        `json:"userEmail,omitempty"`
	UserTimeZone  string        `json:"userTimeZone,omitempty"`
	PolicyID      string        `json:"policyId"`
	PolicyName    string        `json:"policyName"`
	Status        TimeOffStatus `json:"status"`
	TimeOffPeriod TimeOffPeriod `json:"timeOffPeriod"`
	TimeUnit      string        `json:"timeUnit"` // DAYS or HOURS
	BalanceDiff   float64       `json:"balanceDiff,omitempty"`
	Note          string        `json:"note,omitempty"`
}

// TimeOffStatus is the status object of a time-off request.
type TimeOffStatus struct {
	StatusType string `json:"statusType"` // PENDING, APPROVED, REJECTED
}

// TimeOffPeriod is the period a time-off request covers.
type TimeOffPeriod struct {
	Period        Period  `json:"period"`
	HalfDay       bool    `json:"halfDay"`
	HalfDayPeriod string  `json:"halfDayPeriod,omitempty"`
	HalfDayHours  *Period `json:"halfDayHours,omitempty"`
}

// Period is a start and end instant.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}
