package clockifytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The wire structs below follow the live Clockify API: the OpenAPI document
// (clockify-v1.openapi.json) plus the differences listed in the reference
// README. They are deliberately independent of package clockify.

// wireTimeLayout is how Clockify writes instants: RFC 3339 in UTC with "Z".
const wireTimeLayout = "2006-01-02T15:04:05Z"

func wireTime(t time.Time) string { return t.UTC().Format(wireTimeLayout) }

// isoDuration formats d the way Clockify (java.time.Duration) does:
// "PT1H30M", "PT45S", "PT0S"; hours are never folded into days.
func isoDuration(d time.Duration) string {
	secs := int64(d / time.Second)
	if secs == 0 {
		return "PT0S"
	}
	var b strings.Builder
	b.WriteString("PT")
	if secs < 0 {
		b.WriteString("-")
		secs = -secs
	}
	if h := secs / 3600; h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m := secs % 3600 / 60; m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s := secs % 60; s > 0 {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

// wireError is Clockify's error body.
type wireError struct {
	Message string `json:"message"`
	Code    int    `json:"code"`
}

type wireRate struct {
	Amount   int    `json:"amount"`
	Currency string `json:"currency"`
}

// wireMembership is MembershipDtoV1.
type wireMembership struct {
	UserID           string    `json:"userId"`
	HourlyRate       *wireRate `json:"hourlyRate"`
	CostRate         *wireRate `json:"costRate"`
	TargetID         string    `json:"targetId"`
	MembershipType   string    `json:"membershipType"`
	MembershipStatus string    `json:"membershipStatus"`
}

// wireUserSettings is the part of UserSettingsDtoV1 the fake fills in.
type wireUserSettings struct {
	WeekStart  string `json:"weekStart"`
	TimeZone   string `json:"timeZone"`
	TimeFormat string `json:"timeFormat"`
	DateFormat string `json:"dateFormat"`
	Lang       string `json:"lang"`
}

// wireUser is UserDtoV1; settings is null for users who have not finished
// onboarding.
type wireUser struct {
	ID               string            `json:"id"`
	Email            string            `json:"email"`
	Name             string            `json:"name"`
	Memberships      []wireMembership  `json:"memberships"`
	ProfilePicture   string            `json:"profilePicture"`
	ActiveWorkspace  string            `json:"activeWorkspace"`
	DefaultWorkspace string            `json:"defaultWorkspace"`
	Settings         *wireUserSettings `json:"settings"`
	Status           string            `json:"status"`
	CustomFields     []any             `json:"customFields"`
	// Roles is sent only when the users list is asked with
	// include-roles=true (its shape is not in the document).
	// A json.RawMessage set with SetRawRoles replaces the []wireRole.
	Roles any `json:"roles,omitempty"`
}

// wireRole is one role of a user: its name and the entities it applies to
// (for TEAM_MANAGER, the users managed).
type wireRole struct {
	Role     string           `json:"role"`
	Entities []wireRoleEntity `json:"entities"`
}

// wireRoleEntity is an entity of a role.
type wireRoleEntity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// wireWorkspaceSettings is the part of WorkspaceSettingsDtoV1 the fake fills.
type wireWorkspaceSettings struct {
	ForceProjects bool `json:"forceProjects"`
}

// wireWorkspace is WorkspaceDtoV1.
type wireWorkspace struct {
	ID                string                `json:"id"`
	Name              string                `json:"name"`
	HourlyRate        wireRate              `json:"hourlyRate"`
	Memberships       []wireMembership      `json:"memberships"`
	WorkspaceSettings wireWorkspaceSettings `json:"workspaceSettings"`
	ImageURL          string                `json:"imageUrl"`
	// FeatureSubscriptionType and Features are the plan, as the live API
	// sends them: a plan name and a list of feature names (planOf).
	FeatureSubscriptionType string   `json:"featureSubscriptionType"`
	Features                []string `json:"features"`
}

// wireProject is ProjectDtoV1; clientId and clientName are filled when the
// request asks for hydrated projects.
type wireProject struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	HourlyRate  *wireRate `json:"hourlyRate"`
	ClientID    string    `json:"clientId,omitempty"`
	ClientName  string    `json:"clientName,omitempty"`
	WorkspaceID string    `json:"workspaceId"`
	Billable    bool      `json:"billable"`
	Color       string    `json:"color"`
	Archived    bool      `json:"archived"`
	Duration    string    `json:"duration"`
	Note        string    `json:"note"`
	Template    bool      `json:"template"`
	Public      bool      `json:"public"`
}

type wireRedactedUser struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// wireGroup is UserGroupDtoV1; teamManagers only with includeTeamManagers.
type wireGroup struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	WorkspaceID  string             `json:"workspaceId"`
	UserIDs      []string           `json:"userIds"`
	TeamManagers []wireRedactedUser `json:"teamManagers,omitempty"`
}

