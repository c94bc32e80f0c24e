package bottest

import (
	"time"

	"github.com/clockbot/clockbot/internal/fakeclock"
)

// Clock is the settable clock shared by the fakes and the code under test
// (fakeclock.Clock).
type Clock = fakeclock.Clock

// NewClock returns a Clock set to t.
func NewClock(t time.Time) *Clock { return fakeclock.New(t) }
