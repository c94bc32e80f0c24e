package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/httpserver"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

const hookURL = "https://bot.example/webhooks/clockify"

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(t.Context(), args, &out, &errOut); err != nil {
		t.Fatalf("clockbot %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func storedHooks(t *testing.T, db string) []store.RegisteredWebhook {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ws, err := st.Webhooks()
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func TestWebhooksRegisterWithinLimits(t *testing.T) {
	tests := []struct {
		name             string
		mine, others     int
		wantRegistered   int
		wantSkippedCause string
	}{
		{"admin limit", 0, 0, 10, "this admin has 10 webhooks"},
		{"admin already has 7", 7, 0, 3, "this admin has 10 webhooks"},
		{"workspace limit", 0, 96, 4, "the workspace has 100 webhooks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := clockifytest.NewTB(t)
			for i := 0; i < tc.mine; i++ {
				fake.AddWebhook(clockifytest.Webhook{Event: "NEW_TAG", URL: "https://other.example"})
			}
			for i := 0; i < tc.others; i++ {
				fake.AddWebhook(clockifytest.Webhook{UserID: "admin-2", Event: "NEW_TAG", URL: "https://other.example"})
			}
			db := fakeEnv(t, fake)
			out := runOK(t, "webhooks", "register", "--url", hookURL)
			if got := strings.Count(out, "registered NEW_") + strings.Count(out, "registered TIME") +
				strings.Count(out, "registered USER") + strings.Count(out, "registered PROJECT"); got != tc.wantRegistered {
				t.Errorf("registered %d, want %d:\n%s", got, tc.wantRegistered, out)
			}
			if skipped := 17 - tc.wantRegistered; !strings.Contains(out, tc.wantSkippedCause) ||
				!strings.Contains(out, "skipped") || strings.Count(out, "\nskipped ") != skipped {
				t.Errorf("output does not list %d skipped events with %q:\n%s", skipped, tc.wantSkippedCause, out)
			}
			hooks := storedHooks(t, db)
			if len(hooks) != tc.wantRegistered {
				t.Fatalf("%d webhooks stored, want %d", len(hooks), tc.wantRegistered)
			}
			inFake := map[string]clockifytest.Webhook{}
			for _, w := range fake.Webhooks() {
				inFake[w.ID] = w
			}
			for _, h := range hooks {
				w, ok := inFake[h.ID]
				if !ok || w.Token != h.Token || w.Event != h.Event || w.URL != hookURL || w.TriggerSourceType != "WORKSPACE_ID" {
					t.Errorf("stored %+v, Clockify has %+v", h, w)
				}
			}
			if strings.Contains(out, hooks[0].Token) {
				t.Error("register printed a token")
			}
		})
	}
}

func TestWebhooksListRotateDelete(t *testing.T) {
	fake := clockifytest.NewTB(t)
	db := fakeEnv(t, fake)
	runOK(t, "webhooks", "register", "--url", hookURL)
	again := runOK(t, "webhooks", "register", "--url", hookURL)
	if strings.Count(again, "already registered") != 10 || len(fake.Webhooks()) != 10 {
		t.Errorf("a second register created webhooks again:\n%s", again)
	}
	before := storedHooks(t, db)

	list := runOK(t, "webhooks", "list")
	if lines := strings.Count(list, "\n"); lines != 11 || !strings.Contains(list, "none yet") || !strings.Contains(list, "enabled") {
		t.Errorf("list:\n%s\nwant a header and 10 webhooks with their delivery status", list)
	}

	runOK(t, "webhooks", "rotate")
	after := storedHooks(t, db)
	inFake := map[string]string{}
	for _, w := range fake.Webhooks() {
		inFake[w.ID] = w.Token
	}
	for i, h := range after {
		if h.Token == before[i].Token || inFake[h.ID] != h.Token {
			t.Errorf("%s: token not rotated in both places", h.Event)
		}
	}

	out := runOK(t, "webhooks", "delete")
	if strings.Count(out, "deleted") != 10 || len(fake.Webhooks()) != 0 || len(storedHooks(t, db)) != 0 {
		t.Errorf("delete left webhooks: fake %d, store %d\n%s", len(fake.Webhooks()), len(storedHooks(t, db)), out)
	}
}

func TestWebhooksUsage(t *testing.T) {
	fake := clockifytest.NewTB(t)
	fakeEnv(t, fake)
	for _, args := range [][]string{
		{"webhooks"},
		{"webhooks", "register"},
		{"webhooks", "register", "--url", "http://bot.example/webhooks/clockify"},
		{"webhooks", "register", "--url", "https://bot.example/other"},
		{"webhooks", "prune"},
		{"webhooks", "list", "extra"},
	} {
		err := run(t.Context(), args, &bytes.Buffer{}, &bytes.Buffer{})
		var ue *usageError
		if !errors.As(err, &ue) || exitCode(err) != 2 {
			t.Errorf("clockbot %v = %v, want a usage error", args, err)
		}
	}
	if fake.Requests() != 0 {
		t.Errorf("usage errors sent %d requests to Clockify", fake.Requests())
	}
}

type readiness struct{ err error }

func (r readiness) Ready(context.Context) error { return r.err }

func TestHealthcheckCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{{"ready", nil}, {"not ready", errors.New("no successful sync yet")}} {
		t.Run(tc.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- httpserver.New(httpserver.Config{Readiness: readiness{tc.err}}).Serve(ctx, ln) }()
			defer func() { cancel(); <-done }()
			clearEnv(t)
			t.Setenv("HTTP_ADDR", ln.Addr().String())
			var out bytes.Buffer
			err = run(t.Context(), []string{"healthcheck"}, &out, &bytes.Buffer{})
			switch {
			case tc.err == nil && (err != nil || out.String() != "ready\n"):
				t.Errorf("healthcheck = %v, %q; want ready", err, out.String())
			case tc.err != nil && (err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), tc.err.Error())):
				t.Errorf("healthcheck = %v; want exit 1 with the reason", err)
			}
		})
	}
	t.Run("nothing listening", func(t *testing.T) {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		clearEnv(t)
		t.Setenv("HTTP_ADDR", addr)
		if err := run(t.Context(), []string{"healthcheck"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || exitCode(err) != 1 {
			t.Errorf("healthcheck = %v, want exit 1", err)
		}
	})
}
