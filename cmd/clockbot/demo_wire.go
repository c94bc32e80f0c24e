package main

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/clockbot/clockbot/store"
)

// startDemoBot runs the bot exactly as `clockbot run` does, in the
// background, with the environment env that points it at the demo's fakes
// (setenv sets each variable: os.Setenv in the command, t.Setenv in tests).
// The returned channel gets run's result once ctx is done.
//
// This is the demo's only wiring of the bot: when the bot is built with
// bot.New(Config, Deps), it builds the Config from env the same way `run`
// does and starts it here.
func startDemoBot(ctx context.Context, env map[string]string, setenv func(k, v string) error, stderr io.Writer) (<-chan error, error) {
	for k, v := range demoEnvironment(env) {
		if err := setenv(k, v); err != nil {
			return nil, fmt.Errorf("demo: set %s: %w", k, err)
		}
	}
	done := make(chan error, 1)
	go func() { done <- runBot(ctx, nil, stderr) }()
	return done, nil
}

// prepareDemoDB creates the demo's database as if the bot had run on it
// since yesterday, so that this week's scheduled report (at 00:00 UTC
// today, see demo.Fakes.Env) is a missed run that the bot sends at start,
// through its real delivery, and the first-start notice is not repeated.
func prepareDemoDB(path string, now time.Time) error {
	since := now.UTC().Truncate(24 * time.Hour).Add(-time.Hour)
	st, err := store.Open(path, store.WithClock(func() time.Time { return since }))
	if err != nil {
		return fmt.Errorf("demo database: %w", err)
	}
	if err := st.PutSetting(store.FirstStartKey(), since); err != nil {
		st.Close()
		return fmt.Errorf("demo database: %w", err)
	}
	return st.Close()
}

// demoEnvironment is env completed with every other variable of Config
// at its default (the HTTP listener off), and the secret files unset, so that nothing in the
// caller's environment (a real NOTIFY_CHANNEL, say) leaks into the demo.
func demoEnvironment(env map[string]string) map[string]string {
	out := map[string]string{}
	t := reflect.TypeFor[Config]()
	for i := range t.NumField() {
		f := t.Field(i)
		if name := f.Tag.Get("envconfig"); name != "" {
			out[name] = f.Tag.Get("default")
		}
	}
	for name := range (&Config{}).secretVars() {
		out[name+"_FILE"] = ""
	}
	// The demo serves its own page on DEMO_ADDR; the bot's HTTP listener
	// (default :8080 on every interface) stays off, so the demo binds
	// nothing but loopback and never collides with a service on 8080.
	out["HTTP_ADDR"] = ""
	for k, v := range env {
		out[k] = v
	}
	return out
}
