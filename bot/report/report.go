package report

import (
	"time"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
	"github.com/clockbot/clockbot/store"
)

// Report is the weekly under-hours report of one ISO week, as printed by
// `clockbot report --json` and delivered on Mondays.
type Report struct {
	Week        string       `json:"week"` // "2026-W46"
	From        string       `json:"from"` // Monday, "2026-11-09"
	To          string       `json:"to"`   // Sunday, "2026-11-15"
	GeneratedAt time.Time    `json:"generatedAt"`
	Users       []UserReport `json:"users"` // sorted by email
	// DaysOffUnavailable is true when the last sync found holidays and time
	// off unavailable (the workspace lacks Clockify's paid Time off), so no
	// target was lowered for them.
	DaysOffUnavailable bool `json:"daysOffUnavailable,omitempty"`
}

// DaysOffUnavailableText is the one line the report message, the admin Home
// tab and the digest show when holidays and time off are unavailable.
const DaysOffUnavailableText = "Holidays and time off are not available in this Clockify workspace (Time off is a paid feature), so days off are not applied."

// UserReport is one person's week.
type UserReport struct {
	ClockifyUserID string              `json:"clockifyUserId"`
	Email          string              `json:"email"`
	Name           string              `json:"name"`
	SlackUserID    string              `json:"slackUserId"`
	TimeZone       string              `json:"timeZone"`
	Hours          float64             `json:"hours"`
	TargetHours    float64             `json:"targetHours"`
	Flagged        bool                `json:"flagged"`
	Excluded       bool                `json:"excluded"`
	Reasons        []string            `json:"reasons"`
	Days           []weekly.Day        `json:"days"`
	DaysOff        []string            `json:"daysOff"`
	Holidays       []weekly.HolidayDay `json:"holidays"`
	TimeOff        []weekly.TimeOffDay `json:"timeOff"`
	Managers       []people.ManagerRef `json:"managers"`
	Projects       []ProjectTotal      `json:"-"` // REGULAR hours per project, largest first
	BillableHours  float64             `json:"billableHours"`
	// WeeksInARow is, for a person under target, how many weeks in a row
	// (this one included, at most TrendWeeks) they were; 0 otherwise.
	WeeksInARow int `json:"weeksInARow,omitempty"`
	// PersonReason is the reason the person gave their manager after the
	// heads-up ("" when none); the weekly message shows it.
	PersonReason string `json:"-"`
	// ClockedHours is the week's time on the time clock (shifts minus
	// breaks); nil for a person without time-clock shifts.
	ClockedHours *float64 `json:"clockedHours,omitempty"`
	// SlackPending says why the Slack account of this flagged person or of
	// one of their managers is not known yet (Slack failed); "" when all
	// were looked up. Such a person's message waits.
	SlackPending string `json:"-"`
}

// ProjectTotal is the hours of one project in a user's week.
type ProjectTotal struct {
	ProjectID string
	Name      string // "No project" when the entries had none
	Client    string
	Hours     float64
}

// ProjectLabel is the escaped name of a project; ok is false for no
// project. A project the store does not know yet is "a new project".
func ProjectLabel(st *store.Store, projectID string) (string, bool) {
	if projectID == "" {
		return "", false
	}
	p, ok, err := st.Project(projectID)
	if err != nil || !ok {
		return "a new project", true
	}
	return ProjectName(p), true
}

// ProjectName is a project's name made safe for mrkdwn.
func ProjectName(p store.Project) string {
	return slackui.EscapeMrkdwn(slackui.Clean(p.Name, slackui.MaxNameRunes))
}
