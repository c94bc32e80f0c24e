package store

import "time"

// User is a workspace member as clockbot keeps it.
type User struct {
	ID       string `json:"id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	TimeZone string `json:"timeZone,omitempty"` // IANA zone from Clockify settings; "" when unknown
	// Status is the workspace membership status (ACTIVE, PENDING, INACTIVE, ...).
	Status   string   `json:"status"`
	GroupIDs []string `json:"groupIds,omitempty"`
}

// Managers is the list of Clockify team managers of one user, with the time
// it was fetched.
type Managers struct {
	UserID     string    `json:"userId"`
	ManagerIDs []string  `json:"managerIds"`
	FetchedAt  time.Time `json:"fetchedAt"`
}

// Group is a Clockify user group.
type Group struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	UserIDs    []string `json:"userIds"`
	ManagerIDs []string `json:"managerIds,omitempty"`
}

// Project is a Clockify project.
type Project struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	ClientName string `json:"clientName,omitempty"`
	Archived   bool   `json:"archived,omitempty"`
	Billable   bool   `json:"billable,omitempty"`
}

// Entry is one time entry. End is the zero time while the timer runs.
type Entry struct {
	ID          string    `json:"id"`
	UserID      string    `json:"userId"`
	ProjectID   string    `json:"projectId,omitempty"`
	Description string    `json:"description,omitempty"`
	Type        string    `json:"type,omitempty"` // REGULAR (or ""), BREAK, HOLIDAY, TIME_OFF
	Billable    bool      `json:"billable,omitempty"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
}

// Running reports whether the entry is a running timer.
func (e Entry) Running() bool { return e.End.IsZero() }

// Holiday is a Clockify holiday. Dates are "YYYY-MM-DD", inclusive.
type Holiday struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	StartDate      string   `json:"startDate"`
	EndDate        string   `json:"endDate"`
	OccursAnnually bool     `json:"occursAnnually,omitempty"`
	Everyone       bool     `json:"everyone,omitempty"`
	UserIDs        []string `json:"userIds,omitempty"`
	GroupIDs       []string `json:"groupIds,omitempty"`
}

// TimeOff is a time-off request.
type TimeOff struct {
	ID         string    `json:"id"`
	UserID     string    `json:"userId"`
	PolicyName string    `json:"policyName,omitempty"`
	Status     string    `json:"status"` // APPROVED, PENDING, REJECTED
	Unit       string    `json:"unit"`   // DAYS or HOURS
	HalfDay    bool      `json:"halfDay,omitempty"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
}

// SyncStatus is the health of the Clockify sync.
type SyncStatus struct {
	// LastSuccess maps a window name (for example "recent" or "backfill")
	// to the time it last synced completely.
	LastSuccess map[string]time.Time `json:"lastSuccess,omitempty"`
	LastError   string               `json:"lastError,omitempty"`
	LastErrorAt time.Time            `json:"lastErrorAt,omitempty"`
	// BackfilledFrom is the earliest instant fully synced by a backfill.
	BackfilledFrom time.Time `json:"backfilledFrom,omitempty"`
	// TimeOffUnavailableAt is when the last successful pass found holidays
	// and time off unavailable (the workspace lacks the Time off feature);
	// zero when they were fetched.
	TimeOffUnavailableAt time.Time `json:"timeOffUnavailableAt,omitempty"`
}

// SlackUser caches the Slack account found for an email address. An empty
// SlackID with a recent LookedUpAt records that Slack has no such user.
type SlackUser struct {
	Email      string    `json:"email"`
	SlackID    string    `json:"slackId"`
	TimeZone   string    `json:"timeZone,omitempty"`
	LookedUpAt time.Time `json:"lookedUpAt"`
	// Manual marks a mapping set by an admin; it is never overwritten by a lookup.
	Manual bool `json:"manual,omitempty"`
}

// Delivery states recorded in the ledger.
const (
	DeliveryPending = "pending" // about to send; outcome unknown if still pending after a crash
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
)

// Delivery is the ledger record of one weekly message for one user.
type Delivery struct {
	Week      string    `json:"week"` // ISO week, "2026-W46"
	UserID    string    `json:"userId"`
	State     string    `json:"state"`
	Channel   string    `json:"channel,omitempty"`
	TS        string    `json:"ts,omitempty"` // Slack message timestamp once sent
	Error     string    `json:"error,omitempty"`
	Attempts  int       `json:"attempts"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Ack, Excuse hold what managers did with the message (later issues).
	AckBy      string    `json:"ackBy,omitempty"`
	AckAt      time.Time `json:"ackAt,omitempty"`
	ExcusedBy  string    `json:"excusedBy,omitempty"`
	ExcusedAt  time.Time `json:"excusedAt,omitempty"`
	ExcuseNote string    `json:"excuseNote,omitempty"`
}

// AuditEntry records one action taken through Slack.
type AuditEntry struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`  // Slack user id
	Action string    `json:"action"` // for example "acknowledge", "excuse", "set_target"
	Week   string    `json:"week,omitempty"`
	UserID string    `json:"userId,omitempty"` // the Clockify user concerned
	Detail string    `json:"detail,omitempty"`
}
