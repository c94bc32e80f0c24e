package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/clockbot/clockbot/store"
)

// Settings are the report settings admins change from Slack. Stored
// values win over the environment's defaults; a nil field means "use the
// default".
type Settings struct {
	MinHours *float64           `json:"minHours,omitempty"`
	Exclude  []string           `json:"exclude,omitempty"` // emails, lower case
	Targets  map[string]float64 `json:"targets,omitempty"` // email (lower case) -> weekly hours
	// ExcludeSet and TargetsSet tell an empty stored list from "not set".
	ExcludeSet bool `json:"excludeSet,omitempty"`
	TargetsSet bool `json:"targetsSet,omitempty"`
}

// InForce is the report settings in force: what an edit sees and changes.
type InForce struct {
	MinHours float64
	Targets  map[string]float64 // lower-case email -> weekly hours
	Exclude  map[string]bool    // lower-case emails
}

// Stored returns the settings admins stored (zero when none).
func (r *Builder) Stored() (Settings, error) {
	var s Settings
	if _, err := r.store.Setting(store.ReportSettingsKey(), &s); err != nil {
		return s, fmt.Errorf("read report settings: %w", err)
	}
	return s, nil
}

// Settings returns the settings in force: the stored ones over the
// environment's defaults.
func (r *Builder) Settings() (minHours float64, exclude map[string]bool, targets map[string]float64, err error) {
	s, err := r.Stored()
	if err != nil {
		return 0, nil, nil, err
	}
	f := r.inForce(s)
	return f.MinHours, f.Exclude, f.Targets, nil
}

// inForce lays the stored settings s over the environment's defaults.
func (r *Builder) inForce(s Settings) InForce {
	f := InForce{MinHours: r.cfg.Params.MinHours, Exclude: map[string]bool{}, Targets: map[string]float64{}}
	if s.MinHours != nil {
		f.MinHours = *s.MinHours
	}
	excl := r.cfg.Exclude
	if s.ExcludeSet {
		excl = s.Exclude
	}
	for _, e := range excl {
		f.Exclude[strings.ToLower(e)] = true
	}
	src := r.cfg.Targets
	if s.TargetsSet {
		src = s.Targets
	}
	for k, v := range src {
		f.Targets[strings.ToLower(k)] = v
	}
	return f
}

// EditSettings applies fn to the settings in force and stores what it
// changed, in one store transaction, so that two admins editing at once
// never lose each other's change. A list stored for the first time starts
// from the environment's defaults, so that editing one person's target
// keeps everyone else's. It returns the settings before and after fn.
func (r *Builder) EditSettings(fn func(f *InForce)) (before, after InForce, err error) {
	var s Settings
	err = r.store.UpdateSetting(store.ReportSettingsKey(), &s, func(bool) (bool, error) {
		before = r.inForce(s)
		after = InForce{MinHours: before.MinHours, Targets: maps.Clone(before.Targets), Exclude: maps.Clone(before.Exclude)}
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
		return changed, nil
	})
	if err != nil {
		return before, after, fmt.Errorf("edit report settings: %w", err)
	}
	return before, after, nil
}
