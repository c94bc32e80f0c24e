package syncer

import "time"

// Free-plan pacing. A workspace on Clockify's Free plan may make 30
// requests an hour in all and answers 429 with a Retry-After of up to an
// hour past that; paid plans allow 50 requests a second and their
// Retry-After is a second or two.
const (
	// FreePlanRequestsPerHour is the Free plan's hourly request budget.
	FreePlanRequestsPerHour = 30
	// freePlanRetryAfter is the shortest Retry-After taken as the sign of
	// an hourly budget rather than a per-second one.
	freePlanRetryAfter = time.Minute
	// syncShareOfBudget is the part of an hourly budget the periodic sync
	// may spend: the rest is left for /tt, the Home tab and reports.
	syncShareOfBudget = 2
	// maxPacedInterval bounds the paced interval, so data is at most this
	// old even when one pass costs more than the whole budget.
	maxPacedInterval = 12 * time.Hour
)

// Pace returns how long to wait before the next periodic sync pass.
// interval is SYNC_INTERVAL, passRequests what the last pass cost and
// longestRetryAfter the longest Retry-After Clockify has answered. A
// workspace that answered a Retry-After of a minute or more is on an
// hourly budget (the Free plan's 30 requests): the interval is stretched so
// that the sync spends at most half of it, rounded up to a whole minute,
// and at most 12 hours. Otherwise interval is returned as is (paid plans
// are paced by CLOCKIFY_MAX_RPS).
func Pace(interval time.Duration, passRequests int64, longestRetryAfter time.Duration) time.Duration {
	if longestRetryAfter < freePlanRetryAfter || passRequests <= 0 {
		return interval
	}
	perHour := int64(FreePlanRequestsPerHour / syncShareOfBudget)
	need := time.Duration(passRequests) * time.Hour / time.Duration(perHour)
	if r := need % time.Minute; r != 0 {
		need += time.Minute - r
	}
	return max(interval, min(need, maxPacedInterval))
}
