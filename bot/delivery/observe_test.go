package delivery

import (
	"slices"
	"testing"
)

// TestDeliverTellsOutcomes: the outcome observer (the metrics) hears of
// each weekly message: delivered on the first run, already sent on the
// second, failed for a person Slack cannot reach.
func TestDeliverTellsOutcomes(t *testing.T) {
	e := newDeliveryEnv(t)
	rep := testReport(testWeek)
	for i := range rep.Users {
		if rep.Users[i].ClockifyUserID == "c-cat" {
			rep.Users[i].SlackUserID = "" // no Slack account: a lasting failure
		}
	}
	var got []string
	d := e.deliverer(Config{Mode: GroupDM})
	d.SetOutcomeObserver(func(o string) { got = append(got, o) })
	for run, want := range [][]string{
		{OutcomeDelivered, OutcomeDelivered, OutcomeFailed},
		{OutcomeAlreadySent, OutcomeAlreadySent, OutcomeFailed},
	} {
		got = nil
		if _, err := d.Deliver(t.Context(), rep); err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("run %d outcomes = %v, want %v", run+1, got, want)
		}
	}
}
