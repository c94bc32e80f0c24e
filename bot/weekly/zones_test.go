package weekly

import (
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

func TestEvaluateZones(t *testing.T) {
	// The same UTC entries for two people in W46: Tokyo is UTC+9 and Los
	// Angeles UTC-8 that week.
	entries := func(user string) []store.Entry {
		return []store.Entry{
			{ID: user + "a", UserID: user, Start: at(10, 20, 0), End: at(10, 22, 0)}, // Tokyo Wed 05:00, LA Tue 12:00
			{ID: user + "b", UserID: user, Start: at(9, 2, 0), End: at(9, 3, 0)},     // Tokyo Mon 11:00, LA Sun 8th (before the week)
			{ID: user + "c", UserID: user, Start: at(16, 3, 0), End: at(16, 4, 0)},   // Tokyo Mon 16th (after the week), LA Sun 19:00
		}
	}
	tests := []struct {
		name string
		zone string
		want summary
	}{
		{"Asia/Tokyo", "Asia/Tokyo", summary{TimeZone: "Asia/Tokyo", Hours: 3, Days: days(1, 0, 2)}},
		{"America/Los_Angeles", "America/Los_Angeles", summary{TimeZone: "America/Los_Angeles", Hours: 3, Days: days(0, 2, 0, 0, 0, 0, 1)}},
	}
	ev := NewEvaluator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Person{User: store.User{ID: "u-" + tt.zone, TimeZone: tt.zone}, TargetHours: ptr(0.0)}
			params := DefaultParams()
			params.Workdays = []time.Weekday{time.Saturday} // keep days off out of the way
			params.Now = at(20, 0, 0)
			got := summarize(ev.Evaluate(p, w46, entries(p.User.ID), nil, nil, params))
			got.Reasons, got.DaysOff, got.Flagged = nil, nil, false
			if d := diff(t, tt.want, got); d != "" {
				t.Errorf("Evaluate() mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func TestEvaluateDST(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	local := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, berlin) }
	tests := []struct {
		name       string
		week       Week
		start, end time.Time // one entry from Saturday 00:00 to Monday 00:00
		wantDays   [7]float64
		wantHours  float64
	}{
		{"spring forward: Sunday has 23 hours", Week{2026, 13}, local(2026, 3, 28), local(2026, 3, 30), days(0, 0, 0, 0, 0, 24, 23), 47},
		{"fall back: Sunday has 25 hours", Week{2026, 43}, local(2026, 10, 24), local(2026, 10, 26), days(0, 0, 0, 0, 0, 24, 25), 49},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Person{User: store.User{ID: "u1", TimeZone: "Europe/Berlin"}}
			e := []store.Entry{{ID: "e", UserID: "u1", Start: tt.start.UTC(), End: tt.end.UTC()}}
			res := Evaluate(p, tt.week, e, nil, nil, DefaultParams())
			var got [7]float64
			for i, d := range res.Days {
				got[i] = d.Hours
			}
			if got != tt.wantDays || res.Hours != tt.wantHours {
				t.Errorf("Evaluate() days %v, hours %v; want %v, %v", got, res.Hours, tt.wantDays, tt.wantHours)
			}
		})
	}
}

func TestEvaluateResult(t *testing.T) {
	// A complete Result: dates are Tokyo's, projects are sorted by hours
	// then id, billable time is summed, and the Sunday holiday (not a
	// working day) is not listed.
	p := Person{User: store.User{ID: "u1", Email: "kenji@example.com", Name: "Kenji", TimeZone: "Asia/Tokyo", Status: "ACTIVE"}}
	tokyo := mustZone(t, "Asia/Tokyo")
	local := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, tokyo).UTC() }
	entries := []store.Entry{
		{ID: "1", UserID: "u1", ProjectID: "p2", Billable: true, Start: local(9, 9), End: local(9, 15)},
		{ID: "2", UserID: "u1", ProjectID: "p1", Start: local(10, 9), End: local(10, 15)},
		{ID: "3", UserID: "u1", ProjectID: "p3", Billable: true, Start: local(11, 9), End: local(11, 17)},
		{ID: "4", UserID: "u1", Start: local(12, 9), End: local(12, 11)},
		{ID: "5", UserID: "u1", ProjectID: "p3", Start: local(12, 11), End: local(12, 12)},
		{ID: "6", UserID: "u1", ProjectID: "p9", Type: "BREAK", Start: local(12, 12), End: local(12, 13)},
	}
	holidays := []store.Holiday{{ID: "h", Name: "Sunday thing", StartDate: "2026-11-15", EndDate: "2026-11-15", Everyone: true}}
	timeOff := []store.TimeOff{{ID: "t", UserID: "u1", PolicyName: "Vacation", Status: "approved", Unit: "DAYS",
		Start: local(13, 0), End: local(14, 0)}}
	params := DefaultParams()
	params.Now = local(16, 9)
	want := Result{
		UserID: "u1", Email: "kenji@example.com", Name: "Kenji", TimeZone: "Asia/Tokyo",
		Hours: 23, TargetHours: 20, Flagged: true,
		Reasons: []string{ReasonTimeOff},
		Days: []Day{{"2026-11-09", 6}, {"2026-11-10", 6}, {"2026-11-11", 8}, {"2026-11-12", 3},
			{"2026-11-13", 0}, {"2026-11-14", 0}, {"2026-11-15", 0}},
		TimeOff: []TimeOffDay{{Date: "2026-11-13", Days: 1, Policy: "Vacation"}},
		Projects: []ProjectHours{
			{ProjectID: "p3", Hours: 9, Billable: 8},
			{ProjectID: "p1", Hours: 6},
			{ProjectID: "p2", Hours: 6, Billable: 6},
			{ProjectID: "", Hours: 2},
		},
		BillableHours: 14,
	}
	got := Evaluate(p, w46, entries, holidays, timeOff, params)
	if d := diff(t, want, got); d != "" {
		t.Errorf("Evaluate() mismatch (-want +got):\n%s", d)
	}
}

func TestEvaluatorLocation(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	tests := []struct {
		name string
		zone string
		def  *time.Location
		want string
	}{
		{"known zone", "Asia/Tokyo", berlin, "Asia/Tokyo"},
		{"empty", "", berlin, "Europe/Berlin"},
		{"unknown", "Nowhere/Land", berlin, "Europe/Berlin"},
		{"host zone is not used", "Local", berlin, "Europe/Berlin"},
		{"no default", "", nil, "UTC"},
		{"unknown twice (cached failure)", "Nowhere/Land", time.UTC, "UTC"},
	}
	ev := NewEvaluator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ev.location(tt.zone, tt.def).String(); got != tt.want {
				t.Errorf("location(%q) = %s, want %s", tt.zone, got, tt.want)
			}
		})
	}
	if a, b := ev.location("Asia/Tokyo", nil), ev.location("Asia/Tokyo", nil); a != b {
		t.Errorf("location() loaded Asia/Tokyo twice: %p != %p", a, b)
	}
}
