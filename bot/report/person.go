package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

// MaxWeekHours is the largest weekly target accepted: the hours of a week.
const MaxWeekHours = 168

// PersonSettings is a change of one person's target and exception.
type PersonSettings struct {
	Hours       float64
	HasTarget   bool // false: no target of their own, the default applies
	Excluded    bool
	SetExcluded bool // false: leave the exception as it is
}

// SetPerson stores one person's target and exception (in one store
// transaction, see EditSettings) and describes the change for the audit
// log. The admins' Home tab and the managers' buttons both use it.
func (r *Builder) SetPerson(email string, p PersonSettings) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	before, after, err := r.EditSettings(func(e *InForce) {
		if p.HasTarget {
			e.Targets[email] = p.Hours
		} else {
			delete(e.Targets, email)
		}
		if p.SetExcluded {
			if p.Excluded {
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
func describePersonChange(email string, before, after InForce) string {
	target := func(e InForce) string {
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

// ParseHours reads a number of weekly hours typed in a form: "" means
// none, "32", "32.5", "32,5" and "32h" are accepted from 0 to 168.
// problem is the sentence to show next to the field when s is not valid.
func ParseHours(s string) (hours float64, set bool, problem string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), "h"))
	if s == "" {
		return 0, false, ""
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) {
		return 0, false, "Type a number of hours, such as 32 or 37.5."
	}
	if v < 0 || v > MaxWeekHours {
		return 0, false, fmt.Sprintf("Type a number of hours from 0 to %d.", MaxWeekHours)
	}
	return Round2(v), true, ""
}
