package clockifytest

import "slices"

// Plan names the fake sends as featureSubscriptionType, as the live API
// spells them.
const (
	// PlanFree is a Free workspace (WithFreePlan, FreePlanBudget).
	PlanFree = "FREE"
	// PlanBasic is a paid plan without Time off (WithTimeOffDisabled).
	PlanBasic = "BASIC_YEAR_2021"
	// PlanPro is the fake's default: a paid plan with Time off.
	PlanPro = "PRO_YEAR_2021"
)

// paidFeatures is a part of the features list of a paid workspace; the
// fake implements none of them beyond TIME_OFF, which it lists only when
// the holidays and time-off routes answer.
var paidFeatures = []string{"ADD_TIME_FOR_OTHERS", "ADMIN_PANEL", "APPROVAL", "BULK_EDIT", "CUSTOM_FIELDS", "MANAGER_ROLE", "TARGETS_AND_REMINDERS", "TIME_OFF", "TIME_TRACKING"}

// planOf is the plan and features the workspaces list shows, consistent
// with the modes the server runs in: FREE with an hourly request budget,
// a plan without TIME_OFF when Time off is disabled (WithTimeOffDisabled).
func (s *Server) planOf() (string, []string) {
	s.limitMu.Lock()
	free := s.hourly.limit > 0
	s.limitMu.Unlock()
	plan := PlanPro
	features := slices.Clone(paidFeatures)
	switch {
	case free:
		// Which routes answer follows the modes alone, so TIME_OFF stays
		// listed exactly when the holidays and time-off routes answer.
		plan, features = PlanFree, []string{"TIME_OFF", "TIME_TRACKING"}
	case s.timeOffDisabled:
		plan = PlanBasic
	}
	if s.timeOffDisabled {
		features = slices.DeleteFunc(features, func(f string) bool { return f == "TIME_OFF" })
	}
	return plan, features
}
