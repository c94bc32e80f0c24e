// Package people answers who someone is and who they answer to: the
// mapping of Slack users to Clockify users (by email, cached, with admins'
// manual mappings), the admins, who manages whom (Clockify's team managers,
// group managers, REPORT_MANAGERS, and the admins' overrides, applied in
// one place: Directory.Managers), and each person's preferences.
//
// It must not know reports, timers or any Slack rendering.
package people
