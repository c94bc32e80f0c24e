package commands

import "testing"

// TestCommandsAdminTimeClock: admins map a person to their time-clock
// user with /tt admin timeclock; bad input gets a clear answer and maps
// nothing; the mapping is stored and audited.
func TestCommandsAdminTimeClock(t *testing.T) {
	e := newCmdEnv(t)
	tests := []struct{ name, user, text, want string }{
		{"not an admin", "UBOB", "admin timeclock <@UANN|ann> 145", "Sorry, only clockbot admins can do that. You could ask <@UADA>."},
		{"no id", "UADA", "admin timeclock <@UANN|ann>", timeClockUsage},
		{"not a mention", "UADA", "admin timeclock ann 145", "The first argument should mention a Slack user, like `@ann` (I got “ann”). " + timeClockUsage},
		{"not a number", "UADA", "admin timeclock <@UANN|ann> <!here>", "“&lt;!here&gt;” is not a time-clock user id: give its number, like 145. " + timeClockUsage},
		{"negative", "UADA", "admin timeclock <@UANN|ann> -3", "“-3” is not a time-clock user id: give its number, like 145. " + timeClockUsage},
		{"no Clockify account", "UADA", "admin timeclock <@UNOE|noe> 146", "<@UNOE> has no Clockify account I know of: map them first with `/tt admin map @user email@example.com`."},
		{"mapped", "UADA", "admin timeclock <@UANN|ann> 145", "Done: time-clock user 145 is now <@UANN> (*Ann Smith*): their shifts and approved time off from the time clock count in their week."},
		{"remapped", "UADA", "admin timeclock <@UBOB|bob> 145", "Done: time-clock user 145 is now <@UBOB> (*Bob Jones*): their shifts and approved time off from the time clock count in their week. It was mapped to someone else before."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.text(t, tc.user, tc.text); got != tc.want {
				t.Errorf("%s /tt %s:\n got %q\nwant %q", tc.user, tc.text, got, tc.want)
			}
		})
	}
	users, err := e.st.TimeClockUsers()
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 || users[145] != "u-bob" {
		t.Errorf("time-clock users = %v, want only 145 -> u-bob", users)
	}
	audit, err := e.st.RecentAudit(5)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 2 || audit[0].Action != "map_timeclock" || audit[0].Actor != "UADA" {
		t.Errorf("audit = %+v, want two map_timeclock entries by UADA", audit)
	}
}