// wireTimeInterval is TimeIntervalDtoV1 as the live API sends it: end and
// duration are null while the timer runs, duration is ISO-8601.
type wireTimeInterval struct {
	Start    string  `json:"start"`
	End      *string `json:"end"`
	Duration *string `json:"duration"`
}

// wireTimeEntry is TimeEntryWithRatesDtoV1 / TimeEntryDtoImplV1.
type wireTimeEntry struct {
	ID                string           `json:"id"`
	Description       string           `json:"description"`
	TagIDs            []string         `json:"tagIds"`
	UserID            string           `json:"userId"`
	Billable          bool             `json:"billable"`
	TaskID            *string          `json:"taskId"`
	ProjectID         *string          `json:"projectId"`
	WorkspaceID       string           `json:"workspaceId"`
	TimeInterval      wireTimeInterval `json:"timeInterval"`
	CustomFieldValues []any            `json:"customFieldValues"`
	Type              string           `json:"type"`
	KioskID           *string          `json:"kioskId"`
	HourlyRate        *wireRate        `json:"hourlyRate"`
	CostRate          *wireRate        `json:"costRate"`
	IsLocked          bool             `json:"isLocked"`
}

func toWireEntry(wsID string, e *Entry) wireTimeEntry {
	w := wireTimeEntry{
		ID: e.ID, Description: e.Description, TagIDs: []string{}, UserID: e.UserID,
		Billable: e.Billable, WorkspaceID: wsID, CustomFieldValues: []any{}, Type: e.Type,
		TimeInterval: wireTimeInterval{Start: wireTime(e.Start)},
	}
	if e.ProjectID != "" {
		p := e.ProjectID
		w.ProjectID = &p
	}
	if e.End != nil {
		end, d := wireTime(*e.End), isoDuration(e.End.Sub(e.Start))
		w.TimeInterval.End, w.TimeInterval.Duration = &end, &d
	}
	return w
}

// wireCreateEntry is CreateTimeEntryRequest.
type wireCreateEntry struct {
	Start       string   `json:"start"`
	End         string   `json:"end"`
	Billable    *bool    `json:"billable"`
	Description string   `json:"description"`
	ProjectID   string   `json:"projectId"`
	TaskID      string   `json:"taskId"`
	TagIDs      []string `json:"tagIds"`
	Type        string   `json:"type"`
}

// wireStopEntry is StopTimeEntryRequest.
type wireStopEntry struct {
	End string `json:"end"`
}

type wireDatePeriod struct {
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

// wireHoliday is HolidayDtoV1.
type wireHoliday struct {
	ID                         string         `json:"id"`
	Name                       string         `json:"name"`
	WorkspaceID                string         `json:"workspaceId"`
	DatePeriod                 wireDatePeriod `json:"datePeriod"`
	OccursAnnually             bool           `json:"occursAnnually"`
	EveryoneIncludingNew       bool           `json:"everyoneIncludingNew"`
	UserIDs                    []string       `json:"userIds"`
	UserGroupIDs               []string       `json:"userGroupIds"`
	AutomaticTimeEntryCreation bool           `json:"automaticTimeEntryCreation"`
	ProjectID                  *string        `json:"projectId"`
	TaskID                     *string        `json:"taskId"`
}

// wireError writes a Clockify error whose code is the HTTP status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeErrorCode(w, status, msg, status)
}

func writeErrorCode(w http.ResponseWriter, status int, msg string, code int) {
	writeJSON(w, status, wireError{Message: msg, Code: code})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeBody reads a JSON request body into v; unknown fields are allowed,
// as Clockify ignores them.
func decodeBody(r *http.Request, v any) error {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		return fmt.Errorf("decode request body: %w", err)
	}
	return nil
}
