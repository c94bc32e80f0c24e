package clockify

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{in: "", want: 0},
		{in: "PT1H30M", want: 90 * time.Minute},
		{in: "PT45S", want: 45 * time.Second},
		{in: "PT0.5S", want: 500 * time.Millisecond},
		{in: "PT0,25S", want: 250 * time.Millisecond},
		{in: "P1DT2H", want: 26 * time.Hour},
		{in: "P2D", want: 48 * time.Hour},
		{in: "P1W", want: 7 * 24 * time.Hour},
		{in: "PT8H0M0S", want: 8 * time.Hour},
		{in: "PT1.5H", want: 90 * time.Minute},
		{in: "PT0S", want: 0},
		{in: "pt2m", want: 2 * time.Minute},
		{in: "-PT1M", want: -time.Minute},
		{in: "PT36H", want: 36 * time.Hour},
		{in: "garbage", wantErr: true},
		{in: "P", wantErr: true},
		{in: "PT", wantErr: true},
		{in: "P1DT", wantErr: true},
		{in: "1H", wantErr: true},
		{in: "PT1H1H", wantErr: true},
		{in: "PT1M1H", wantErr: true},
		{in: "P1H", wantErr: true},
		{in: "PT1D", wantErr: true},
		{in: "P1Y", wantErr: true},
		{in: "P1M", wantErr: true},
		{in: "PTH", wantErr: true},
		{in: "PT1", wantErr: true},
		{in: "PT1.2.3S", wantErr: true},
		{in: "PT.S", wantErr: true},
		{in: "PTTS", wantErr: true},
		{in: "PT99999999999999999999H", wantErr: true},
		{in: "PT9999999H", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseDuration(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseDuration(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
