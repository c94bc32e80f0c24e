package bot

// ClockifyChanged is told that a Clockify webhook changed the store for
// clockifyUserID (a time entry, a timer, time off; "" for workspace-wide
// changes such as projects): the person's Home tab is re-published so that
// it shows the change at once. /tt status, /tt today and the Refresh
// button read the store, which holds no cache to invalidate.
func (b *Bot) ClockifyChanged(clockifyUserID string) {
	b.Home.ClockifyChanged(clockifyUserID)
}
