package store

import (
	"reflect"
	"testing"
	"time"
)

func TestEntryCodecRoundTrip(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		in   Entry
	}{
		{"running", Entry{ID: "e", UserID: "u", Start: at(16, 9)}},
		{"all fields", Entry{ID: "e", UserID: "u", ProjectID: "p", Description: "Design review ✓", Type: "BREAK", Billable: true, Start: at(16, 9), End: at(16, 10)}},
		{"nanoseconds", Entry{ID: "e", UserID: "u", Start: at(16, 9).Add(123456789), End: at(16, 9).Add(time.Hour + 1)}},
		{"before 1970", Entry{ID: "e", UserID: "u", Start: time.Date(1965, 3, 1, 8, 0, 0, 5, time.UTC), End: time.Date(1965, 3, 1, 9, 0, 0, 0, time.UTC)}},
		{"far future", Entry{ID: "e", UserID: "u", Start: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(3000, 1, 2, 0, 0, 0, 0, time.UTC)}},
		{"other zone", Entry{ID: "e", UserID: "u", Start: time.Date(2026, 11, 16, 9, 0, 0, 0, berlin), End: time.Date(2026, 11, 16, 10, 0, 0, 0, berlin)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := encodeEntry(tc.in)
			got, err := decodeEntry(data)
			if err != nil {
				t.Fatalf("decodeEntry() error: %v", err)
			}
			want := tc.in
			want.Start = want.Start.UTC()
			if !want.End.IsZero() {
				want.End = want.End.UTC()
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeEntry(encodeEntry(e)) = %+v, want %+v", got, want)
			}
			for n := range len(data) { // every truncation fails cleanly
				if _, err := decodeEntry(data[:n]); err == nil {
					t.Errorf("decodeEntry() of %d of %d bytes succeeded", n, len(data))
				}
			}
		})
	}
	if _, err := decodeEntry([]byte{9, 0}); err == nil {
		t.Error("decodeEntry() of an unknown format succeeded")
	}
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(-1, 0),
		time.Unix(0, 0),
		time.Unix(0, 1),
		at(16, 9),
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		a, b := timeKey(times[i-1]), timeKey(times[i])
		if a > b || (a == b && i > 1) {
			t.Errorf("timeKey(%v) = %x, not below timeKey(%v) = %x", times[i-1], a, times[i], b)
		}
	}
	if timeKey(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) != ^uint64(0) {
		t.Error("timeKey() of year 9999 is not clamped to the maximum")
	}
}
