package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Config is clockbot's whole configuration, read from the environment with
// envconfig. The desc tags are what `clockbot help` prints.
type Config struct {
	ClockifyAPIKey      Secret        `envconfig:"CLOCKIFY_API_KEY" desc:"Clockify API key of a workspace admin (required; or CLOCKIFY_API_KEY_FILE)"`
	ClockifyWorkspaceID string        `envconfig:"CLOCKIFY_WORKSPACE_ID" desc:"Clockify workspace id; optional when the key sees exactly one workspace"`
	ClockifyAPIURL      string        `envconfig:"CLOCKIFY_API_URL" default:"https://api.clockify.me/api/v1" desc:"Clockify API base URL (regional or subdomain workspaces, tests)"`
	ClockifyReportsURL  string        `envconfig:"CLOCKIFY_REPORTS_URL" default:"https://reports.api.clockify.me/v1" desc:"Clockify Reports API base URL; by default follows a regional CLOCKIFY_API_URL (https://euc1.clockify.me/api/v1 gives https://euc1.clockify.me/report/v1)"`
	ClockifyMaxRPS      float64       `envconfig:"CLOCKIFY_MAX_RPS" default:"25" desc:"client-side limit of Clockify requests per second (Clockify allows 50 on paid plans); halved on each 429 and recovered gradually"`
	ClockifyConcurrency int           `envconfig:"CLOCKIFY_CONCURRENCY" default:"4" desc:"Clockify requests the sync sends at once (1-32); /tt timer calls never wait for them"`
	DB                  string        `envconfig:"CLOCKBOT_DB" default:"clockbot.db" desc:"path of the bbolt database file"`
	SyncInterval        time.Duration `envconfig:"SYNC_INTERVAL" default:"15m" desc:"how often the recent weeks are re-synced from Clockify"`
	SyncBackfillDays    int           `envconfig:"SYNC_BACKFILL_DAYS" default:"30" desc:"days of history fetched on first run (1-365)"`
	RetentionDays       int           `envconfig:"RETENTION_DAYS" default:"400" desc:"days of time entries kept; older ones are deleted after a successful sync (35-3660)"`
	LogLevel            string        `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	LogFormat           string        `envconfig:"LOG_FORMAT" default:"text" desc:"text or json"`

	SlackBotToken Secret `envconfig:"SLACK_BOT_TOKEN" desc:"Slack bot token, xoxb-... (or SLACK_BOT_TOKEN_FILE); needed by run and report --send"`
	SlackAppToken Secret `envconfig:"SLACK_APP_TOKEN" desc:"Slack app-level token for Socket Mode, xapp-... (or SLACK_APP_TOKEN_FILE); needed by run unless SLACK_SIGNING_SECRET turns on HTTP mode"`
	SlackAPIURL   string `envconfig:"SLACK_API_URL" default:"https://slack.com/api/" desc:"Slack Web API base URL (tests point it at a local fake)"`

	ReportSchedule      string  `envconfig:"REPORT_SCHEDULE" default:"MON 09:00" desc:"when the weekly report is sent: days and a time, e.g. MON 09:00 or MON,TUE 08:30"`
	ReportTimezone      string  `envconfig:"REPORT_TIMEZONE" default:"UTC" desc:"IANA zone of REPORT_SCHEDULE, and of users whose Clockify zone is unknown"`
	ReportMinHours      float64 `envconfig:"REPORT_MIN_HOURS" default:"25" desc:"weekly hours under which a person is flagged"`
	ReportWorkdays      string  `envconfig:"REPORT_WORKDAYS" default:"Mon,Tue,Wed,Thu,Fri" desc:"working days"`
	ReportHoursPerDay   float64 `envconfig:"REPORT_HOURS_PER_DAY" default:"8" desc:"hours in a working day, to count time off taken in hours"`
	ReportExclude       string  `envconfig:"REPORT_EXCLUDE" desc:"comma list of emails never flagged (the exception list; admins can change it in Slack)"`
	ReportTargets       string  `envconfig:"REPORT_TARGETS" desc:"per-person weekly targets, email=hours pairs, comma-separated"`
	ReportManagers      string  `envconfig:"REPORT_MANAGERS" desc:"comma list of Slack ids or emails: the managers of people without a Clockify team manager"`
	ReportAdmins        string  `envconfig:"REPORT_ADMINS" desc:"comma list of Slack user ids of the bot's admins"`
	ReportDelivery      string  `envconfig:"REPORT_DELIVERY" default:"group_dm" desc:"group_dm, private_channel or channel"`
	ReportChannelPrefix string  `envconfig:"REPORT_CHANNEL_PREFIX" default:"hours-" desc:"name prefix of the per-person private channels (private_channel delivery)"`
	ReportChannel       string  `envconfig:"REPORT_CHANNEL" desc:"channel id of the shared channel (channel delivery)"`

	ReportHeadsUp string `envconfig:"REPORT_HEADSUP" default:"15:00" desc:"local time (HH:MM, in each person's zone) of the heads-up DM on the last working day of the week to people whose week would be flagged; off turns it off"`

	NotifyChannel string `envconfig:"NOTIFY_CHANNEL" desc:"channel where timer starts and stops are posted for people who ran /tt notify on; empty disables it"`

	HTTPAddr               string `envconfig:"HTTP_ADDR" default:":8080" desc:"address of the HTTP listener (/healthz, /readyz, /metrics, webhooks, Slack HTTP mode); set it empty to turn the listener off"`
	ClockifyWebhookTokens  Secret `envconfig:"CLOCKIFY_WEBHOOK_TOKENS" desc:"comma list of the tokens of Clockify webhooks created in Clockify's UI (or CLOCKIFY_WEBHOOK_TOKENS_FILE); those of clockbot webhooks register are in the database"`
	TimeclockWebhookSecret Secret `envconfig:"TIMECLOCK_WEBHOOK_SECRET" desc:"shared secret of POST /webhooks/timeclock, at least 16 characters (or TIMECLOCK_WEBHOOK_SECRET_FILE); empty turns the endpoint off"`
	SlackSigningSecret     Secret `envconfig:"SLACK_SIGNING_SECRET" desc:"Slack app signing secret (or SLACK_SIGNING_SECRET_FILE); set, it turns on Slack's HTTP mode at /slack/commands, /slack/interactions and /slack/events"`
}

// secretNames lists the variables that may be read from <NAME>_FILE.
var secretNames = []string{"CLOCKIFY_API_KEY", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN",
	"CLOCKIFY_WEBHOOK_TOKENS", "TIMECLOCK_WEBHOOK_SECRET", "SLACK_SIGNING_SECRET"}

// secretVars lists the variables that may also be read from a file named by
// <NAME>_FILE, with a pointer to where each lands.
func (c *Config) secretVars() map[string]*Secret {
	return map[string]*Secret{
		"CLOCKIFY_API_KEY": &c.ClockifyAPIKey,
		"SLACK_BOT_TOKEN":  &c.SlackBotToken,
		"SLACK_APP_TOKEN":  &c.SlackAppToken,

		"CLOCKIFY_WEBHOOK_TOKENS":  &c.ClockifyWebhookTokens,
		"TIMECLOCK_WEBHOOK_SECRET": &c.TimeclockWebhookSecret,
		"SLACK_SIGNING_SECRET":     &c.SlackSigningSecret,
	}
}

// ConfigError is a configuration problem. It names the variable and makes the
// program exit with status 2 before anything starts.
type ConfigError struct {
	Var    string
	Reason string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("configuration: %s: %s (see `clockbot help`)", e.Var, e.Reason)
}

// loadConfig reads the configuration from the process environment, resolves
// <NAME>_FILE secrets and validates every value.
func loadConfig() (Config, error) {
	var c Config
	var errs configErrors
	if err := envconfig.Process("", &c); err != nil {
		var pe *envconfig.ParseError
		if !errors.As(err, &pe) {
			return c, fmt.Errorf("configuration: %w", err)
		}
		// Every unparsable variable, with the other problems, in one go.
		c, errs = processEach()
		for _, name := range secretNames {
			errs.add(readSecretFile(name, c.secretVars()[name]))
		}
		return c, errs.withoutRepeats(c.validate()).err()
	}
	for _, name := range secretNames {
		errs.add(readSecretFile(name, c.secretVars()[name]))
	}
	if len(errs) > 0 {
		return c, errs.err() // a missing secret would only repeat itself below
	}
	if err := c.followRegion(); err != nil {
		return c, err
	}
	return c, c.validate()
}

// kindOf names what a value of an envconfig type looks like.
func kindOf(typeName string) string {
	switch typeName {
	case "Duration", "time.Duration":
		return "a duration such as 15m or 1h"
	case "int":
		return "a whole number"
	case "float64":
		return "a number"
	}
	return "a valid " + typeName
}

// readSecretFile fills dst from the file named by name_FILE when that is set.
// Setting both the variable and the file is an error, so which one wins is
// never a surprise.
func readSecretFile(name string, dst *Secret) error {
	path, ok := os.LookupEnv(name + "_FILE")
	if !ok || path == "" {
		return nil
	}
	if *dst != "" {
		return &ConfigError{Var: name + "_FILE", Reason: "set together with " + name + "; use one of them"}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return &ConfigError{Var: name + "_FILE", Reason: fmt.Sprintf("cannot read %s: %v", path, errors.Unwrap(err))}
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return &ConfigError{Var: name + "_FILE", Reason: fmt.Sprintf("%s is empty", path)}
	}
	*dst = Secret(v)
	return nil
}

// validate checks values envconfig cannot check by type alone and returns
// every problem it finds, not only the first.
func (c *Config) validate() error {
	var errs configErrors
	if strings.TrimSpace(c.ClockifyAPIKey.Reveal()) == "" {
		errs.add(&ConfigError{Var: "CLOCKIFY_API_KEY", Reason: "required (or set CLOCKIFY_API_KEY_FILE)"})
	}
	errs.add(c.validateHTTP())
	if c.SyncInterval < time.Minute {
		errs.add(&ConfigError{Var: "SYNC_INTERVAL", Reason: fmt.Sprintf("%s is too short; use at least 1m", c.SyncInterval)})
	}
	if c.SyncBackfillDays < 1 || c.SyncBackfillDays > 365 {
		errs.add(&ConfigError{Var: "SYNC_BACKFILL_DAYS", Reason: fmt.Sprintf("%d is out of range 1-365", c.SyncBackfillDays)})
	}
	if c.ClockifyConcurrency < 1 || c.ClockifyConcurrency > 32 {
		errs.add(&ConfigError{Var: "CLOCKIFY_CONCURRENCY", Reason: fmt.Sprintf("%d is out of range 1-32", c.ClockifyConcurrency)})
	}
	if c.RetentionDays < 35 || c.RetentionDays > 3660 {
		errs.add(&ConfigError{Var: "RETENTION_DAYS", Reason: fmt.Sprintf("%d is out of range 35-3660 (the weeks the bot syncs and reports must stay)", c.RetentionDays)})
	} else if c.RetentionDays <= c.SyncBackfillDays {
		errs.add(&ConfigError{Var: "RETENTION_DAYS", Reason: fmt.Sprintf("%d must be more than SYNC_BACKFILL_DAYS (%d), or the backfill would be pruned", c.RetentionDays, c.SyncBackfillDays)})
	}
	if !finiteIn(c.ClockifyMaxRPS, 0, math.MaxFloat64) || c.ClockifyMaxRPS == 0 {
		errs.add(&ConfigError{Var: "CLOCKIFY_MAX_RPS", Reason: fmt.Sprintf("%v must be a number greater than 0", c.ClockifyMaxRPS)})
	}
	if c.DB == "" {
		errs.add(&ConfigError{Var: "CLOCKBOT_DB", Reason: "must not be empty"})
	}
	for _, u := range []struct{ name, v string }{{"CLOCKIFY_API_URL", c.ClockifyAPIURL}, {"CLOCKIFY_REPORTS_URL", c.ClockifyReportsURL}, {"SLACK_API_URL", c.SlackAPIURL}} {
		if err := checkURL(u.v); err != nil {
			errs.add(&ConfigError{Var: u.name, Reason: err.Error()})
		}
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		errs.add(&ConfigError{Var: "LOG_LEVEL", Reason: err.Error()})
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs.add(&ConfigError{Var: "LOG_FORMAT", Reason: fmt.Sprintf("%q is not text or json", c.LogFormat)})
	}
	errs.add(c.validateReport())
	return errs.err()
}

// checkURL accepts absolute http and https URLs.
func checkURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", v)
	}
	return nil
}

// helpFormat is the envconfig usage template of `clockbot help`.
const helpFormat = `{{range .}}{{usage_key .}}	{{usage_default .}}	{{usage_description .}}
{{end}}`

// printHelp writes the command summary and every variable with its default
// and meaning.
func printHelp(w io.Writer) error {
	fmt.Fprint(w, "clockbot: a Slack bot for teams that track time in Clockify.\n\n")
	if err := printCommands(w); err != nil {
		return fmt.Errorf("print help: %w", err)
	}
	fmt.Fprint(w, `
Every secret can also be read from a file named by <NAME>_FILE.

Environment:
`)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "VARIABLE\tDEFAULT\tMEANING\n")
	if err := envconfig.Usagef("", &Config{}, tw, helpFormat); err != nil {
		return fmt.Errorf("print help: %w", err)
	}
	return tw.Flush()
}
