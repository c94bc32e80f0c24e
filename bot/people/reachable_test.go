package people

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/clockbot/clockbot/store"
)

func TestForEachReachable(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	users := []store.User{
		{ID: "c-ann", Email: "ann@example.com", Status: "ACTIVE"},
		{ID: "c-bob", Email: "bob@example.com", Status: "ACTIVE"},   // no Slack account known
		{ID: "c-cat", Email: "cat@example.com", Status: "INACTIVE"}, // left
		{ID: "c-dan", Email: "", Status: "ACTIVE"},                  // no email
		{ID: "c-eve", Email: "eve@example.com", Status: "ACTIVE"},   // fn fails
		{ID: "c-fay", Email: "fay@example.com", Status: "ACTIVE"},   // looked up, not in Slack
	}
	if err := st.Apply(store.Batch{Users: users}); err != nil {
		t.Fatal(err)
	}
	for _, su := range []store.SlackUser{
		{Email: "ann@example.com", SlackID: "UANN"},
		{Email: "cat@example.com", SlackID: "UCAT"},
		{Email: "eve@example.com", SlackID: "UEVE"},
		{Email: "fay@example.com", SlackID: ""},
	} {
		if err := st.PutSlackUser(su); err != nil {
			t.Fatal(err)
		}
	}

	var got []string
	boom := errors.New("boom")
	problems, err := ForEachReachable(context.Background(), st, func(u store.User, su store.SlackUser) error {
		got = append(got, u.ID+"="+su.SlackID)
		if u.ID == "c-eve" {
			return boom
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ForEachReachable() error = %v", err)
	}
	if want := []string{"c-ann=UANN", "c-eve=UEVE"}; !slices.Equal(got, want) {
		t.Errorf("visited %v, want %v", got, want)
	}
	if len(problems) != 1 || !errors.Is(problems[0], boom) {
		t.Errorf("problems = %v, want the one error of fn", problems)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ForEachReachable(ctx, st, func(store.User, store.SlackUser) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk error = %v, want context.Canceled", err)
	}
}
