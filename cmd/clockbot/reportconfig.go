package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/clockbot/clockbot/bot/delivery"
	"github.com/clockbot/clockbot/bot/report"
	"github.com/clockbot/clockbot/bot/weekly"
)

// validateReport checks the Slack and report variables and returns every
// problem it finds.
func (c *Config) validateReport() error {
	var errs configErrors
	if v := c.SlackBotToken.Reveal(); v != "" && !strings.HasPrefix(v, "xoxb-") {
		errs.add(&ConfigError{Var: "SLACK_BOT_TOKEN", Reason: fmt.Sprintf("%s does not start with xoxb- (use the Bot User OAuth Token)", c.SlackBotToken)})
	}
	if v := c.SlackAppToken.Reveal(); v != "" && !strings.HasPrefix(v, "xapp-") {
		errs.add(&ConfigError{Var: "SLACK_APP_TOKEN", Reason: fmt.Sprintf("%s does not start with xapp- (use an app-level token with connections:write)", c.SlackAppToken)})
	}
	_, err := c.reportConfig()
	errs.add(err)
	if _, err := parseSchedule(c.ReportSchedule); err != nil {
		errs.add(&ConfigError{Var: "REPORT_SCHEDULE", Reason: err.Error()})
	}
	if _, err := c.headsUp(); err != nil {
		errs.add(err)
	}
	if _, err := splitSlackIDs(c.ReportAdmins); err != nil {
		errs.add(&ConfigError{Var: "REPORT_ADMINS", Reason: err.Error()})
	}
	switch c.ReportDelivery {
	case delivery.GroupDM, delivery.PrivateChannel:
	case delivery.Channel:
		if c.ReportChannel == "" {
			errs.add(&ConfigError{Var: "REPORT_CHANNEL", Reason: "required when REPORT_DELIVERY=channel"})
		}
	default:
		errs.add(&ConfigError{Var: "REPORT_DELIVERY", Reason: fmt.Sprintf("%q is not group_dm, private_channel or channel", c.ReportDelivery)})
	}
	if p := c.ReportChannelPrefix; p == "" || len(p) > 40 || strings.ToLower(p) != p || strings.ContainsAny(p, " #,.") {
		errs.add(&ConfigError{Var: "REPORT_CHANNEL_PREFIX", Reason: fmt.Sprintf("%q must be 1-40 lower-case characters without spaces, dots or commas", p)})
	}
	return errs.err()
}

// reportConfig turns the report variables into the bot's ReportConfig. Every
// number must be finite and in range; the error lists every wrong variable.
func (c *Config) reportConfig() (report.Config, error) {
	var rc report.Config
	var errs configErrors
	loc, err := time.LoadLocation(c.ReportTimezone)
	if err != nil || c.ReportTimezone == "" {
		errs.add(&ConfigError{Var: "REPORT_TIMEZONE", Reason: fmt.Sprintf("%q is not an IANA time zone such as Europe/Berlin", c.ReportTimezone)})
	}
	days, err := weekly.ParseWorkdays(c.ReportWorkdays)
	if err != nil {
		errs.add(&ConfigError{Var: "REPORT_WORKDAYS", Reason: err.Error()})
	}
	if !finiteIn(c.ReportMinHours, 0, 168) {
		errs.add(&ConfigError{Var: "REPORT_MIN_HOURS", Reason: fmt.Sprintf("%v is not a number in range 0-168", c.ReportMinHours)})
	}
	if !finiteIn(c.ReportHoursPerDay, 0, 24) || c.ReportHoursPerDay == 0 {
		errs.add(&ConfigError{Var: "REPORT_HOURS_PER_DAY", Reason: fmt.Sprintf("%v is not a number in range (0, 24]", c.ReportHoursPerDay)})
	}
	rc.Params = weekly.Params{Workdays: days, MinHours: c.ReportMinHours, HoursPerDay: c.ReportHoursPerDay, DefaultLocation: loc}
	for _, e := range splitList(c.ReportExclude) {
		if !strings.Contains(e, "@") {
			errs.add(&ConfigError{Var: "REPORT_EXCLUDE", Reason: fmt.Sprintf("%q is not an email address", e)})
			continue
		}
		rc.Exclude = append(rc.Exclude, strings.ToLower(e))
	}
	rc.Targets = map[string]float64{}
	for _, pair := range splitList(c.ReportTargets) {
		email, hours, ok := strings.Cut(pair, "=")
		h, err := strconv.ParseFloat(strings.TrimSpace(hours), 64)
		email = strings.ToLower(strings.TrimSpace(email))
		if !ok || err != nil || !strings.Contains(email, "@") || !finiteIn(h, 0, 168) {
			errs.add(&ConfigError{Var: "REPORT_TARGETS", Reason: fmt.Sprintf("%q is not email=hours with hours a number in 0-168", pair)})
			continue
		}
		rc.Targets[email] = h
	}
	return rc, errs.err()
}

// schedule is a parsed REPORT_SCHEDULE.
type schedule struct {
	Days         []time.Weekday
	Hour, Minute int
}

// parseSchedule reads "MON 09:00" or "MON,THU 08:30".
func parseSchedule(s string) (schedule, error) {
	var sc schedule
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return sc, fmt.Errorf("%q is not days and a time such as MON 09:00", s)
	}
	days, err := weekly.ParseWorkdays(fields[0])
	if err != nil {
		return sc, err
	}
	t, err := time.Parse("15:04", fields[1])
	if err != nil {
		return sc, fmt.Errorf("%q is not a 24-hour time such as 09:00", fields[1])
	}
	return schedule{Days: days, Hour: t.Hour(), Minute: t.Minute()}, nil
}

// splitList splits a comma list, trimming blanks.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// splitSlackIDs splits a comma list of Slack user ids.
func splitSlackIDs(s string) ([]string, error) {
	ids := splitList(s)
	for _, id := range ids {
		if len(id) < 2 || (id[0] != 'U' && id[0] != 'W') || strings.ToUpper(id) != id {
			return nil, fmt.Errorf("%q is not a Slack user id such as U012AB3CD", id)
		}
	}
	return ids, nil
}
