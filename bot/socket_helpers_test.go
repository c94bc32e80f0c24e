package bot

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
	"github.com/slack-go/slack"
)

// sockCtx is a context that fails a hanging test after 10 seconds.
func sockCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// logEntry is one recorded log record with its attributes as text.
type logEntry struct {
	Level slog.Level
	Msg   string
	Attrs map[string]string
}

// logWatch is a slog.Handler that records every record and lets tests wait
// for one, so that they can synchronise on what the code under test did
// without sleeping.
type logWatch struct {
	root  *logWatchRoot
	attrs []slog.Attr
	group string
}

type logWatchRoot struct {
	mu      sync.Mutex
	entries []logEntry
	changed chan struct{}
}

func newLogWatch() *logWatch {
	return &logWatch{root: &logWatchRoot{changed: make(chan struct{})}}
}

// Logger returns a logger writing to w.
func (w *logWatch) Logger() *slog.Logger { return slog.New(w) }

func (w *logWatch) Enabled(context.Context, slog.Level) bool { return true }

func (w *logWatch) Handle(_ context.Context, r slog.Record) error {
	e := logEntry{Level: r.Level, Msg: r.Message, Attrs: map[string]string{}}
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

func (w *logWatch) WithAttrs(as []slog.Attr) slog.Handler {
	return &logWatch{root: w.root, attrs: append(slices.Clip(w.attrs), as...), group: w.group}
}

func (w *logWatch) WithGroup(name string) slog.Handler {
	return &logWatch{root: w.root, attrs: w.attrs, group: name}
}

// Entries returns the records so far.
func (w *logWatch) Entries() []logEntry {
	w.root.mu.Lock()
	defer w.root.mu.Unlock()
	return slices.Clone(w.root.entries)
}

// Wait blocks until a record with message msg and (at least) the attribute
// values in attrs is logged, and returns the first such record.
func (w *logWatch) Wait(ctx context.Context, msg string, attrs map[string]string) (logEntry, error) {
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
			return logEntry{}, fmt.Errorf("wait for log %q %v: %w", msg, attrs, ctx.Err())
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
func (w *logWatch) String() string {
	var b strings.Builder
	for _, e := range w.Entries() {
		fmt.Fprintf(&b, "%s %q %v\n", e.Level, e.Msg, e.Attrs)
	}
	return b.String()
}

// runningSocket is a SocketApp running in a goroutine.
type runningSocket struct {
	app    *SocketApp
	cancel context.CancelFunc
	done   chan error
}

// startSocket runs a SocketApp for r against the fake Slack sl until the
// test ends, then checks that Run returned nil. It waits for the first
// connection.
func startSocket(t testing.TB, sl *slacktest.Server, r *Router, cfg SocketConfig, log *slog.Logger) *runningSocket {
	t.Helper()
	api := slack.New(sl.BotToken, slack.OptionAppLevelToken(sl.AppToken), slack.OptionAPIURL(sl.APIURL))
	rs := &runningSocket{app: NewSocketApp(api, r, cfg, log), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	rs.cancel = cancel
	go func() { rs.done <- rs.app.Run(ctx) }()
	t.Cleanup(func() {
		if err := rs.stop(t); err != nil {
			t.Errorf("Run() = %v, want nil", err)
		}
	})
	if err := sl.WaitConnected(sockCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	return rs
}

// stop cancels Run's context and returns what Run returned (it fails the
// test when Run does not return within 10 seconds). It may be called more
// than once.
func (rs *runningSocket) stop(t testing.TB) error {
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

// ackBody is a decoded acknowledgement payload.
type ackBody struct {
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

// decodeAck decodes an acknowledgement's payload; a missing payload gives
// the zero ackBody.
func decodeAck(t testing.TB, ack slacktest.Ack) ackBody {
	t.Helper()
	var b ackBody
	if ack.Payload == nil {
		return b
	}
	if err := json.Unmarshal(ack.Payload, &b); err != nil {
		t.Fatalf("ack payload %s: %v", ack.Payload, err)
	}
	return b
}

// viewText is the text of the first block of an update view.
func (b ackBody) viewText() string {
	if b.View == nil || len(b.View.Blocks) == 0 {
		return ""
	}
	return b.View.Blocks[0].Text.Text
}
