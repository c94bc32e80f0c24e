package timeclock_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clockbot/clockbot/bot/timeclock"
	"github.com/clockbot/clockbot/store"
)

const secret = "timeclock-shared-secret-42"

// Payloads from the time activity webhook documentation.
const (
	clockIn = `{"userId": 145, "timeClockId": 67, "activityType": "shift", "eventType": "clock_in",
  "timeActivity": {"id": "65d46394a0973d7bbd55cd26", "start": {"timestamp": 1708417940, "timezone": "Asia/Jerusalem"},
  "jobId": "cc6e0b98-1f9a-4e3f-8535-c02d55a362d8", "shiftAttachments": []}}`
	clockOut = `{"userId": 145, "timeClockId": 67, "activityType": "shift", "eventType": "clock_out",
  "timeActivity": {"id": "65d46394a0973d7bbd55cd26", "start": {"timestamp": 1708417940, "timezone": "Asia/Jerusalem"},
  "end": {"timestamp": 1708446740, "timezone": "Asia/Jerusalem"}, "jobId": "cc6e0b98-1f9a-4e3f-8535-c02d55a362d8",
  "shiftAttachments": [{"shiftAttachmentId": "a69ef24c", "attachment": {"files": [{"fileName": "file", "fileUrl": "https://link_to_file"}]}}]}}`
	breakEdit = `{"userId": 145, "timeClockId": 67, "activityType": "manual_break", "eventType": "admin_edit",
  "timeActivity": {"id": "65d370a6a28dbd2c492d76bf", "start": {"timestamp": 1708425140, "timezone": "Asia/Jerusalem"},
  "end": {"timestamp": 1708428740, "timezone": "Asia/Jerusalem"}, "manualBreakId": "aad8cb0d-0d27-4adc-84f9-eb2ac4fa26b6"}}`
	timeOffAdd = `{"userId": 145, "timeClockId": 67, "activityType": "time_off", "eventType": "admin_add",
  "timeActivity": {"id": "65d32918a28dbd2c492d76bb", "start": {"timestamp": 1710885600, "timezone": "Asia/Jerusalem"},
  "end": {"timestamp": 1710971999, "timezone": "Asia/Jerusalem"}, "policyTypeId": "65af9319dea5e39064086d93",
  "duration": {"value": 1.0, "units": "days"}, "isAllDay": true}}`
	timeOffDeclined = `{"userId": 145, "timeClockId": 67, "activityType": "time_off", "eventType": "admin_declined_request", "timeActivityId": "65d32918a28dbd2c492d76bb"}`
	shiftDelete     = `{"userId": 145, "timeClockId": 67, "activityType": "shift", "eventType": "admin_delete", "timeActivityId": "65d46394a0973d7bbd55cd26"}`
)

type fixture struct {
	st  *store.Store
	url string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "clockbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.MapTimeClockUser(145, "u1"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(timeclock.New(timeclock.Options{Secret: secret, Store: st, Now: func() time.Time { return now }}))
	t.Cleanup(srv.Close)
	return &fixture{st: st, url: srv.URL + timeclock.Path}
}

func (f *fixture) post(t *testing.T, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if hdr == nil {
		hdr = map[string]string{timeclock.SecretHeader: secret}
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var (
	feb20 = time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)
	mar   = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	apr   = time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
)

func TestShiftsAndTimeOff(t *testing.T) {
	f := newFixture(t)
	jerusalem, _ := time.LoadLocation("Asia/Jerusalem")
	for _, step := range []struct {
		name, body, outcome string
	}{
		{"clock in", clockIn, "applied"},
		{"clock out", clockOut, "applied"},
		{"clock in redelivered", clockIn, "stale"},
		{"break edited by an admin", breakEdit, "applied"},
		{"time off added by an admin", timeOffAdd, "applied"},
	} {
		if status, b := f.post(t, step.body, nil); status != http.StatusOK || !strings.Contains(b, step.outcome) {
			t.Fatalf("%s: %d %s, want 200 %s", step.name, status, b, step.outcome)
		}
	}
	got, err := f.st.ClockedByDay("u1", feb20, feb20.AddDate(0, 0, 2), jerusalem, apr)
	if err != nil || got["2024-02-20"] != 7*time.Hour || len(got) != 1 {
		t.Errorf("ClockedByDay() = %v, %v; want 2024-02-20: 8h shift - 1h break", got, err)
	}
	offs, err := f.st.TimeClockDaysOff(mar, apr)
	if err != nil || len(offs) != 1 || offs[0].UserID != "u1" {
		t.Fatalf("TimeClockDaysOff() = %+v, %v; want the admin's time off", offs, err)
	}
	for _, body := range []string{timeOffDeclined, shiftDelete} {
		if status, b := f.post(t, body, nil); status != http.StatusOK || !strings.Contains(b, "deleted") {
			t.Fatalf("%d %s, want 200 deleted", status, b)
		}
	}
	if offs, _ := f.st.TimeClockDaysOff(mar, apr); len(offs) != 0 {
		t.Errorf("a declined time off still counts: %+v", offs)
	}
	if got, _ := f.st.ClockedByDay("u1", feb20, feb20.AddDate(0, 0, 2), jerusalem, apr); got["2024-02-20"] != -time.Hour {
		t.Errorf("after deleting the shift: %v, want only the break (-1h)", got)
	}
}

func TestRejectedAndIgnored(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		hdr    map[string]string
		status int
	}{
		{"no secret", clockIn, map[string]string{}, http.StatusUnauthorized},
		{"wrong secret", clockIn, map[string]string{timeclock.SecretHeader: "timeclock-shared-secret-43"}, http.StatusUnauthorized},
		{"bearer secret", clockIn, map[string]string{"Authorization": "Bearer " + secret}, http.StatusOK},
		{"unknown event type", strings.Replace(clockIn, "clock_in", "clock_sideways", 1), nil, http.StatusOK},
		{"unknown activity type", strings.Replace(clockIn, `"shift"`, `"lunch"`, 1), nil, http.StatusOK},
		{"user id as a string", strings.Replace(clockIn, "145", `"145"`, 1), nil, http.StatusBadRequest},
		{"deletion without an id", `{"userId": 145, "activityType": "shift", "eventType": "admin_delete"}`, nil, http.StatusBadRequest},
		{"unknown time zone", strings.Replace(clockIn, "Asia/Jerusalem", "Mars/Olympus", 1), nil, http.StatusBadRequest},
		{"not JSON", "clock_in", nil, http.StatusBadRequest},
		{"oversized", `{"userId": 145, "pad": "` + string(bytes.Repeat([]byte("x"), timeclock.MaxBody)) + `"}`, nil, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if status, b := f.post(t, tc.body, tc.hdr); status != tc.status {
				t.Fatalf("status %d (%s), want %d", status, b, tc.status)
			}
			acts, _ := f.st.TimeClockActivities(time.Time{}, apr)
			if want := tc.status == http.StatusOK && tc.name == "bearer secret"; (len(acts) == 1) != want {
				t.Errorf("activities %+v, want stored=%v", acts, want)
			}
		})
	}
}
