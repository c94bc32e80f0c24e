package bottest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/slacktest"
)

// Ctx is a context that fails a hanging test after 10 seconds.
func Ctx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// LogEntry is one recorded log record with its attributes as text.
type LogEntry struct {
	Level slog.Level
	Msg   string
	Attrs map[string]string
}

// LogWatch is a slog.Handler that records every record and lets tests wait
// for one, so that they can synchronise on what the code under test did
// without sleeping.
type LogWatch struct {
	root  *logWatchRoot
	attrs []slog.Attr
	group string
}

type logWatchRoot struct {
	mu      sync.Mutex
	entries []LogEntry
	changed chan struct{}
}

// NewLogWatch returns an empty LogWatch.
func NewLogWatch() *LogWatch {
	return &LogWatch{root: &logWatchRoot{changed: make(chan struct{})}}
}

// Logger returns a logger writing to w.
func (w *LogWatch) Logger() *slog.Logger { return slog.New(w) }

func (w *LogWatch) Enabled(context.Context, slog.Level) bool { return true }

func (w *LogWatch) Handle(_ context.Context, r slog.Record) error {
	e := LogEntry{Level: r.Level, Msg: r.Message, Attrs: map[string]string{}}
	add := func(a slog.Attr) {
		key := a.Key
		if w.group != "" {
			key = w.group + "." + key
		}
		e.Attrs[key] = a.Value.Resolve().String()
	}
	for _, a := range w.attrs {
		add(a)
	}
	r.Attrs(func(a slog.Attr) bool { add(a); return true })
	w.root.mu.Lock()
	defer w.root.mu.Unlock()
	w.root.entries = append(w.root.entries, e)
	close(w.root.changed)
	w.root.changed = make(chan struct{})
	return nil
}

func (w *LogWatch) WithAttrs(as []slog.Attr) slog.Handler {
	return &LogWatch{root: w.root, attrs: append(slices.Clip(w.attrs), as...), group: w.group}
}

func (w *LogWatch) WithGroup(name string) slog.Handler {
	return &LogWatch{root: w.root, attrs: w.attrs, group: name}
}

// Entries returns the records so far.
func (w *LogWatch) Entries() []LogEntry {
	w.root.mu.Lock()
	defer w.root.mu.Unlock()
	return slices.Clone(w.root.entries)
}

// Wait blocks until a record with message msg and (at least) the attribute
// values in attrs is logged, and returns the first such record.
func (w *LogWatch) Wait(ctx context.Context, msg string, attrs map[string]string) (LogEntry, error) {
	for {
		w.root.mu.Lock()
		for _, e := range w.root.entries {
			if e.Msg == msg && matchAttrs(e.Attrs, attrs) {
				w.root.mu.Unlock()
				return e, nil
			}
		}
		ch := w.root.changed
		w.root.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return LogEntry{}, fmt.Errorf("wait for log %q %v: %w", msg, attrs, ctx.Err())
		}
	}
}

func matchAttrs(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// String renders the records for failure messages.
func (w *LogWatch) String() string {
	var b strings.Builder
	for _, e := range w.Entries() {
		fmt.Fprintf(&b, "%s %q %v\n", e.Level, e.Msg, e.Attrs)
	}
	return b.String()
}

// Running is a runtime's Run running in a goroutine.
type Running struct {
	cancel context.CancelFunc
	done   chan error
}

// Start calls run in a goroutine until the test ends, then checks that it
// returned nil. It waits for the first connection to the fake Slack sl.
func Start(t testing.TB, sl *slacktest.Server, run func(ctx context.Context) error) *Running {
	t.Helper()
	rs := &Running{done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	rs.cancel = cancel
	go func() { rs.done <- run(ctx) }()
	t.Cleanup(func() {
		if err := rs.Stop(t); err != nil {
			t.Errorf("Run() = %v, want nil", err)
		}
	})
	if err := sl.WaitConnected(Ctx(t), 1); err != nil {
		t.Fatal(err)
	}
	return rs
}

// Done delivers what Run returned, once it has.
func (rs *Running) Done() <-chan error { return rs.done }

// Cancel cancels Run's context without waiting for it to return.
func (rs *Running) Cancel() { rs.cancel() }

// Stop cancels Run's context and returns what Run returned (it fails the
// test when Run does not return within 10 seconds). It may be called more
// than once.
func (rs *Running) Stop(t testing.TB) error {
	t.Helper()
	rs.cancel()
	select {
	case err, ok := <-rs.done:
		if ok {
			close(rs.done)
		}
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s of its context being cancelled")
		return nil
	}
}

// AckBody is a decoded acknowledgement payload.
type AckBody struct {
	ResponseType   string            `json:"response_type"`
	Text           string            `json:"text"`
	ResponseAction string            `json:"response_action"`
	Errors         map[string]string `json:"errors"`
	View           *struct {
		Blocks []struct {
			Text struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"blocks"`
	} `json:"view"`
	Options *[]json.RawMessage `json:"options"`
}

// DecodeAck decodes an acknowledgement's payload; a missing payload gives
// the zero AckBody.
func DecodeAck(t testing.TB, ack slacktest.Ack) AckBody {
	t.Helper()
	var b AckBody
	if ack.Payload == nil {
		return b
	}
	if err := json.Unmarshal(ack.Payload, &b); err != nil {
		t.Fatalf("ack payload %s: %v", ack.Payload, err)
	}
	return b
}

// ViewText is the text of the first block of an update view.
func (b AckBody) ViewText() string {
	if b.View == nil || len(b.View.Blocks) == 0 {
		return ""
	}
	return b.View.Blocks[0].Text.Text
}
