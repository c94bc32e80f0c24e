package weekly

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseWorkdays(t *testing.T) {
	mon, tue, wed, thu, fri, sat, sun := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday
	tests := []struct {
		in      string
		want    []time.Weekday
		wantErr string
	}{
		{in: "Mon,Tue,Wed,Thu,Fri", want: []time.Weekday{mon, tue, wed, thu, fri}},
		{in: "mon, TUE ,wednesday,Thursday,FRIDAY", want: []time.Weekday{mon, tue, wed, thu, fri}},
		{in: "Sun,Mon,Tue,Wed,Thu", want: []time.Weekday{mon, tue, wed, thu, sun}},
		{in: "Fri,Mon,fri,MON", want: []time.Weekday{mon, fri}},
		{in: "MON,THU", want: []time.Weekday{mon, thu}},
		{in: "Mon-Fri", want: []time.Weekday{mon, tue, wed, thu, fri}},
		{in: "Sun-Thu", want: []time.Weekday{mon, tue, wed, thu, sun}},
		{in: "sat", want: []time.Weekday{sat}},
		{in: "Mon,Tue,Wed,Thu,Fri,Sat,Sun", want: []time.Weekday{mon, tue, wed, thu, fri, sat, sun}},
		{in: "", wantErr: "no days given"},
		{in: "  ", wantErr: "no days given"},
		{in: "Mon,,Tue", wantErr: "empty day"},
		{in: "Mon,Funday", wantErr: `"Funday" is not a day`},
		{in: "Mon-Someday", wantErr: `"Mon-Someday" is not a range`},
		{in: "M", wantErr: `"M" is not a day`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWorkdays(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseWorkdays(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseWorkdays(%q) error = %v", tt.in, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseWorkdays(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDefaultParams(t *testing.T) {
	p := DefaultParams()
	if want := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}; !slices.Equal(p.Workdays, want) {
		t.Errorf("Workdays = %v, want %v", p.Workdays, want)
	}
	if p.MinHours != 25 || p.HoursPerDay != 8 || p.DefaultLocation != time.UTC || !p.Now.IsZero() {
		t.Errorf("DefaultParams() = %+v, want 25 hours, 8 a day, UTC, zero Now", p)
	}
}
