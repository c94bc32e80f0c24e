package report

import (
	"time"

	"github.com/clockbot/clockbot/bot/people"
	"github.com/clockbot/clockbot/bot/weekly"
)

// Report is the weekly under-hours report of one ISO week, as printed by
// `clockbot report --json` and delivered on Mondays.
type Report struct {
	Week        string       `json:"week"` // "2026-W46"
	From        string       `json:"from"` // Monday, "2026-11-09"
	To          string       `json:"to"`   // Sunday, "2026-11-15"
	GeneratedAt time.Time    `json:"generatedAt"`
	Users       []UserReport `json:"users"` // sorted by email
}

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
	BillableHours  float64             `json:"-"`
}

// ProjectTotal is the hours of one project in a user's week.
type ProjectTotal struct {
	ProjectID string
	Name      string // "No project" when the entries had none
	Client    string
	Hours     float64
}
