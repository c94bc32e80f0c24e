package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"unicode"
)

// minSharedSecret is the shortest TIMECLOCK_WEBHOOK_SECRET accepted.
const minSharedSecret = 16

// validateHTTP checks the listener's variables: HTTP_ADDR is host:port or
// empty, the webhook tokens a comma list without blanks, the shared and
// signing secrets long enough and without spaces. Secrets never appear in
// the reasons.
func (c *Config) validateHTTP() error {
	var errs configErrors
	if c.HTTPAddr != "" {
		_, port, err := net.SplitHostPort(c.HTTPAddr)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
			errs.add(&ConfigError{Var: "HTTP_ADDR", Reason: fmt.Sprintf("%q is not host:port such as :8080 (set it empty to turn the listener off)", c.HTTPAddr)})
		}
	}
	if raw := c.ClockifyWebhookTokens.Reveal(); raw != "" {
		for i, t := range strings.Split(raw, ",") {
			if strings.TrimSpace(t) == "" {
				errs.add(&ConfigError{Var: "CLOCKIFY_WEBHOOK_TOKENS", Reason: fmt.Sprintf("item %d is empty; give a comma list of tokens", i+1)})
				break
			}
		}
	}
	if s := c.TimeclockWebhookSecret.Reveal(); s != "" && (len(s) < minSharedSecret || strings.IndexFunc(s, unicode.IsSpace) >= 0) {
		errs.add(&ConfigError{Var: "TIMECLOCK_WEBHOOK_SECRET", Reason: fmt.Sprintf("use at least %d characters without spaces", minSharedSecret)})
	}
	if s := c.SlackSigningSecret.Reveal(); s != "" && strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		errs.add(&ConfigError{Var: "SLACK_SIGNING_SECRET", Reason: "contains spaces; copy it from the app's Basic Information page"})
	}
	return errs.err()
}

// WebhookTokens returns CLOCKIFY_WEBHOOK_TOKENS as a list.
func (c *Config) WebhookTokens() []string {
	var out []string
	for _, t := range strings.Split(c.ClockifyWebhookTokens.Reveal(), ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
