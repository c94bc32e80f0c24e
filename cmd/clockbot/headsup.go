package main

import (
	"fmt"
	"strings"

	"github.com/clockbot/clockbot/bot/nudges"
)

// headsUp is REPORT_HEADSUP as the nudges take it: "HH:MM", or
// nudges.HeadsUpOff.
func (c *Config) headsUp() (string, error) {
	v := strings.TrimSpace(c.ReportHeadsUp)
	if strings.EqualFold(v, nudges.HeadsUpOff) {
		return nudges.HeadsUpOff, nil
	}
	at, ok := nudges.ParseClock(v)
	if !ok {
		return "", &ConfigError{Var: "REPORT_HEADSUP", Reason: fmt.Sprintf("%q is not a time of day such as 15:00, or off", c.ReportHeadsUp)}
	}
	return at, nil
}
