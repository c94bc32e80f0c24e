package weekly

import (
	"fmt"
	"testing"
	"time"

	"github.com/clockbot/clockbot/store"
)

// BenchmarkEvaluate evaluates 10,000 people with 40 entries each (400,000
// entries) in one Evaluator: one op is the whole report.
func BenchmarkEvaluate(b *testing.B) {
	const users, perUser = 10000, 40
	zones := []string{"UTC", "Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles", "America/New_York", "Asia/Kolkata", "Australia/Sydney", ""}
	people := make([]Person, users)
	entries := make([][]store.Entry, users)
	timeOff := make([][]store.TimeOff, users)
	for u := range users {
		id := fmt.Sprintf("user%05d", u)
		people[u] = Person{User: store.User{ID: id, Email: id + "@example.com", Name: id, TimeZone: zones[u%len(zones)], GroupIDs: []string{fmt.Sprintf("g%d", u%20)}}}
		es := make([]store.Entry, perUser)
		for i := range es {
			start := at(9+i%7, 6+i/7*2, 15*(i%4))
			es[i] = store.Entry{ID: fmt.Sprintf("%s-%d", id, i), UserID: id, ProjectID: fmt.Sprintf("p%d", i%5), Billable: i%3 == 0,
				Start: start, End: start.Add(100 * time.Minute)}
		}
		if u%50 == 0 {
			es[perUser-1].End = time.Time{} // a running timer
		}
		entries[u] = es
		if u%10 == 0 {
			timeOff[u] = []store.TimeOff{{ID: id + "-off", UserID: id, PolicyName: "Vacation", Status: "APPROVED", Unit: "DAYS",
				Start: at(12, 0, 0), End: at(13, 0, 0)}}
		}
	}
	holidays := []store.Holiday{
		{ID: "h1", Name: "New Year", StartDate: "2020-01-01", EndDate: "2020-01-01", OccursAnnually: true, Everyone: true},
		{ID: "h2", Name: "Armistice", StartDate: "2026-11-11", EndDate: "2026-11-11", GroupIDs: []string{"g3", "g7"}},
		{ID: "h3", Name: "Winter", StartDate: "2020-12-24", EndDate: "2021-01-02", OccursAnnually: true, Everyone: true},
		{ID: "h4", Name: "Founders", StartDate: "2026-11-13", EndDate: "2026-11-13", UserIDs: []string{"user00001", "user00002"}},
	}
	params := DefaultParams()
	params.Now = at(16, 9, 0)
	ev := NewEvaluator()
	b.ReportAllocs()
	for b.Loop() {
		for u := range people {
			ev.Evaluate(people[u], w46, entries[u], holidays, timeOff[u], params)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*users), "ns/person")
}
