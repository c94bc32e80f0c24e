package main

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/slacktest"
	"github.com/clockbot/clockbot/clockify/clockifytest"
	"github.com/clockbot/clockbot/store"
)

// doctorEnv is a setup where every check passes: fake Clockify and fake
// Slack, the bot in both channels, a synced database.
type doctorEnv struct {
	cf *clockifytest.Server
	sl *slacktest.Server
	db string
}

func newDoctorEnv(t *testing.T, cfOpts []clockifytest.Option, slOpts []slacktest.Option) doctorEnv {
	t.Helper()
	fastSlackRetries(t)
	e := doctorEnv{cf: clockifytest.NewTB(t, cfOpts...), sl: slacktest.NewTB(t, slOpts...)}
	e.db = fakeEnv(t, e.cf)
	e.sl.AddChannel("CREPORT", "hours", false, e.sl.BotUserID)
	e.sl.AddChannel("CNOTIFY", "timers", true, e.sl.BotUserID)
	t.Setenv("SLACK_BOT_TOKEN", e.sl.BotToken)
	t.Setenv("SLACK_APP_TOKEN", e.sl.AppToken)
	t.Setenv("SLACK_API_URL", e.sl.APIURL)
	t.Setenv("REPORT_CHANNEL", "CREPORT")
	t.Setenv("NOTIFY_CHANNEL", "CNOTIFY")
	return e
}

var checkLine = regexp.MustCompile(`^[✓✗] [^:]+: .+$`)

