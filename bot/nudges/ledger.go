package nudges

import (
	"time"

	"github.com/clockbot/clockbot/store"
)

// sentRecord is a ledger record: the last local date (nudge) or week
// (heads-up) a DM was claimed for, and when.
type sentRecord struct {
	For string    `json:"for"`
	At  time.Time `json:"at"`
}

// claim records, in one store transaction, that the DM under key is sent
// for period; it reports false when it already was (or is being) sent, so
// that a DM goes out once even when two ticks or a restart meet. The
// record is claimed before sending; release gives it back after a failed
// send.
func claim(st *store.Store, key, period string, now time.Time) (claimed bool, prev sentRecord, err error) {
	var rec sentRecord
	err = st.UpdateSetting(key, &rec, func(bool) (bool, error) {
		prev = rec
		if rec.For == period {
			return false, nil
		}
		rec = sentRecord{For: period, At: now.UTC()}
		claimed = true
		return true, nil
	})
	return claimed, prev, err
}

// release gives back a record claimed for period after its DM failed, so
// that the next tick retries.
func release(st *store.Store, key, period string, prev sentRecord) error {
	var rec sentRecord
	return st.UpdateSetting(key, &rec, func(bool) (bool, error) {
		if rec.For != period {
			return false, nil
		}
		rec = prev
		return true, nil
	})
}
