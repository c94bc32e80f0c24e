package main

import (
	"fmt"
	"net/url"
	"os"
	"strings"
)

// Clockify's global hosts (the document's "API URLs").
const (
	globalAPIHost     = "api.clockify.me"
	globalReportsHost = "reports.api.clockify.me"
	clockifyDomain    = ".clockify.me"
)

// followRegion derives CLOCKIFY_REPORTS_URL from CLOCKIFY_API_URL when only
// the latter is set. Per Clockify's document, a regional (or developer)
// workspace's API is https://<prefix>.clockify.me/api/v1 and its reports
// are https://<prefix>.clockify.me/report/v1, on the same host. A
// CLOCKIFY_API_URL elsewhere than the global host with no way to derive the
// reports URL is a configuration error naming CLOCKIFY_REPORTS_URL.
func (c *Config) followRegion() error {
	if os.Getenv("CLOCKIFY_REPORTS_URL") != "" {
		return nil
	}
	if checkURL(c.ClockifyAPIURL) != nil {
		return nil // validate names CLOCKIFY_API_URL
	}
	u, _ := url.Parse(c.ClockifyAPIURL)
	host := strings.ToLower(u.Hostname())
	if host == globalAPIHost {
		return nil
	}
	if strings.HasSuffix(host, clockifyDomain) && (u.Path == "/api" || strings.HasPrefix(u.Path, "/api/")) {
		r := *u
		r.Path = "/report" + strings.TrimPrefix(u.Path, "/api")
		c.ClockifyReportsURL = r.String()
		return nil
	}
	return &ConfigError{Var: "CLOCKIFY_REPORTS_URL", Reason: fmt.Sprintf(
		"must be set when CLOCKIFY_API_URL is not a Clockify host (%s); the reports API is not at %s", u.Host, globalReportsHost)}
}
