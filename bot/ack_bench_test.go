package bot

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
)

// ackBenchUsers is how many commands each round sends at once, one per
// user.
const ackBenchUsers = 100

// BenchmarkAck measures how long Slack waits for the acknowledgement of a
// `/tt` command (from Send to the ack's arrival at the fake Slack) when 100
// users send one at the same moment, through the real socketmode client,
// the real `/tt` handlers (Commands), the store and the real Clockify
// client with its production limiter (the default rate, burst and
// concurrency). Every Clockify request takes 100 ms, or hangs in the last
// case.
// It reports the 50th and 99th percentile over all commands:
//
//	go test ./bot -run '^$' -bench BenchmarkAck -benchtime 5x
func BenchmarkAck(b *testing.B) {
	delay := clockifytest.Fault{Delay: 100 * time.Millisecond}
	hang := clockifytest.Fault{Hang: true}
	for _, bc := range []struct {
		name, text string
		fault      clockifytest.Fault
	}{
		{"status", "status", delay},
		{"today", "today", delay},
		{"start", "start backend", delay},
		{"start-clockify-hangs", "start backend -- benchmark", hang},
	} {
		b.Run(bc.name, func(b *testing.B) { benchmarkAck(b, bc.text, bc.fault) })
	}
}

func benchmarkAck(b *testing.B, text string, fault clockifytest.Fault) {
	e := newE2E(b,
		withProductionLimiter(),
		withSeed(func(e *e2e) {
			for i := range ackBenchUsers {
				id := fmt.Sprintf("u%03d", i)
				e.cf.AddUser(clockifytest.User{ID: "c-" + id, Email: id + "@example.com", Name: "User " + id, TimeZone: "Europe/Berlin"})
				e.sl.AddUser(slacktest.User{ID: "U" + id, Email: id + "@example.com", Name: id, TZ: "Europe/Berlin"})
			}
		}),
		// The grace only shortens the teardown while Clockify hangs.
		withSocketConfig(slackapp.Config{ShutdownGrace: 200 * time.Millisecond}),
	)
	ackBenchRound(b, e, "status") // fills the Slack profile cache
	e.cf.InjectFault(fault)       // after the sync, so that it runs at full speed
	var lat []time.Duration
	for b.Loop() {
		e.clock.Advance(time.Minute)
		lat = append(lat, ackBenchRound(b, e, text)...)
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
	b.ReportMetric(0, "ns/op") // a round's wall time is not the point
}

// ackBenchRound sends text as every benchmark user at once and returns the
// latency of each acknowledgement.
func ackBenchRound(b *testing.B, e *e2e, text string) []time.Duration {
	lat := make([]time.Duration, ackBenchUsers)
	errs := make(chan error, ackBenchUsers)
	var wg sync.WaitGroup
	for i := range ackBenchUsers {
		wg.Go(func() {
			sent := time.Now()
			id, err := e.sl.Send(slacktest.SlashCommand("/tt", text, fmt.Sprintf("Uu%03d", i)))
			if err != nil {
				errs <- err
				return
			}
			ack, err := e.sl.WaitAck(e.ctx(), id)
			if err != nil {
				errs <- err
				return
			}
			if ack.Payload == nil {
				errs <- fmt.Errorf("ack of %q without a payload", text)
			}
			lat[i] = ack.At.Sub(sent)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return lat
}

// percentile returns the nearest-rank p-th percentile of sorted.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