// TestDoctor runs `clockbot doctor` against the fakes: one line per check,
// ✓ or ✗ with the fix, exit 0 only when every check passed, no secret.
func TestDoctor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfOpts  []clockifytest.Option
		slOpts  []slacktest.Option
		setup   func(t *testing.T, e doctorEnv)
		wantOK  bool
		want    []string // substrings of the output
		wantBad []string // names of the checks that must fail
	}{
		{name: "all good", wantOK: true, setup: func(t *testing.T, e doctorEnv) {
			if err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
		}, want: []string{"✓ Clockify API key", "✓ Clockify workspace", "Clockify plan: PRO_YEAR_2021", "✓ Clockify Time off: on",
			"✓ Slack bot token", "all 12 scopes", "✓ Slack app token", "✓ REPORT_CHANNEL CREPORT: the bot is a member",
			"✓ NOTIFY_CHANNEL CNOTIFY", "schema version " + strconv.Itoa(store.SchemaVersion) + " (current)"}},
		{name: "no database yet", wantOK: true, want: []string{"does not exist yet"}},
		{name: "free plan", wantOK: true, cfOpts: []clockifytest.Option{clockifytest.WithFreePlan()},
			want: []string{"✓ Clockify plan: FREE: about 30 requests an hour"}},
		{name: "time off off", wantOK: true, cfOpts: []clockifytest.Option{clockifytest.WithTimeOffDisabled()},
			want: []string{"Clockify plan: BASIC_YEAR_2021", "✓ Clockify Time off: off on this plan (the holidays request answered 403)"}},
		{name: "several workspaces", setup: func(t *testing.T, e doctorEnv) { e.cf.AddWorkspace("ws-2", "Side project") },
			wantBad: []string{"Clockify workspace"}, want: []string{"set CLOCKIFY_WORKSPACE_ID to one of:", "ws-2 (Side project)"}},
		{name: "wrong workspace", setup: func(t *testing.T, e doctorEnv) { t.Setenv("CLOCKIFY_WORKSPACE_ID", "ws-nope") },
			wantBad: []string{"Clockify workspace"}, want: []string{"CLOCKIFY_WORKSPACE_ID=ws-nope is not a workspace of this key"}},
		{name: "wrong clockify key", setup: func(t *testing.T, e doctorEnv) { t.Setenv("CLOCKIFY_API_KEY", "wrong-key-abcdefgh") },
			wantBad: []string{"Clockify API key"}, want: []string{"wrong…", "set CLOCKIFY_API_KEY"}},
		{name: "missing scopes", slOpts: []slacktest.Option{slacktest.WithScopes("commands", "chat:write", "users:read", "users:read.email", "im:write", "mpim:write", "groups:write", "groups:read")},
			// Without channels:history the channels cannot be checked either, as on real Slack (missing_scope).
			wantBad: []string{"Slack bot scopes", "REPORT_CHANNEL CREPORT", "NOTIFY_CHANNEL CNOTIFY"},
			want:    []string{"lacks im:history, mpim:history, groups:history, channels:history", "reinstall", "cannot be checked: the token lacks channels:history"}},
		{name: "wrong bot token", setup: func(t *testing.T, e doctorEnv) { t.Setenv("SLACK_BOT_TOKEN", "xoxb-wrong-1234567") },
			wantBad: []string{"Slack bot token"}, want: []string{"invalid_auth", "SLACK_BOT_TOKEN"}},
		{name: "wrong app token", setup: func(t *testing.T, e doctorEnv) { t.Setenv("SLACK_APP_TOKEN", "xapp-wrong-1234567") },
			wantBad: []string{"Slack app token"}, want: []string{"apps.connections.open: invalid_auth", "SLACK_APP_TOKEN"}},
		{name: "no slack tokens", setup: func(t *testing.T, e doctorEnv) {
			os.Unsetenv("SLACK_BOT_TOKEN")
			os.Unsetenv("SLACK_APP_TOKEN")
		}, wantBad: []string{"Slack bot token", "Slack app token"}, want: []string{"SLACK_BOT_TOKEN is not set", "SLACK_APP_TOKEN is not set"}},
		{name: "bot not in channel", setup: func(t *testing.T, e doctorEnv) {
			e.sl.AddChannel("COUT", "general", false)
			t.Setenv("REPORT_CHANNEL", "COUT")
		}, wantBad: []string{"REPORT_CHANNEL COUT"}, want: []string{"not a member", "/invite @clockbot"}},
		{name: "private channel without the bot", setup: func(t *testing.T, e doctorEnv) {
			e.sl.AddChannel("GSECRET", "secret", true)
			t.Setenv("NOTIFY_CHANNEL", "GSECRET")
		}, wantBad: []string{"NOTIFY_CHANNEL GSECRET"}, want: []string{"no channel with this id"}},
		{name: "database in use", wantOK: true, setup: func(t *testing.T, e doctorEnv) {
			if err := run(t.Context(), []string{"sync"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(e.db) // as the running bot holds it
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
		}, want: []string{"opens and is consistent (a copy: the running bot holds it); schema version " + strconv.Itoa(store.SchemaVersion) + " (current)"}},
		{name: "not a database", setup: func(t *testing.T, e doctorEnv) {
			if err := os.WriteFile(e.db, bytes.Repeat([]byte("not bolt "), 2000), 0o600); err != nil {
				t.Fatal(err)
			}
		}, wantBad: []string{"database " + "*"}},
		{name: "configuration errors", setup: func(t *testing.T, e doctorEnv) {
			os.Unsetenv("CLOCKIFY_API_KEY")
			t.Setenv("REPORT_TIMEZONE", "Mars/Olympus")
		}, wantBad: []string{"configuration", "configuration"}, want: []string{"CLOCKIFY_API_KEY", "REPORT_TIMEZONE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newDoctorEnv(t, tc.cfOpts, tc.slOpts)
			if tc.setup != nil {
				tc.setup(t, e)
			}
			var out, errOut bytes.Buffer
			err := run(t.Context(), []string{"doctor"}, &out, &errOut)
			text := out.String()
			if (err == nil) != tc.wantOK {
				t.Errorf("doctor = %v, want success %v\n%s", err, tc.wantOK, text)
			}
			if err != nil && exitCode(err) != 1 {
				t.Errorf("exit status %d, want 1", exitCode(err))
			}
			var failed []string
			for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
				if !checkLine.MatchString(l) {
					t.Errorf("line %q is not a check line", l)
				}
				if strings.HasPrefix(l, "✗") {
					if !strings.Contains(l, "; fix: ") {
						t.Errorf("failed check without a fix: %q", l)
					}
					name, _, _ := strings.Cut(strings.TrimPrefix(l, "✗ "), ":")
					failed = append(failed, name)
				}
			}
			for _, name := range tc.wantBad {
				if !slices.ContainsFunc(failed, func(f string) bool {
					return f == name || (strings.HasSuffix(name, "*") && strings.HasPrefix(f, strings.TrimSuffix(name, "*")))
				}) {
					t.Errorf("check %q did not fail; failed: %q\n%s", name, failed, text)
				}
			}
			if len(failed) != len(tc.wantBad) {
				t.Errorf("failed checks %q, want exactly %q\n%s", failed, tc.wantBad, text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			all := text + errOut.String()
			for _, secret := range []string{e.cf.APIKey, e.sl.BotToken, e.sl.AppToken, "wrong-key-abcdefgh", "xoxb-wrong-1234567", "xapp-wrong-1234567"} {
				if strings.Contains(all, secret) || strings.Contains(all, secret[:7]) {
					t.Errorf("output shows the secret %s…", secret[:5])
				}
			}
		})
	}
}

// TestManifestScopes keeps the doctor's and the fake Slack's scopes equal
// to those slack-app-manifest.yaml asks for.
func TestManifestScopes(t *testing.T) {
	mf := readRepoFile(t, "slack-app-manifest.yaml")
	_, rest, ok := strings.Cut(mf, "\n    bot:\n")
	if !ok {
		t.Fatal("no oauth_config.scopes.bot in the manifest")
	}
	var scopes []string
	for _, l := range strings.Split(rest, "\n") {
		s, ok := strings.CutPrefix(l, "      - ")
		if !ok {
			break
		}
		scopes = append(scopes, strings.TrimSpace(s))
	}
	if !slices.Equal(scopes, manifestBotScopes) || !slices.Equal(scopes, slacktest.DefaultBotScopes) {
		t.Errorf("manifest bot scopes %q; doctor has %q, the fake %q", scopes, manifestBotScopes, slacktest.DefaultBotScopes)
	}
}
