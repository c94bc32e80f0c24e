package clockifytest

// Wire structs of the time-off and detailed-report endpoints.

// wireTimeOffQuery is GetTimeOffRequestsV1Request.
type wireTimeOffQuery struct {
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Statuses   []string `json:"statuses"`
	Users      []string `json:"users"`
	UserGroups []string `json:"userGroups"`
	Page       *int     `json:"page"`
	PageSize   *int     `json:"pageSize"`
}

// wireTimeOffList is TimeOffRequestsWithCountV1Dto.
type wireTimeOffList struct {
	Count    int                  `json:"count"`
	Requests []wireTimeOffRequest `json:"requests"`
}

// wireTimeOffRequest is TimeOffRequestFullV1Dto; the live API sends status
// as an object.
type wireTimeOffRequest struct {
	ID                string            `json:"id"`
	WorkspaceID       string            `json:"workspaceId"`
	UserID            string            `json:"userId"`
	UserName          string            `json:"userName"`
	UserEmail         string            `json:"userEmail"`
	UserTimeZone      string            `json:"userTimeZone"`
	RequesterUserID   string            `json:"requesterUserId"`
	RequesterUserName string            `json:"requesterUserName"`
	PolicyID          string            `json:"policyId"`
	PolicyName        string            `json:"policyName"`
	Status            wireTimeOffStatus `json:"status"`
	TimeOffPeriod     wireTimeOffPeriod `json:"timeOffPeriod"`
	TimeUnit          string            `json:"timeUnit"`
	BalanceDiff       float64           `json:"balanceDiff"`
	Balance           float64           `json:"balance"`
	Note              string            `json:"note"`
	CreatedAt         string            `json:"createdAt"`
}

// wireTimeOffStatus is TimeOffRequestStatus.
type wireTimeOffStatus struct {
	StatusType        string  `json:"statusType"`
	ChangedByUserID   *string `json:"changedByUserId"`
	ChangedByUserName *string `json:"changedByUserName"`
	ChangedAt         *string `json:"changedAt"`
	Note              *string `json:"note"`
}

// wireTimeOffPeriod is TimeOffRequestPeriodDto.
type wireTimeOffPeriod struct {
	Period        wirePeriod  `json:"period"`
	HalfDay       bool        `json:"halfDay"`
	HalfDayPeriod string      `json:"halfDayPeriod"`
	HalfDayHours  *wirePeriod `json:"halfDayHours"`
}

type wirePeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// wireReportQuery is the part of DetailedReportFilterV1 the fake honours;
// other fields are accepted and ignored.
type wireReportQuery struct {
	DateRangeStart string              `json:"dateRangeStart"`
	DateRangeEnd   string              `json:"dateRangeEnd"`
	TimeZone       string              `json:"timeZone"`
	SortOrder      string              `json:"sortOrder"`
	DetailedFilter *wireDetailedFilter `json:"detailedFilter"`
	Users          *wireContainsFilter `json:"users"`
	Projects       *wireContainsFilter `json:"projects"`
	Billable       *bool               `json:"billable"`
	Description    string              `json:"description"`
}

// wireDetailedFilter is DetailedFilterV1.
type wireDetailedFilter struct {
	Page       *int   `json:"page"`
	PageSize   *int   `json:"pageSize"`
	SortColumn string `json:"sortColumn"`
}

// wireContainsFilter is ContainsUsersFilterV1 and its relatives.
type wireContainsFilter struct {
	IDs      []string `json:"ids"`
	Contains string   `json:"contains"`
	Status   string   `json:"status"`
}

// wireReport is TimeEntryDetailedReportDto as the live API sends it: the
// rows are under "timeentries", and an empty report's totals are [null].
type wireReport struct {
	Totals      []*wireReportTotals `json:"totals"`
	TimeEntries []wireReportEntry   `json:"timeentries"`
}

// wireReportTotals is TimeEntryReportTotals; the live API names the id "_id".
type wireReportTotals struct {
	ID                string  `json:"_id"`
	TotalTime         int64   `json:"totalTime"`
	TotalBillableTime int64   `json:"totalBillableTime"`
	EntriesCount      int     `json:"entriesCount"`
	TotalAmount       float64 `json:"totalAmount"`
	Amounts           []any   `json:"amounts"`
}

// wireReportEntry is a report row (TimeEntryDto): "_id" and a duration in
// integer seconds.
type wireReportEntry struct {
	ID           string             `json:"_id"`
	Description  string             `json:"description"`
	UserID       string             `json:"userId"`
	UserName     string             `json:"userName"`
	UserEmail    string             `json:"userEmail"`
	Billable     bool               `json:"billable"`
	ProjectID    string             `json:"projectId"`
	ProjectName  string             `json:"projectName"`
	ProjectColor string             `json:"projectColor"`
	ClientID     string             `json:"clientId"`
	ClientName   string             `json:"clientName"`
	TaskID       string             `json:"taskId"`
	TaskName     string             `json:"taskName"`
	Tags         []any              `json:"tags"`
	Type         string             `json:"type"`
	IsLocked     bool               `json:"isLocked"`
	ApprovalID   *string            `json:"approvalRequestId"`
	TimeInterval wireReportInterval `json:"timeInterval"`
}

// wireReportInterval is ReportTimeIntervalDto.
type wireReportInterval struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	Duration int64  `json:"duration"`
}
