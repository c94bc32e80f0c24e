// Package commands answers the /tt slash command: start and stop timers
// (through the timer service), status, today and week (from the store
// through the report package), and the personal settings (notifications,
// daily summary) and admins' mappings.
//
// It must not know the Home tab or delivery, and it posts nothing itself:
// channel notices and summaries belong to bot/notices.
package commands
