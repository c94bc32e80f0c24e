package store

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestSettings(t *testing.T) {
	s := newTestStore(t)
	type target struct {
		Hours  float64  `json:"hours"`
		Except []string `json:"except"`
	}
	var got target
	if ok, err := s.Setting("report", &got); ok || err != nil {
		t.Errorf("Setting(absent) = %v, %v; want false, nil", ok, err)
	}
	want := target{Hours: 25, Except: []string{"u1"}}
	if err := s.PutSetting("report", want); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Setting("report", &got); !ok || err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Setting(report) = %+v, %v, %v; want %+v", got, ok, err, want)
	}
	var wrong int
	if _, err := s.Setting("report", &wrong); err == nil {
		t.Error("Setting() into the wrong type succeeded")
	}
	if err := s.DeleteSetting("report"); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Setting("report", &got); ok || err != nil {
		t.Errorf("Setting() after delete = %v, %v; want false, nil", ok, err)
	}
	if err := s.DeleteSetting("report"); err != nil {
		t.Errorf("DeleteSetting(absent) error: %v", err)
	}
	if err := s.PutSetting("", 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutSetting(\"\") error = %v, want ErrInvalid", err)
	}
	if err := s.PutSetting("bad", func() {}); err == nil {
		t.Error("PutSetting() of a func succeeded")
	}
}

func TestSlackUsers(t *testing.T) {
	s := newTestStore(t)
	ann := SlackUser{Email: "Ann@Example.com", SlackID: "U1", TimeZone: "Europe/Berlin", LookedUpAt: at(16, 9)}
	missing := SlackUser{Email: "ghost@example.com", LookedUpAt: at(16, 9)}
	for _, u := range []SlackUser{ann, missing} {
		if err := s.PutSlackUser(u); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok, err := s.SlackUser("ann@EXAMPLE.com"); err != nil || !ok || !reflect.DeepEqual(got, ann) {
		t.Errorf("SlackUser(ann) = %+v, %v, %v; want %+v", got, ok, err, ann)
	}
	if got, ok, err := s.SlackUser("ghost@example.com"); err != nil || !ok || got.SlackID != "" {
		t.Errorf("SlackUser(ghost) = %+v, %v, %v; want a negative record", got, ok, err)
	}
	if got, ok, err := s.SlackUserByID("U1"); err != nil || !ok || !reflect.DeepEqual(got, ann) {
		t.Errorf("SlackUserByID(U1) = %+v, %v, %v; want %+v", got, ok, err, ann)
	}
	// Ann's Slack account changes: the old id no longer finds her.
	ann2 := ann
	ann2.SlackID, ann2.Manual = "U2", true
	if err := s.PutSlackUser(ann2); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.SlackUserByID("U1"); ok {
		t.Error("SlackUserByID(old id) still finds a user")
	}
	if got, ok, _ := s.SlackUserByID("U2"); !ok || !reflect.DeepEqual(got, ann2) {
		t.Errorf("SlackUserByID(U2) = %+v, %v; want %+v", got, ok, ann2)
	}
	if _, ok, err := s.SlackUser("nobody@example.com"); ok || err != nil {
		t.Errorf("SlackUser(nobody) = %v, %v; want not found", ok, err)
	}
	if err := s.PutSlackUser(SlackUser{SlackID: "U3"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutSlackUser() without email error = %v, want ErrInvalid", err)
	}
}

func TestDeliveries(t *testing.T) {
	s := newTestStore(t)
	d := Delivery{Week: "2026-W47", UserID: "u1", State: DeliveryPending, Attempts: 1, UpdatedAt: at(23, 9)}
	ok, err := s.ClaimDelivery(d)
	if err != nil || !ok {
		t.Fatalf("first ClaimDelivery() = %v, %v; want true", ok, err)
	}
	again := d
	again.State = DeliverySent
	if ok, err := s.ClaimDelivery(again); err != nil || ok {
		t.Errorf("second ClaimDelivery() = %v, %v; want false", ok, err)
	}
	if got, ok, err := s.Delivery("2026-W47", "u1"); err != nil || !ok || !reflect.DeepEqual(got, d) {
		t.Errorf("Delivery() after a lost claim = %+v, %v, %v; want the first claim %+v", got, ok, err, d)
	}
	sent := d
	sent.State, sent.TS, sent.Channel = DeliverySent, "1700000000.000100", "C1"
	for _, rec := range []Delivery{
		sent,
		{Week: "2026-W47", UserID: "u0", State: DeliveryFailed, Error: "boom"},
		{Week: "2026-W48", UserID: "u1", State: DeliveryPending},
		{Week: "2026-W4", UserID: "u1", State: DeliveryPending}, // a prefix of the week, not the week
	} {
		if err := s.PutDelivery(rec); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := s.Deliveries("2026-W47")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].UserID != "u0" || !reflect.DeepEqual(ds[1], sent) {
		t.Errorf("Deliveries(2026-W47) = %+v, want u0 then %+v", ds, sent)
	}
	if ds, _ := s.Deliveries("2026-W40"); len(ds) != 0 {
		t.Errorf("Deliveries(empty week) = %+v, want none", ds)
	}
	if _, ok, err := s.Delivery("2026-W47", "u9"); ok || err != nil {
		t.Errorf("Delivery(absent) = %v, %v; want not found", ok, err)
	}
	for _, bad := range []Delivery{{UserID: "u1"}, {Week: "2026-W47"}, {Week: "2026\x00", UserID: "u1"}} {
		if err := s.PutDelivery(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("PutDelivery(%+v) error = %v, want ErrInvalid", bad, err)
		}
		if _, err := s.ClaimDelivery(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ClaimDelivery(%+v) error = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestClaimDeliveryConcurrent(t *testing.T) {
	s := newTestStore(t)
	const n = 20
	var wg sync.WaitGroup
	wins := make(chan int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.ClaimDelivery(Delivery{Week: "2026-W47", UserID: "u1", State: DeliveryPending, Attempts: i})
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins <- i
			}
		}()
	}
	wg.Wait()
	close(wins)
	if got := len(wins); got != 1 {
		t.Errorf("%d of %d concurrent claims won, want exactly 1", got, n)
	}
}

func TestRecentAudit(t *testing.T) {
	s := newTestStore(t)
	for i := range 5 {
		a := AuditEntry{At: at(16, 9).Add(time.Duration(i) * time.Minute), Actor: "U1", Action: "acknowledge", Week: "2026-W47", UserID: fmt.Sprintf("u%d", i)}
		if err := s.AppendAudit(a); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		n    int
		want []string
	}{
		{3, []string{"u4", "u3", "u2"}},
		{5, []string{"u4", "u3", "u2", "u1", "u0"}},
		{10, []string{"u4", "u3", "u2", "u1", "u0"}},
		{0, nil},
		{-1, nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			as, err := s.RecentAudit(tc.n)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, a.UserID)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("RecentAudit(%d) = %v, want %v", tc.n, got, tc.want)
			}
		})
	}
	as, _ := s.RecentAudit(1)
	if want := (AuditEntry{At: at(16, 9).Add(4 * time.Minute), Actor: "U1", Action: "acknowledge", Week: "2026-W47", UserID: "u4"}); !reflect.DeepEqual(as[0], want) {
		t.Errorf("RecentAudit(1)[0] = %+v, want %+v", as[0], want)
	}
}
