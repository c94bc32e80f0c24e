package clockifytest

import (
	"net/http"
	"strconv"
	"time"
)

// Plan limits of real workspaces.
const (
	// FreePlanRequestsPerHour is how many requests a Free-plan workspace
	// may make in any hour, all users and keys together.
	FreePlanRequestsPerHour = 30
	// msgFeatureDisabled is the message of the 403 that the holidays and
	// time-off routes answer when the workspace has no Time off feature.
	msgFeatureDisabled = "Feature not enabled: Time off is not available on this workspace's plan"
	// codeFeatureDisabled is Clockify's error code for a feature the
	// workspace's plan does not include.
	codeFeatureDisabled = 403
)

// WithFreePlan limits the server to FreePlanRequestsPerHour requests in any
// sliding hour (of the WithClock clock), as newly created Free-plan
// workspaces are: past that it answers 429 Too Many Requests with a
// Retry-After of the whole seconds until the oldest request of the window
// leaves it.
func WithFreePlan() Option {
	return func(s *Server) { s.FreePlanBudget(FreePlanRequestsPerHour) }
}

// WithTimeOffDisabled makes the holidays and time-off routes answer 403
// with Clockify's error shape, as in a workspace whose plan does not include
// the Time off feature.
func WithTimeOffDisabled() Option {
	return func(s *Server) { s.timeOffDisabled = true }
}

// writeFeatureDisabled answers the 403 of a feature the plan lacks.
func writeFeatureDisabled(w http.ResponseWriter) {
	writeErrorCode(w, http.StatusForbidden, msgFeatureDisabled, codeFeatureDisabled)
}

// allowHourly reports whether one more request fits the hourly limit and
// counts it when it does; otherwise it returns how long until one fits.
func (s *Server) allowHourly() (bool, time.Duration) {
	now := s.now()
	s.limitMu.Lock()
	defer s.limitMu.Unlock()
	return s.hourly.allow(now)
}

// The messages of the 429s.
const (
	msgHourlyLimit    = "Too many requests: the workspace's hourly request limit is reached"
	msgPerSecondLimit = "Too many requests"
)

// writeRateLimited answers 429 with Retry-After in whole seconds, rounded up.
func writeRateLimited(w http.ResponseWriter, wait time.Duration, msg string) {
	secs := int64((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(max(secs, 1), 10))
	writeErrorCode(w, http.StatusTooManyRequests, msg, http.StatusTooManyRequests)
}
