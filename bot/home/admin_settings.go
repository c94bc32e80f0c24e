package home

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
	"github.com/clockbot/clockbot/bot/report"
)

// maxWeekHours is the largest weekly target accepted: the hours of a week.
const maxWeekHours = 168

// personSettings is a change of one person's target and exception.
type personSettings struct {
	hours       float64
	hasTarget   bool // false: no target of their own, the default applies
	excluded    bool
	setExcluded bool // false: leave the exception as it is
}

// setPersonSettings stores one person's target and exception and
// describes the change for the audit log.
func (h *Home) setPersonSettings(email string, p personSettings) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	before, after, err := h.reporter.EditSettings(func(e *report.InForce) {
		if p.hasTarget {
			e.Targets[email] = p.hours
		} else {
			delete(e.Targets, email)
		}
		if p.setExcluded {
			if p.excluded {
				e.Exclude[email] = true
			} else {
				delete(e.Exclude, email)
			}
		}
	})
	if err != nil {
		return "", err
	}
	return describePersonChange(email, before, after), nil
}

// describePersonChange says what changed for email between before and after.
func describePersonChange(email string, before, after report.InForce) string {
	target := func(e report.InForce) string {
		if t, ok := e.Targets[email]; ok {
			return slackui.Hours(t) + " h"
		}
		return "the default (" + slackui.Hours(e.MinHours) + " h)"
	}
	var parts []string
	if b, a := target(before), target(after); b != a {
		parts = append(parts, fmt.Sprintf("target of %s: %s → %s", email, b, a))
	}
	switch b, a := before.Exclude[email], after.Exclude[email]; {
	case !b && a:
		parts = append(parts, email+" added to the exception list")
	case b && !a:
		parts = append(parts, email+" removed from the exception list")
	}
	if len(parts) == 0 {
		return "no change for " + email + " (target " + target(after) + ")"
	}
	return strings.Join(parts, "; ")
}

// parseHours reads a number of weekly hours typed in a form: "" means
// none, "32", "32.5", "32,5" and "32h" are accepted from 0 to 168.
// problem is the sentence to show next to the field when s is not valid.
func parseHours(s string) (hours float64, set bool, problem string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), "h"))
	if s == "" {
		return 0, false, ""
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) {
		return 0, false, "Type a number of hours, such as 32 or 37.5."
	}
	if v < 0 || v > maxWeekHours {
		return 0, false, fmt.Sprintf("Type a number of hours from 0 to %d.", maxWeekHours)
	}
	return report.Round2(v), true, ""
}
