package bot

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clockbot/clockbot/bot/internal/slackui"
)

// maxWeekHours is the largest weekly target accepted: the hours of a week.
const maxWeekHours = 168

// reportEdit is the report settings in force, as an edit sees them.
type reportEdit struct {
	MinHours float64
	Targets  map[string]float64 // lower-case email -> weekly hours
	Exclude  map[string]bool    // lower-case emails
}

// editReportSettings applies fn to the report settings in force and
// stores what it changed. A list stored for the first time starts from the
// environment's defaults, so that editing one person's target keeps
// everyone else's. It returns the settings before and after fn.
func (h *Home) editReportSettings(fn func(e *reportEdit)) (before, after reportEdit, err error) {
	h.settingsMu.Lock()
	defer h.settingsMu.Unlock()
	var s ReportSettings
	if _, err := h.store.Setting(settingsKey, &s); err != nil {
		return before, after, fmt.Errorf("read report settings: %w", err)
	}
	minHours, exclude, targets, err := h.reporter.Settings()
	if err != nil {
		return before, after, err
	}
	before = reportEdit{MinHours: minHours, Targets: targets, Exclude: exclude}
	after = reportEdit{MinHours: minHours, Targets: maps.Clone(targets), Exclude: maps.Clone(exclude)}
	fn(&after)
	changed := false
	if after.MinHours != before.MinHours {
		v := after.MinHours
		s.MinHours, changed = &v, true
	}
	if !maps.Equal(after.Targets, before.Targets) {
		s.Targets, s.TargetsSet, changed = after.Targets, true, true
	}
	if !maps.Equal(after.Exclude, before.Exclude) {
		list := slices.Sorted(maps.Keys(after.Exclude))
		if list == nil {
			list = []string{}
		}
		s.Exclude, s.ExcludeSet, changed = list, true, true
	}
	if !changed {
		return before, after, nil
	}
	if err := h.store.PutSetting(settingsKey, s); err != nil {
		return before, after, fmt.Errorf("save report settings: %w", err)
	}
	return before, after, nil
}

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
	before, after, err := h.editReportSettings(func(e *reportEdit) {
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
func describePersonChange(email string, before, after reportEdit) string {
	target := func(e reportEdit) string {
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
	return round2(v), true, ""
}
