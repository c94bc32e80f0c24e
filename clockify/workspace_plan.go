package clockify

import (
	"encoding/json"
	"slices"
)

// Plan returns the workspace's subscription plan as Clockify names it, such
// as "FREE", "BASIC_YEAR_2021" or "PRO_2021", or "" when the answer did not
// say. The live API sends featureSubscriptionType as a string; the
// official document describes an object whose addonSubscriptionPlan names
// the plan, so both are read.
func (w Workspace) Plan() string {
	var s string
	if json.Unmarshal(w.Subscription, &s) == nil {
		return s
	}
	var obj struct {
		AddonSubscriptionPlan string `json:"addonSubscriptionPlan"`
	}
	if json.Unmarshal(w.Subscription, &obj) == nil {
		return obj.AddonSubscriptionPlan
	}
	return ""
}

// Features returns the features of the workspace's plan (for example
// "TIME_OFF"), and whether Clockify listed them at all. The live API sends
// a list of names; the official document also allows an object keyed by
// name, or the plan object's featurePermissions.
func (w Workspace) Features() ([]string, bool) {
	if len(w.FeatureList) > 0 {
		var list []string
		if json.Unmarshal(w.FeatureList, &list) == nil {
			return list, true
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(w.FeatureList, &obj) == nil {
			keys := make([]string, 0, len(obj))
			for k := range obj {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			return keys, true
		}
	}
	var plan struct {
		FeaturePermissions []string `json:"featurePermissions"`
	}
	if json.Unmarshal(w.Subscription, &plan) == nil && plan.FeaturePermissions != nil {
		return plan.FeaturePermissions, true
	}
	return nil, false
}
