package weekly

import "github.com/clockbot/clockbot/store"

// Reasons a week is reported, in the order they sort.
const (
	// ReasonDayOff means a working day ended with no regular time logged
	// and neither a holiday nor a full day of approved time off.
	ReasonDayOff = "day_off"
	// ReasonTimeOff means approved time off covers a working day.
	ReasonTimeOff = "time_off"
	// ReasonUnderHours means the hours are more than a minute below target.
	ReasonUnderHours = "under_hours"
)

// Person is one user to evaluate with their own settings.
type Person struct {
	User store.User
	// TargetHours overrides Params.MinHours for this person when not nil.
	TargetHours *float64
	// Excluded people are evaluated but never flagged.
	Excluded bool
}

// Day is the regular hours logged on one local calendar day.
type Day struct {
	Date  string  `json:"date"` // "2026-11-09"
	Hours float64 `json:"hours"`
}

// HolidayDay is a working day that is a holiday for the person. Name lists
// every applying holiday's name, comma-separated, when several fall on the
// same day.
type HolidayDay struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

// TimeOffDay is the approved time off on one working day, in days (at most
// 1). Hours is set when all of it was asked for in hours (Clockify's HOURS
// unit), so that it can be shown as asked: 3 h rather than 0.38 days.
// Policy lists the policies involved, comma-separated.
type TimeOffDay struct {
	Date   string  `json:"date"`
	Days   float64 `json:"days"`
	Hours  float64 `json:"hours,omitempty"`
	Policy string  `json:"policy"`
}

// ProjectHours is the regular time of one project in the week. ProjectID
// is "" for entries without a project.
type ProjectHours struct {
	ProjectID string
	Hours     float64
	Billable  float64
}

// Result is the evaluation of one person's week. Hours and days are
// rounded to 2 decimals.
type Result struct {
	UserID   string
	Email    string
	Name     string
	TimeZone string // the IANA zone the week was evaluated in

	Hours       float64
	TargetHours float64
	Flagged     bool
	Excluded    bool
	Reasons     []string // sorted, no duplicates; nil when none

	Days     []Day        // always 7, Monday to Sunday
	DaysOff  []string     // dates of the day_off days
	Holidays []HolidayDay // holidays on working days
	TimeOff  []TimeOffDay // time off on working days that are not holidays

	// Projects holds the regular hours per project, most hours first, then
	// by project id.
	Projects      []ProjectHours
	BillableHours float64
}
