package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slackapp"
	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify"
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
// case. Each round starts with the limiter's bucket full again.
// It reports the 50th and 99th percentile of the acknowledgement over all
// commands; except while Clockify hangs, also the share of the
// acknowledgements that carried the final answer (not a provisional "busy"
// or "working on it" note) and the percentiles of the final answer, in the
// ack or posted to the response_url:
//
//	go test ./bot -run '^$' -bench BenchmarkAck -benchtime 3x
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

// ackSample is what one command of a round measured.
type ackSample struct {
	ack, final time.Duration
	inAck      bool // the ack carried the final answer
}

func benchmarkAck(b *testing.B, text string, fault clockifytest.Fault) {
	sends := &sendLog{next: http.DefaultTransport}
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
		withClockifyOptions(clockify.WithHTTPClient(&http.Client{Transport: sends})),
	)
	final := !fault.Hang
	ackBenchRound(b, e, "status", false) // fills the Slack profile cache
	e.cf.InjectFault(fault)              // after the sync, so that it runs at full speed
	var samples []ackSample
	peak := 0 // most requests sent to Clockify within one second
	for b.Loop() {
		b.StopTimer()
		time.Sleep(time.Second) // the limiter's bucket refills (20 tokens at 25 a second)
		e.clock.Advance(time.Minute)
		sends.reset()
		b.StartTimer()
		samples = append(samples, ackBenchRound(b, e, text, final)...)
		peak = max(peak, sends.peak(time.Second))
	}
	b.StopTimer()
	var acks, finals []time.Duration
	inAck := 0
	for _, s := range samples {
		acks, finals = append(acks, s.ack), append(finals, s.final)
		if s.inAck {
			inAck++
		}
	}
	slices.Sort(acks)
	slices.Sort(finals)
	b.ReportMetric(ms(percentile(acks, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(acks, 0.99)), "p99-ms")
	if final {
		b.ReportMetric(100*float64(inAck)/float64(max(len(samples), 1)), "final-in-ack-%")
		b.ReportMetric(ms(percentile(finals, 0.50)), "final-p50-ms")
		b.ReportMetric(ms(percentile(finals, 0.99)), "final-p99-ms")
	}
	b.ReportMetric(float64(peak), "peak-req/s")
	b.ReportMetric(float64(e.cf.RateLimited()), "429s") // Clockify's 50 a second, on the fake
	b.ReportMetric(0, "ns/op")                          // a round's wall time is not the point
}

// sendLog is an HTTP transport that records when each request is sent.
type sendLog struct {
	next http.RoundTripper
	mu   sync.Mutex
	at   []time.Time
}

func (l *sendLog) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.at = append(l.at, time.Now())
	l.mu.Unlock()
	return l.next.RoundTrip(r)
}

func (l *sendLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.at = nil
}

// peak returns the most requests sent within any window of length w.
func (l *sendLog) peak(w time.Duration) int {
	l.mu.Lock()
	at := slices.Clone(l.at)
	l.mu.Unlock()
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	most, first := 0, 0
	for i := range at {
		for at[i].Sub(at[first]) >= w {
			first++
		}
		most = max(most, i-first+1)
	}
	return most
}

// ackBenchRound sends text as every benchmark user at once and returns,
// for each command, the latency of its acknowledgement and, when final is
// set, of its final answer.
func ackBenchRound(b *testing.B, e *e2e, text string, final bool) []ackSample {
	samples := make([]ackSample, ackBenchUsers)
	errs := make(chan error, ackBenchUsers)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for i := range ackBenchUsers {
		wg.Go(func() {
			url, n := e.sl.NewResponseURL()
			sent := time.Now()
			id, err := e.sl.Send(slacktest.SlashCommand("/tt", text, fmt.Sprintf("Uu%03d", i)).With("response_url", url))
			if err != nil {
				errs <- err
				return
			}
			ack, err := e.sl.WaitAck(ctx, id)
			if err != nil {
				errs <- err
				return
			}
			if ack.Payload == nil {
				errs <- fmt.Errorf("ack of %q without a payload", text)
				return
			}
			s := &samples[i]
			s.ack = ack.At.Sub(sent)
			s.inAck = !provisional(ack.Payload)
			s.final = s.ack
			if !final || s.inAck {
				return
			}
			post, err := waitResponsePost(ctx, e.sl, n)
			if err != nil {
				errs <- err
				return
			}
			s.final = post.At.Sub(sent)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return samples
}

// provisional reports whether an acknowledgement is a note that the
// answer follows through the response_url.
func provisional(payload []byte) bool {
	var body struct{ Text string }
	_ = json.Unmarshal(payload, &body)
	return strings.Contains(body.Text, "Clockify is busy") || strings.HasPrefix(body.Text, ":hourglass_flowing_sand:")
}

// waitResponsePost waits for the first post to the n-th response_url.
func waitResponsePost(ctx context.Context, sl *slacktest.Server, n int) (slacktest.ResponsePost, error) {
	seen := sl.Activity()
	for {
		for _, p := range sl.ResponseURLPosts() {
			if p.N == n {
				return p, nil
			}
		}
		var err error
		if seen, err = sl.WaitActivity(ctx, seen); err != nil {
			return slacktest.ResponsePost{}, fmt.Errorf("wait for a post to response_url %d: %w", n, err)
		}
	}
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
