package clockify_test

import (
	"slices"
	"testing"

	"github.com/clockbot/clockbot/clockify"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// TestWorkspacePlan checks that the plan and its features are read from
// the workspaces list, for the fake's modes.
func TestWorkspacePlan(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []clockifytest.Option
		plan    string
		timeOff bool
	}{
		{"paid", nil, clockifytest.PlanPro, true},
		{"free", []clockifytest.Option{clockifytest.WithFreePlan()}, clockifytest.PlanFree, true},
		{"without time off", []clockifytest.Option{clockifytest.WithTimeOffDisabled()}, clockifytest.PlanBasic, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := clockifytest.NewTB(t, tc.opts...)
			c, err := clockify.NewClient(s.APIKey, clockify.WithBaseURL(s.APIURL), clockify.WithReportsURL(s.ReportsURL))
			if err != nil {
				t.Fatal(err)
			}
			wss, err := c.Workspaces(t.Context())
			if err != nil || len(wss) != 1 {
				t.Fatalf("Workspaces = %v, %v", wss, err)
			}
			if got := wss[0].Plan(); got != tc.plan {
				t.Errorf("Plan() = %q, want %q", got, tc.plan)
			}
			features, ok := wss[0].Features()
			if !ok || slices.Contains(features, "TIME_OFF") != tc.timeOff {
				t.Errorf("Features() = %v, %v; want TIME_OFF listed: %v", features, ok, tc.timeOff)
			}
		})
	}
	t.Run("document's object form", func(t *testing.T) {
		w := clockify.Workspace{Subscription: []byte(`{"addonSubscriptionPlan":"STANDARD","featurePermissions":["TIME_OFF"]}`)}
		features, ok := w.Features()
		if w.Plan() != "STANDARD" || !ok || !slices.Equal(features, []string{"TIME_OFF"}) {
			t.Errorf("Plan() = %q, Features() = %v, %v", w.Plan(), features, ok)
		}
	})
}
