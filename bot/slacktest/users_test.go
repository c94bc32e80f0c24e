package slacktest

import (
	"testing"

	"github.com/slack-go/slack"
)

func TestUsers(t *testing.T) {
	s := seeded(t, WithClock(fixedClock))
	api := newAPI(s)
	ctx := testCtx(t)

	t.Run("lookup by email", func(t *testing.T) {
		for _, tc := range []struct{ email, wantID, wantErr string }{
			{"ann@example.com", "U1", ""},
			{"ANN@Example.com", "U1", ""},
			{"nobody@example.com", "", "users_not_found"},
			{"gone@example.com", "", "users_not_found"},
		} {
			t.Run(tc.email, func(t *testing.T) {
				u, err := api.GetUserByEmailContext(ctx, tc.email)
				if tc.wantErr != "" {
					wantSlackError(t, err, tc.wantErr)
					return
				}
				mustNoErr(t, "lookup", err)
				assertEqual(t, "ID", u.ID, tc.wantID)
			})
		}
	})
	t.Run("info", func(t *testing.T) {
		u, err := api.GetUserInfoContext(ctx, "U1")
		mustNoErr(t, "info", err)
		got := []any{u.ID, u.Name, u.RealName, u.TZ, u.TZLabel, u.TZOffset, u.Profile.Email, u.Profile.DisplayName, u.TeamID}
		want := []any{"U1", "ann", "Ann Lee", "Europe/Berlin", "CET", 3600, "ann@example.com", "ann", "T1"}
		assertEqual(t, "user", got, want)
		gone, err := api.GetUserInfoContext(ctx, "UGONE")
		mustNoErr(t, "deleted user", err)
		assertEqual(t, "deleted", gone.Deleted, true)
		_, err = api.GetUserInfoContext(ctx, "UNOPE")
		wantSlackError(t, err, "user_not_found")
	})
	t.Run("list pages", func(t *testing.T) {
		p := api.GetUsersPaginated(slack.GetUsersOptionLimit(2))
		var ids []string
		pages := 0
		for {
			var err error
			if p, err = p.Next(ctx); p.Done(err) {
				break
			}
			mustNoErr(t, "page", err)
			pages++
			for _, u := range p.Users {
				ids = append(ids, u.ID)
			}
		}
		assertEqual(t, "users", ids, []string{"UBOT", "U1", "U2", "U3", "UGONE"})
		assertEqual(t, "pages", pages, 3)
	})
}
