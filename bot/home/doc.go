// Package home serves the App Home tab: everyone's running timer (with
// Start and Stop, through the timer service), today and this week (the
// report's evaluation), personal settings; the managers' view of their
// people's week and last week's flagged people; and the admins' settings
// (targets, exception list, manager overrides), sync health, audit log,
// preview and Sync now.
//
// It must not know the manager buttons on the weekly messages (bot/actions
// refreshes the tab through Republish) nor how messages are delivered.
package home
