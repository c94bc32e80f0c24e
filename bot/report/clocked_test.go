package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/clockbot/clockbot/bot/weekly"
)

// TestWeeklyMessageClockedVsTracked: a person with time-clock shifts sees
// clocked against tracked hours, and a large gap is a reason in words.
func TestWeeklyMessageClockedVsTracked(t *testing.T) {
	ten := 10.0
	tests := []struct {
		name     string
		u        UserReport
		want     []string
		wantNone []string
	}{
		{"no time clock", UserReport{Hours: 20, Flagged: true, Reasons: []string{weekly.ReasonUnderHours}}, nil, []string{"Clocked in"}},
		{"clocked far from tracked", UserReport{Hours: 2, ClockedHours: &ten, Flagged: true, Reasons: []string{weekly.ReasonUnderHours, ReasonClockGap}},
			[]string{"*Clocked in:* 10 h on the time clock · *tracked:* 2 h in Clockify", "clocked and tracked hours far apart"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blocks, _ := WeeklyMessage("2026-W48", tc.u, MessageOptions{})
			text := blocksText(t, blocks)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("message lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tc.wantNone {
				if strings.Contains(text, w) {
					t.Errorf("message has %q:\n%s", w, text)
				}
			}
		})
	}
}

// blocksText is the JSON of blocks, enough to search their texts.
func blocksText(t *testing.T, blocks any) string {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
